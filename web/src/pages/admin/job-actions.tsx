/**
 * Retry and Cancel, on the jobs list and on a job's page: Retry queues a
 * failed or cancelled job again as its next run; Cancel stops a queued or
 * running one, after a confirmation. Either way the page is handed the job
 * as the server left it, and news to announce.
 */
import { useState, type ReactNode } from "react";
import { retryIngestJob } from "../../api/client.ts";
import type { IngestJob } from "../../api/types.ts";
import { useAsyncAction } from "../../hooks/use-async-action.ts";
import { CancelJobDialog } from "./cancel-job-dialog.tsx";
import { jobName } from "./job-facts.ts";
import "./job-actions.css";

export function useJobActions(onChange: (job: IngestJob) => void) {
  const retry = useAsyncAction();
  const [cancelling, setCancelling] = useState<IngestJob | null>(null);
  const [news, setNews] = useState<string | null>(null);

  async function retryJob(job: IngestJob) {
    setNews(null);
    const queued = await retry.run(() => retryIngestJob(job.id));
    if (!queued) return;
    onChange(queued);
    setNews(`The job for ${jobName(job)} is queued again.`);
  }

  function cancelled(job: IngestJob) {
    setCancelling(null);
    onChange(job);
    setNews(`The job for ${jobName(job)} is cancelled.`);
  }

  return {
    news,
    error: retry.error,
    /** A retry is being sent: every job's buttons wait. */
    busy: retry.pending,
    retry: (job: IngestJob) => void retryJob(job),
    cancel: setCancelling,
    /** The cancel confirmation while it is open, for the page to render. */
    dialog: cancelling && (
      <CancelJobDialog
        job={cancelling}
        onClose={() => setCancelling(null)}
        onCancelled={cancelled}
      />
    ),
  };
}

export type JobActions = ReturnType<typeof useJobActions>;

interface JobActionButtonsProps {
  job: IngestJob;
  actions: JobActions;
  /** Links before the buttons (the list's way to a job's page). */
  children?: ReactNode;
}

/** The job's Retry or Cancel button, where the server allows them. */
export function JobActionButtons({ job, actions, children }: JobActionButtonsProps) {
  const name = jobName(job);
  const canRetry = job.state === "failed" || job.state === "cancelled";
  const canCancel = job.state === "queued" || job.state === "processing";
  if (!canRetry && !canCancel && !children) return null;
  return (
    <div className="job-actions">
      {children}
      {canRetry && (
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={actions.busy}
          onClick={() => actions.retry(job)}
        >
          Retry<span className="visually-hidden"> {name}</span>
        </button>
      )}
      {canCancel && (
        <button
          type="button"
          className="button button--danger button--small"
          disabled={actions.busy}
          onClick={() => actions.cancel(job)}
        >
          Cancel<span className="visually-hidden"> {name}</span>
        </button>
      )}
    </div>
  );
}
