/**
 * Ingest jobs and their assets in D1. A job's state changes only through
 * the conditional updates here, each naming the state (and, while it is
 * processing, the attempt) it expects, so a late or duplicate actor (an old
 * transcoder, a duplicate queue message, an admin's double click) changes
 * nothing.
 *
 *     queued ──claim──▶ processing ──complete──▶ ready
 *       ▲                 │  │
 *       └──── release ────┘  └──fail──▶ failed ──retry──▶ queued
 *     queued | processing ──cancel──▶ cancelled ──retry──▶ queued
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
import type { ProgressReport } from "../../../../lib/ingest/transcoder-protocol.ts";
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

/** Newest first; `before` is the creation time of the last job of the previous page. */
export async function listJobIds(
  db: Database,
  filter: { state?: JobState; titleId?: string; limit: number; before?: Date },
): Promise<string[]> {
  const rows = await db
    .select({ id: ingestJobs.id })
    .from(ingestJobs)
    .where(
      and(
        filter.state ? eq(ingestJobs.state, filter.state) : undefined,
        filter.titleId ? eq(ingestJobs.titleId, filter.titleId) : undefined,
        filter.before ? lt(ingestJobs.createdAt, filter.before) : undefined,
      ),
    )
    .orderBy(desc(ingestJobs.createdAt), desc(ingestJobs.id))
    .limit(filter.limit);
  return rows.map((row) => row.id);
}

/**
 * Starts an attempt: a queued job, or a processing one whose last attempt
 * has run out its lease (its consumer died without saying). Returns the job
 * with its new attempt number, or nothing when the job is not to be run.
 */
export async function claimJob(
  db: Database,
  jobId: string,
  leaseMs: number,
  now = new Date(),
): Promise<IngestJob | undefined> {
  const [claimed] = await db
    .update(ingestJobs)
    .set({
      state: "processing",
      attempt: sql`${ingestJobs.attempt} + 1`,
      leaseExpiresAt: new Date(now.getTime() + leaseMs),
      startedAt: sql`coalesce(${ingestJobs.startedAt}, ${now.getTime()})`,
      stage: null,
      progress: 0,
      currentRung: null,
      errorCode: null,
      errorMessage: null,
    })
    .where(
      and(
        eq(ingestJobs.id, jobId),
        or(
          eq(ingestJobs.state, "queued"),
          and(eq(ingestJobs.state, "processing"), lt(ingestJobs.leaseExpiresAt, now)),
        ),
      ),
    )
    .returning();
  return claimed;
}

const inAttempt = (jobId: string, attempt: number) =>
  and(
    eq(ingestJobs.id, jobId),
    eq(ingestJobs.attempt, attempt),
    eq(ingestJobs.state, "processing"),
  );

/** Ends a failed attempt that will be retried: the error stays visible until the next one starts. */
export async function releaseJob(
  db: Database,
  jobId: string,
  attempt: number,
  error: { code: string; message: string },
): Promise<void> {
  await db
    .update(ingestJobs)
    .set({
      state: "queued",
      leaseExpiresAt: null,
      errorCode: error.code,
      errorMessage: error.message,
    })
    .where(inAttempt(jobId, attempt));
}

/** Records progress; returns false when the attempt is no longer current (cancelled or superseded). */
export async function recordProgress(
  db: Database,
  jobId: string,
  attempt: number,
  report: ProgressReport,
): Promise<boolean> {
  const updated = await db
    .update(ingestJobs)
    .set({ stage: report.stage, progress: report.percent, currentRung: report.rung })
    .where(inAttempt(jobId, attempt))
    .returning({ id: ingestJobs.id });
  return updated.length > 0;
}

/**
 * Stores what the transcoder published and makes it playable: the asset
 * becomes `playable` (or `ready` when complete) and the title or episode
 * points at it, unless it already has a finished video, which it keeps until
 * this one is complete (a re-upload never leaves a title worse off).
 */
export async function publishAsset(
  db: Database,
  job: IngestJob,
  presentation: Presentation,
  now = new Date(),
): Promise<void> {
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
      .where(eq(mediaAssets.id, job.assetId)),
    db
      .update(ingestJobs)
      .set({ playableAt: sql`coalesce(${ingestJobs.playableAt}, ${now.getTime()})` })
      .where(eq(ingestJobs.id, job.id)),
    ...(target
      ? [
          db
            .update(target.table)
            .set({ videoAssetId: job.assetId })
            .where(
              and(
                eq(target.table.id, target.id),
                complete ? undefined : hasNoFinishedVideo(target.table),
              ),
            ),
        ]
      : []),
  ]);
}

/** The attempt succeeded; returns false when it was not current anymore. */
export async function completeJob(
  db: Database,
  jobId: string,
  attempt: number,
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
    .where(inAttempt(jobId, attempt))
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

/** Queues a failed or cancelled job again; returns it, or nothing when it was in another state. */
export async function requeueJob(db: Database, jobId: string): Promise<IngestJob | undefined> {
  const [requeued] = await db
    .update(ingestJobs)
    .set({
      state: "queued",
      stage: null,
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
