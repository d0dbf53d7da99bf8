/**
 * The jobs page's list: ingest jobs in one state (or all), newest first,
 * a page at a time with "load more", kept live while any is still on its
 * way (polled every 2 s while the tab is visible).
 *
 * A poll reloads the newest jobs, as many as are shown (up to the API's
 * page limit), and keeps older pages as they were, so it shows new jobs,
 * moves the running ones on, and drops jobs that have left the filter.
 */
import { useCallback, useEffect, useState } from "react";
import { toApiError, type ApiError } from "../api/api-error.ts";
import { listIngestJobs } from "../api/client.ts";
import type { IngestJob, IngestJobList, JobState } from "../api/types.ts";
import { usePolling } from "./use-polling.ts";

const PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;
const POLL_INTERVAL_MS = 2_000;
const LIVE_STATES = new Set<JobState>(["queued", "processing"]);

/** Whether a job is still on its way (queued or processing), so worth polling. */
export const isLiveJob = (job: IngestJob) => LIVE_STATES.has(job.state);

interface JobListState {
  /** The filter these jobs are for; a list for another filter is not shown. */
  filter: JobState | undefined;
  jobs: IngestJob[];
  nextCursor: string | null;
}

/** The shown list after a reload of its newest jobs. */
function withNewest(shown: JobListState, newest: IngestJobList): JobListState {
  const oldest = newest.jobs.at(-1);
  // The reload covered everything there is: nothing older to keep.
  if (!newest.nextCursor || !oldest) return { ...shown, ...newest };
  const older = shown.jobs.filter((job) => job.createdAt < oldest.createdAt);
  return {
    filter: shown.filter,
    jobs: [...newest.jobs, ...older],
    nextCursor: older.length > 0 ? shown.nextCursor : newest.nextCursor,
  };
}

export function useJobList(filter: JobState | undefined) {
  const [list, setList] = useState<JobListState | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const shown = list && list.filter === filter ? list : null;

  useEffect(() => {
    let current = true;
    listIngestJobs({ state: filter, limit: PAGE_SIZE }).then(
      (page) => {
        if (!current) return;
        setList({ filter, ...page });
        setError(null);
      },
      (caught: unknown) => current && setError(toApiError(caught)),
    );
    return () => {
      current = false;
    };
  }, [filter]);

  const refresh = useCallback(async () => {
    if (!shown) return;
    const limit = Math.min(MAX_PAGE_SIZE, Math.max(PAGE_SIZE, shown.jobs.length));
    try {
      const newest = await listIngestJobs({ state: filter, limit });
      setList((old) => (old && old.filter === filter ? withNewest(old, newest) : old));
      setError(null);
    } catch (caught) {
      // The next poll tries again; until then the page says the list may be stale.
      setError(toApiError(caught));
    }
  }, [shown, filter]);

  async function loadMore() {
    if (!shown?.nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await listIngestJobs({
        state: filter,
        limit: PAGE_SIZE,
        cursor: shown.nextCursor,
      });
      setList((old) =>
        old && old.filter === filter
          ? { filter, jobs: [...old.jobs, ...page.jobs], nextCursor: page.nextCursor }
          : old,
      );
      setError(null);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setLoadingMore(false);
    }
  }

  /** Shows a job as an action (retry, cancel) left it, until the next poll. */
  function replace(job: IngestJob) {
    setList(
      (old) =>
        old && {
          ...old,
          jobs: old.jobs.map((shownJob) => (shownJob.id === job.id ? job : shownJob)),
        },
    );
  }

  const live = shown?.jobs.some(isLiveJob) ?? false;
  usePolling(refresh, POLL_INTERVAL_MS, live);

  return {
    jobs: shown?.jobs,
    hasMore: Boolean(shown?.nextCursor),
    loadingMore,
    error,
    loadMore,
    replace,
  };
}
