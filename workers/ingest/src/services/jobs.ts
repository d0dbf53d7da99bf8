/**
 * The admin side of ingest jobs: list and read them as the jobs page shows
 * them (one job with its chunk grid from its TaskBoard), retry a failed or
 * cancelled one as a new run, cancel one that has not finished.
 */
import { ApiError } from "../../../../lib/http/api-error.ts";
import type { Database } from "../../../../lib/db/database.ts";
import type { JobState } from "../../../../lib/db/schema.ts";
import type { IngestBindings } from "../bindings.ts";
import {
  cancelJob,
  jobDetails,
  listJobIds,
  requeueJob,
  type JobDetailsRow,
} from "../storage/jobs.ts";
import { removeAssetOutputs } from "../storage/media-outputs.ts";
import { startJobWorkflow, stopJobWorkflow } from "../workflow/start.ts";
import type { BoardGrid } from "./task-schedule.ts";
import { forgetCachedTitle } from "./title-cache.ts";

const iso = (date: Date | null) => (date ? date.toISOString() : null);
/** Seconds from the upload's last byte to a moment (negative: it came before the upload ended). */
const since = (from: Date | null, to: Date | null) =>
  from && to ? Math.round((to.getTime() - from.getTime()) / 100) / 10 : null;

function presentJob({ job, ...row }: JobDetailsRow, board: BoardGrid | null) {
  return {
    id: job.id,
    state: job.state,
    stage: job.stage,
    progress: job.progress,
    run: job.attempt,
    error: job.errorCode ? { code: job.errorCode, message: job.errorMessage ?? "" } : null,
    upload: {
      id: job.uploadId,
      filename: row.filename,
      byteLength: row.byteLength,
      state: row.uploadState,
      completedAt: iso(row.uploadedAt),
    },
    target: {
      titleId: job.titleId,
      episodeId: job.episodeId,
      name: [row.titleName, row.episodeName].filter(Boolean).join(" · ") || null,
    },
    asset: {
      id: job.assetId,
      state: row.assetState,
      renditions: row.presentation?.video.map((rendition) => rendition.id) ?? [],
      durationSeconds: row.presentation?.durationSeconds ?? null,
    },
    createdAt: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    playableAt: iso(job.playableAt),
    finishedAt: iso(job.finishedAt),
    secondsToPlayable: since(row.uploadedAt, job.playableAt),
    secondsToReady: job.state === "ready" ? since(row.uploadedAt, job.finishedAt) : null,
    tasks: board,
  };
}

export type JobView = ReturnType<typeof presentJob>;

export async function listJobs(
  db: Database,
  query: { state?: JobState; titleId?: string; limit: number; cursor?: string },
) {
  // The cursor is the last job of the previous page: "<created ms>_<id>".
  const [at, id] = query.cursor?.split("_") ?? [];
  const ids = await listJobIds(db, {
    state: query.state,
    titleId: query.titleId,
    limit: query.limit + 1,
    after: at && id ? { createdAt: new Date(Number(at)), id } : undefined,
  });
  const page = (await jobDetails(db, ids.slice(0, query.limit))).map((row) =>
    presentJob(row, null),
  );
  const last = page.at(-1);
  return {
    jobs: page,
    nextCursor:
      ids.length > query.limit && last ? `${Date.parse(last.createdAt)}_${last.id}` : null,
  };
}

/** One job, with its board's grid of tasks. */
export async function getJob(
  deps: { db: Database; env: IngestBindings },
  jobId: string,
): Promise<JobView> {
  const [row] = await jobDetails(deps.db, [jobId]);
  if (!row) throw new ApiError(404, "not_found", "No such job.");
  const grid = await deps.env.TASK_BOARDS.getByName(jobId).grid();
  return presentJob(row, grid.run === row.job.attempt ? grid : null);
}

const notInState = (action: string, state: string) =>
  new ApiError(409, "invalid_job_state", `A ${state} job cannot be ${action}.`);

/** A failed or cancelled job runs again from its kept master, rewriting the same output keys. */
export async function retryJob(
  deps: { db: Database; env: IngestBindings },
  jobId: string,
): Promise<JobView> {
  const current = await getJob(deps, jobId);
  if (current.upload.state !== "complete") {
    throw new ApiError(
      409,
      "upload_incomplete",
      "The upload never finished, so there is no master to transcode; upload the file again.",
    );
  }
  const requeued = await requeueJob(deps.db, jobId);
  if (!requeued) throw notInState("retried", current.state);
  await startJobWorkflow(deps.env, jobId, requeued.attempt);
  return getJob(deps, jobId);
}

/**
 * Stops a queued or running job: its board refuses its transcoders from
 * their next call on (they stop), its Workflow is stopped, and its outputs
 * are removed (the source is kept).
 */
export async function cancelIngestJob(
  deps: { db: Database; env: IngestBindings; background(work: Promise<unknown>): void },
  jobId: string,
): Promise<JobView> {
  const current = await getJob(deps, jobId);
  const cancelled = await cancelJob(deps.db, jobId);
  if (!cancelled) throw notInState("cancelled", current.state);
  await deps.env.TASK_BOARDS.getByName(jobId).cancel();
  await stopJobWorkflow(deps.env, jobId, cancelled.attempt);
  deps.background(
    Promise.all([
      removeAssetOutputs(deps.env.MEDIA, cancelled.assetId),
      forgetCachedTitle(deps.env.KV, deps.db, cancelled),
    ]),
  );
  return getJob(deps, jobId);
}
