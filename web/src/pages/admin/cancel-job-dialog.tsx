/** Confirms cancelling an ingest job: its outputs go, the uploaded source stays (so it can be retried). */
import { cancelIngestJob } from "../../api/client.ts";
import type { IngestJob } from "../../api/types.ts";
import { Dialog } from "../../components/dialog.tsx";
import { ErrorMessage } from "../../components/error-message.tsx";
import { useAsyncAction } from "../../hooks/use-async-action.ts";
import { jobName } from "./job-facts.ts";

interface CancelJobDialogProps {
  job: IngestJob;
  onClose: () => void;
  onCancelled: (job: IngestJob) => void;
}

export function CancelJobDialog({ job, onClose, onCancelled }: CancelJobDialogProps) {
  const action = useAsyncAction();

  async function confirm() {
    const cancelled = await action.run(() => cancelIngestJob(job.id));
    if (cancelled) onCancelled(cancelled);
  }

  return (
    <Dialog title={`Cancel the job for ${jobName(job)}?`} onClose={onClose}>
      <p className="dialog__text">
        Transcoding stops and whatever it made so far is removed
        {job.asset.state === "playable" && ", so viewers can no longer watch it"}. The uploaded file
        is kept: you can retry the job later.
      </p>
      <ErrorMessage error={action.error} />
      <div className="dialog__actions">
        <button
          type="button"
          className="button button--danger"
          disabled={action.pending}
          onClick={() => void confirm()}
        >
          Cancel job
        </button>
        <button type="button" className="button button--secondary" onClick={onClose} data-autofocus>
          Keep it running
        </button>
      </div>
    </Dialog>
  );
}
