/**
 * The upload page's upload (upload/ingest-upload.ts) as state: its phase,
 * the bytes sent, and the job it became. Pausing stops sending; resuming
 * goes on from what the server has stored. Leaving the page pauses it too,
 * and choosing the same file for the same place later picks it up again.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { toApiError, type ApiError } from "../api/api-error.ts";
import type { IngestJob } from "../api/types.ts";
import {
  findUploadJob,
  startIngestUpload,
  type IngestUploadInput,
} from "../upload/ingest-upload.ts";
import type { TusUpload } from "../upload/tus-upload.ts";

export type UploadPhase =
  | "idle"
  /** Subtitles going up, or an earlier upload being looked up. */
  | "starting"
  | "uploading"
  | "paused"
  /** Every byte is stored; waiting for the server's job. */
  | "finishing"
  | "done"
  | "failed";

export interface UploadState {
  phase: UploadPhase;
  sentBytes: number;
  totalBytes: number;
  error: ApiError | null;
  /** The ingest job, once done (null if it could not be found in time). */
  job: IngestJob | null;
}

const IDLE: UploadState = { phase: "idle", sentBytes: 0, totalBytes: 0, error: null, job: null };

export function useIngestUpload() {
  const [state, setState] = useState<UploadState>(IDLE);
  const upload = useRef<TusUpload | null>(null);

  useEffect(() => () => upload.current?.pause(), []);

  const update = useCallback(
    (change: Partial<UploadState>) => setState((old) => ({ ...old, ...change })),
    [],
  );

  /** Starts (or, after a failure, tries again: it goes on from what the server has). */
  const start = useCallback(
    async (input: IngestUploadInput) => {
      setState({ ...IDLE, phase: "starting", totalBytes: input.master.size });
      try {
        const started = await startIngestUpload(input, (sentBytes, totalBytes) =>
          update({ sentBytes, totalBytes }),
        );
        upload.current = started;
        update({ phase: "uploading" });
        const uploadId = await started.done;
        upload.current = null;
        update({ phase: "finishing" });
        // The video is in: not finding its job is no reason to upload it again.
        const job = await findUploadJob(uploadId, input.target).catch(() => null);
        update({ phase: "done", job });
      } catch (error) {
        upload.current = null;
        update({ phase: "failed", error: toApiError(error) });
      }
    },
    [update],
  );

  const pause = useCallback(() => {
    upload.current?.pause();
    update({ phase: "paused" });
  }, [update]);

  const resume = useCallback(() => {
    upload.current?.resume();
    update({ phase: "uploading" });
  }, [update]);

  /** Forgets a finished or failed upload, for the next one. */
  const reset = useCallback(() => setState(IDLE), []);

  return { ...state, start, pause, resume, reset };
}
