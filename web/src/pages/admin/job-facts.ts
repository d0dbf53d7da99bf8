/** An ingest job's facts as the jobs page words them: its name, state, stage and what viewers get. */
import type { IngestJob, JobStage, JobState } from "../../api/types.ts";

export const STATE_LABELS: Record<JobState, string> = {
  queued: "Queued",
  processing: "Processing",
  ready: "Ready",
  failed: "Failed",
  cancelled: "Cancelled",
};

export const STAGE_LABELS: Record<JobStage, string> = {
  probing: "Reading the file",
  analysing: "Analysing",
  encoding: "Encoding",
  finishing: "Finishing",
};

/** What the job is for ("Harbor Lights · The Tide"), or its file when the catalog has no name. */
export const jobName = (job: IngestJob) => job.target.name ?? job.upload.filename;

/**
 * What viewers can watch: "playable" means the lowest quality is out while
 * the higher ones still encode; "ready" means every quality is.
 */
export function viewing(job: IngestJob): string | null {
  if (job.state === "ready") return "Ready: viewers can watch every quality.";
  if (job.asset.state === "playable")
    return "Playable: viewers can already watch the lowest quality while the higher ones encode.";
  return null;
}
