/**
 * One ingest job with its tasks, for its page: polled every second while
 * it is queued or processing (and the tab is visible), so its chunk grid
 * moves as transcoders take and finish chunks; a finished job is not
 * polled again. A failed poll keeps the job shown with the error beside
 * it, and the next one tries again.
 */
import { useCallback, useEffect, useState } from "react";
import { toApiError, type ApiError } from "../api/api-error.ts";
import { getIngestJob } from "../api/client.ts";
import type { IngestJob } from "../api/types.ts";
import { isLiveJob } from "./use-job-list.ts";
import { usePolling } from "./use-polling.ts";

const POLL_INTERVAL_MS = 1_000;

interface Loaded {
  job: IngestJob;
  updatedAt: Date;
}

export function useIngestJob(jobId: string) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // Another job's data (the page moved on to a new id) is not shown.
  const shown = loaded?.job.id === jobId ? loaded : null;

  useEffect(() => {
    let current = true;
    getIngestJob(jobId).then(
      (job) => {
        if (!current) return;
        setLoaded({ job, updatedAt: new Date() });
        setError(null);
      },
      (caught: unknown) => current && setError(toApiError(caught)),
    );
    return () => {
      current = false;
    };
  }, [jobId]);

  const refresh = useCallback(async () => {
    try {
      const job = await getIngestJob(jobId);
      setLoaded({ job, updatedAt: new Date() });
      setError(null);
    } catch (caught) {
      setError(toApiError(caught));
    }
  }, [jobId]);

  usePolling(refresh, POLL_INTERVAL_MS, shown !== null && isLiveJob(shown.job));

  return {
    job: shown?.job,
    /** When the job shown was read. */
    updatedAt: shown?.updatedAt,
    error,
    /** Shows the job as an action (retry, cancel) left it; a job live again is polled again. */
    replace: useCallback((job: IngestJob) => setLoaded({ job, updatedAt: new Date() }), []),
  };
}
