/**
 * The admin side of ingest jobs: list and read them as the jobs page shows
 * them, retry a failed or cancelled one, cancel one that has not finished.
 */
import { ApiError } from "../../../../lib/http/api-error.ts";
import type { Database } from "../../../../lib/db/database.ts";
import type { JobState } from "../../../../lib/db/schema.ts";
import type { TranscodeMessage } from "../../../../lib/ingest/queue-messages.ts";
import {
  cancelJob,
  jobDetails,
  listJobIds,
  requeueJob,
  type JobDetailsRow,
} from "../storage/jobs.ts";
import { forgetCachedTitle, removeAssetOutputs } from "./asset-outputs.ts";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function presentJob({ job, ...row }: JobDetailsRow) {
  return {
    id: job.id,
    state: job.state,
    stage: job.stage,
    progress: job.progress,
    currentRung: job.currentRung,
    attempt: job.attempt,
    error: job.errorCode ? { code: job.errorCode, message: job.errorMessage ?? "" } : null,
    upload: { id: job.uploadId, filename: row.filename, byteLength: row.byteLength },
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
  };
}

export type JobView = ReturnType<typeof presentJob>;

export async function listJobs(
  db: Database,
  query: { state?: JobState; titleId?: string; limit: number; cursor?: string },
) {
  const ids = await listJobIds(db, {
    state: query.state,
    titleId: query.titleId,
    limit: query.limit + 1,
    before: query.cursor ? new Date(Number(query.cursor)) : undefined,
  });
  const page = (await jobDetails(db, ids.slice(0, query.limit))).map(presentJob);
  const last = page.at(-1);
  return {
    jobs: page,
    nextCursor: ids.length > query.limit && last ? String(Date.parse(last.createdAt)) : null,
  };
}

export async function getJob(db: Database, jobId: string): Promise<JobView> {
  const [row] = await jobDetails(db, [jobId]);
  if (!row) throw new ApiError(404, "not_found", "No such job.");
  return presentJob(row);
}

const notInState = (action: string, state: string) =>
  new ApiError(409, "invalid_job_state", `A ${state} job cannot be ${action}.`);

export async function retryJob(
  deps: { db: Database; queue: Queue<TranscodeMessage> },
  jobId: string,
): Promise<JobView> {
  const current = await getJob(deps.db, jobId);
  const requeued = await requeueJob(deps.db, jobId);
  if (!requeued) throw notInState("retried", current.state);
  await deps.queue.send({ jobId });
  return getJob(deps.db, jobId);
}

export async function cancelIngestJob(
  deps: {
    db: Database;
    media: R2Bucket;
    kv: KVNamespace;
    background(work: Promise<unknown>): void;
  },
  jobId: string,
): Promise<JobView> {
  const current = await getJob(deps.db, jobId);
  const cancelled = await cancelJob(deps.db, jobId);
  if (!cancelled) throw notInState("cancelled", current.state);
  // A running transcoder learns at its next report and stops; its outputs go now.
  deps.background(
    Promise.all([
      removeAssetOutputs(deps.media, cancelled.assetId),
      forgetCachedTitle(deps.kv, deps.db, cancelled),
    ]),
  );
  return getJob(deps.db, jobId);
}
