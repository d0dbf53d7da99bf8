/**
 * Ingest jobs and their assets in D1. A job's state changes only through
 * the conditional updates here, each naming the state (and the run) it
 * expects, so a late or duplicate actor (a step of a cancelled run, a
 * retried Workflow step, an admin's double click) changes nothing.
 * `attempt` is the job's run: 1, then one more for each retry.
 *
 *     queued (uploading) ──probe starts──▶ processing ──complete──▶ ready
 *     queued | processing ──fail──▶ failed ──retry──▶ queued (next run)
 *     queued | processing ──cancel──▶ cancelled ──retry──▶ queued (next run)
 */
import { and, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "../../../../lib/db/database.ts";
import {
  episodes,
  ingestJobs,
  mediaAssets,
  titles,
  uploads,
  type IngestJob,
  type JobState,
} from "../../../../lib/db/schema.ts";
import type { JobStage } from "../../../../lib/ingest/task-protocol.ts";
import type { Presentation } from "../../../../lib/media/presentation.ts";

export function findJob(db: Database, jobId: string): Promise<IngestJob | undefined> {
  return db.query.ingestJobs.findFirst({ where: eq(ingestJobs.id, jobId) });
}

/** A job with what an admin needs to recognise it: the file, the title, the asset. */
export async function jobDetails(db: Database, jobIds: string[]) {
  if (jobIds.length === 0) return [];
  return db
    .select({
      job: ingestJobs,
      filename: uploads.filename,
      byteLength: uploads.byteLength,
      uploadState: uploads.state,
      uploadedAt: uploads.completedAt,
      titleName: titles.name,
      episodeName: episodes.name,
      assetState: mediaAssets.state,
      presentation: mediaAssets.presentation,
    })
    .from(ingestJobs)
    .innerJoin(uploads, eq(uploads.id, ingestJobs.uploadId))
    .innerJoin(mediaAssets, eq(mediaAssets.id, ingestJobs.assetId))
    .leftJoin(episodes, eq(episodes.id, ingestJobs.episodeId))
    .leftJoin(titles, eq(titles.id, sql`coalesce(${ingestJobs.titleId}, ${episodes.titleId})`))
    .where(inArray(ingestJobs.id, jobIds))
    .orderBy(desc(ingestJobs.createdAt), desc(ingestJobs.id));
}

export type JobDetailsRow = Awaited<ReturnType<typeof jobDetails>>[number];

/**
 * Newest first; `after` is the last job of the previous page (its creation
 * time and id: jobs created in the same millisecond are told apart by id).
 * A series' id finds its episodes' jobs too.
 */
export async function listJobIds(
  db: Database,
  filter: {
    state?: JobState;
    titleId?: string;
    limit: number;
    after?: { createdAt: Date; id: string };
  },
): Promise<string[]> {
  const { after } = filter;
  const rows = await db
    .select({ id: ingestJobs.id })
    .from(ingestJobs)
    .where(
      and(
        filter.state ? eq(ingestJobs.state, filter.state) : undefined,
        filter.titleId
          ? or(
              eq(ingestJobs.titleId, filter.titleId),
              inArray(
                ingestJobs.episodeId,
                db
                  .select({ id: episodes.id })
                  .from(episodes)
                  .where(eq(episodes.titleId, filter.titleId)),
              ),
            )
          : undefined,
        after
          ? or(
              lt(ingestJobs.createdAt, after.createdAt),
              and(eq(ingestJobs.createdAt, after.createdAt), lt(ingestJobs.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(ingestJobs.createdAt), desc(ingestJobs.id))
    .limit(filter.limit);
  return rows.map((row) => row.id);
}

const inRun = (jobId: string, run: number) =>
  and(
    eq(ingestJobs.id, jobId),
    eq(ingestJobs.attempt, run),
    inArray(ingestJobs.state, ["queued", "processing"]),
  );

/** What a run needs to start: the job, its upload, and the subtitle files that came with it. */
export async function runFacts(db: Database, jobId: string) {
  const job = await findJob(db, jobId);
  if (!job) return null;
  const sources = await subtitleSources(db, job.uploadId);
  if (!sources) return null;
  return {
    job,
    upload: { id: job.uploadId, byteLength: sources.byteLength, filename: sources.filename },
    subtitles: sources.subtitles,
  };
}

/** The run is under way: stage and overall progress (the job is processing from its first task on). */
export async function recordJobProgress(
  db: Database,
  jobId: string,
  run: number,
  report: { stage: JobStage; progress: number },
  now = new Date(),
): Promise<void> {
  await db
    .update(ingestJobs)
    .set({
      state: "processing",
      stage: report.stage,
      progress: report.progress,
      startedAt: sql`coalesce(${ingestJobs.startedAt}, ${now.getTime()})`,
    })
    .where(inRun(jobId, run));
}

/**
 * Stores a run's presentation and makes it playable: the asset becomes
 * `playable` (or `ready` when complete) and the title or episode points at
 * it, unless it already has a finished video, which it keeps until this one
 * is complete (a re-upload never leaves a title worse off). Nothing changes
 * unless the job is still in this run; returns whether it did.
 */
export async function publishAsset(
  db: Database,
  job: {
    jobId: string;
    run: number;
    assetId: string;
    titleId: string | null;
    episodeId: string | null;
  },
  presentation: Presentation,
  now = new Date(),
): Promise<boolean> {
  // Checked first for the answer, and again inside the batch (one transaction) so a cancel in between wins.
  const current = await db
    .select({ id: ingestJobs.id })
    .from(ingestJobs)
    .where(inRun(job.jobId, job.run));
  if (current.length === 0) return false;
  const stillCurrent = sql`exists (select 1 from ingest_jobs where id = ${job.jobId} and attempt = ${job.run} and state in ('queued', 'processing'))`;
  const complete = presentation.complete;
  const target = job.episodeId
    ? { table: episodes, id: job.episodeId }
    : job.titleId
      ? { table: titles, id: job.titleId }
      : null;
  const hasNoFinishedVideo = (table: typeof titles | typeof episodes) =>
    or(
      isNull(table.videoAssetId),
      sql`${table.videoAssetId} not in (select id from media_assets where state = 'ready')`,
    );
  await db.batch([
    db
      .update(mediaAssets)
      .set({
        state: complete ? "ready" : "playable",
        presentation,
        durationSeconds: presentation.durationSeconds,
      })
      .where(and(eq(mediaAssets.id, job.assetId), stillCurrent)),
    db
      .update(ingestJobs)
      .set({ playableAt: sql`coalesce(${ingestJobs.playableAt}, ${now.getTime()})` })
      .where(inRun(job.jobId, job.run)),
    ...(target
      ? [
          db
            .update(target.table)
            .set({ videoAssetId: job.assetId })
            .where(
              and(
                eq(target.table.id, target.id),
                stillCurrent,
                complete ? undefined : hasNoFinishedVideo(target.table),
              ),
            ),
        ]
      : []),
  ]);
  return true;
}

/** The run succeeded; returns false when it was not current anymore. */
export async function completeJob(
  db: Database,
  jobId: string,
  run: number,
  now = new Date(),
): Promise<boolean> {
  const updated = await db
    .update(ingestJobs)
    .set({
      state: "ready",
      stage: null,
      progress: 100,
      currentRung: null,
      leaseExpiresAt: null,
      errorCode: null,
      errorMessage: null,
      finishedAt: now,
    })
    .where(inRun(jobId, run))
    .returning({ id: ingestJobs.id });
  return updated.length > 0;
}

/**
 * Fails the job for good (unless it finished or was cancelled meanwhile):
 * its asset fails too, and nothing points at it anymore. Returns the job as
 * it was when it failed, or nothing when it was not failable.
 */
export async function failJob(
  db: Database,
  jobId: string,
  error: { code: string; message: string },
  now = new Date(),
): Promise<IngestJob | undefined> {
  const [failed] = await db
    .update(ingestJobs)
    .set({
      state: "failed",
      leaseExpiresAt: null,
      errorCode: error.code,
      errorMessage: error.message,
      finishedAt: now,
    })
    .where(and(eq(ingestJobs.id, jobId), inArray(ingestJobs.state, ["queued", "processing"])))
    .returning();
  if (failed) await retireAsset(db, failed.assetId, "failed");
  return failed;
}

/** Cancels a queued or processing job; returns it, or nothing when it had already ended. */
export async function cancelJob(
  db: Database,
  jobId: string,
  now = new Date(),
): Promise<IngestJob | undefined> {
  const [cancelled] = await db
    .update(ingestJobs)
    .set({ state: "cancelled", leaseExpiresAt: null, finishedAt: now, stage: null })
    .where(and(eq(ingestJobs.id, jobId), inArray(ingestJobs.state, ["queued", "processing"])))
    .returning();
  if (cancelled) await retireAsset(db, cancelled.assetId, "failed");
  return cancelled;
}

/** Queues a failed or cancelled job again as its next run; returns it, or nothing when it was in another state. */
export async function requeueJob(db: Database, jobId: string): Promise<IngestJob | undefined> {
  const [requeued] = await db
    .update(ingestJobs)
    .set({
      state: "queued",
      attempt: sql`${ingestJobs.attempt} + 1`,
      stage: "probing",
      startedAt: null,
      progress: 0,
      currentRung: null,
      errorCode: null,
      errorMessage: null,
      finishedAt: null,
      playableAt: null,
    })
    .where(and(eq(ingestJobs.id, jobId), inArray(ingestJobs.state, ["failed", "cancelled"])))
    .returning();
  if (requeued) {
    await db
      .update(mediaAssets)
      .set({ state: "processing", presentation: null, durationSeconds: null })
      .where(eq(mediaAssets.id, requeued.assetId));
  }
  return requeued;
}

/** An asset whose outputs are being removed: unplayable, and unlinked from its title or episode. */
async function retireAsset(db: Database, assetId: string, state: "failed"): Promise<void> {
  await db.batch([
    db.update(mediaAssets).set({ state, presentation: null }).where(eq(mediaAssets.id, assetId)),
    db.update(titles).set({ videoAssetId: null }).where(eq(titles.videoAssetId, assetId)),
    db.update(episodes).set({ videoAssetId: null }).where(eq(episodes.videoAssetId, assetId)),
  ]);
}

/** The subtitle uploads that go with a video upload, in menu order. */
export async function subtitleSources(db: Database, uploadId: string) {
  const video = await db.query.uploads.findFirst({
    where: eq(uploads.id, uploadId),
    columns: { subtitleUploadIds: true, filename: true, byteLength: true },
  });
  if (!video) return null;
  const found = video.subtitleUploadIds.length
    ? await db.query.uploads.findMany({
        where: inArray(uploads.id, video.subtitleUploadIds),
        columns: { id: true, language: true, label: true },
      })
    : [];
  const byId = new Map(found.map((row) => [row.id, row]));
  const subtitles = video.subtitleUploadIds.flatMap((id) => {
    const row = byId.get(id);
    return row?.language
      ? [{ uploadId: id, language: row.language, label: row.label ?? row.language }]
      : [];
  });
  return { filename: video.filename, byteLength: video.byteLength, subtitles };
}

/** The `index`-th subtitle upload of a job's video (menu order), with what reading it needs. */
export async function subtitleUploadOfJob(db: Database, jobId: string, index: number) {
  const job = await findJob(db, jobId);
  if (!job) return null;
  const video = await db.query.uploads.findFirst({
    where: eq(uploads.id, job.uploadId),
    columns: { subtitleUploadIds: true },
  });
  const subtitleId = video?.subtitleUploadIds[index];
  if (!subtitleId) return null;
  const upload = await db.query.uploads.findFirst({
    where: eq(uploads.id, subtitleId),
    columns: { id: true, byteLength: true, partBytes: true, state: true },
  });
  return upload?.state === "complete" ? upload : null;
}
