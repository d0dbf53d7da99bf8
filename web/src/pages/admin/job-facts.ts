/**
 * An ingest job's facts as the jobs pages word them: its name, state,
 * stage, timings, what viewers get, and the states of its tasks.
 */
import type { IngestJob, JobStage, JobState, TaskState } from "../../api/types.ts";
import { formatElapsed } from "../../util/format-time.ts";

export const STATE_LABELS: Record<JobState, string> = {
  queued: "Queued",
  processing: "Processing",
  ready: "Ready",
  failed: "Failed",
  cancelled: "Cancelled",
};

export const STAGE_LABELS: Record<JobStage, string> = {
  uploading: "Receiving the upload",
  probing: "Reading the file",
  analysing: "Analysing",
  encoding: "Encoding",
  finishing: "Finishing",
};

/** A task's (or a chunk's) state; "queued" is ready to run, with no transcoder free to take it. */
export const TASK_STATE_LABELS: Record<TaskState, string> = {
  done: "Done",
  running: "Running",
  queued: "Waiting for a transcoder",
  waiting: "Not ready to run",
  failed: "Failed",
};

/** What the job is for ("Harbor Lights · The Tide"), or its file when the catalog has no name. */
export const jobName = (job: IngestJob) => job.target.name ?? job.upload.filename;

/**
 * Where a job on its way is: "Encoding", "Receiving the upload". Transcoding
 * starts while the upload is still arriving, which is worth saying.
 */
export function stageText(job: IngestJob): string {
  if (job.state === "queued" && job.stage !== "uploading") return "Waiting for a transcoder";
  const stage = job.stage ? STAGE_LABELS[job.stage] : "Starting";
  return job.upload.state === "uploading" && job.stage !== "uploading"
    ? `${stage} · the upload is still arriving`
    : stage;
}

/** A time counted from the upload's last byte (time to playable, to ready); negative came before it. */
export const sinceUpload = (seconds: number) =>
  seconds < 0 ? "before the upload finished" : `${formatElapsed(seconds)} after the upload`;

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
