/**
 * The D1 side of an upload session: the `uploads` row the rest of the
 * platform reads and, for a video, its asset and its ingest job, created
 * with the upload so the job can start while the bytes arrive. Every write
 * is idempotent (the ids come from the session's state), because the
 * session retries them until they succeed.
 */
import { eq } from "drizzle-orm";
import { database } from "../../../../lib/db/database.ts";
import * as schema from "../../../../lib/db/schema.ts";
import type { UploadKind, UploadState } from "../../../../lib/db/schema.ts";

export interface UploadRecord {
  uploadId: string;
  kind: UploadKind;
  accountId: string;
  filename: string;
  byteLength: number;
  partBytes: number;
  titleId: string | null;
  episodeId: string | null;
  language: string | null;
  label: string | null;
  subtitleUploadIds: string[];
  expiresAt: number;
  /** A video's job and the asset it makes (null for subtitles). */
  job: { jobId: string; assetId: string } | null;
}

/** The upload row and, for a video, its asset and queued job, in one batch (one transaction). */
export async function insertUpload(db: D1Database, record: UploadRecord): Promise<void> {
  const d1 = database(db);
  const upload = d1
    .insert(schema.uploads)
    .values({
      id: record.uploadId,
      kind: record.kind,
      accountId: record.accountId,
      filename: record.filename,
      byteLength: record.byteLength,
      partBytes: record.partBytes,
      state: "uploading",
      titleId: record.titleId,
      episodeId: record.episodeId,
      language: record.language,
      label: record.label,
      subtitleUploadIds: record.subtitleUploadIds,
      expiresAt: new Date(record.expiresAt),
    })
    .onConflictDoNothing();
  if (!record.job) {
    await upload;
    return;
  }
  const target = { titleId: record.titleId, episodeId: record.episodeId };
  await d1.batch([
    upload,
    d1
      .insert(schema.mediaAssets)
      .values({ id: record.job.assetId, ...target, state: "processing" })
      .onConflictDoNothing(),
    d1
      .insert(schema.ingestJobs)
      .values({
        id: record.job.jobId,
        uploadId: record.uploadId,
        assetId: record.job.assetId,
        ...target,
        state: "queued",
        stage: "uploading",
        attempt: 1,
        createdBy: record.accountId,
      })
      // One job per upload, however often this runs.
      .onConflictDoNothing(),
  ]);
}

export async function setUploadState(
  db: D1Database,
  uploadId: string,
  state: Exclude<UploadState, "complete">,
): Promise<void> {
  await database(db).update(schema.uploads).set({ state }).where(eq(schema.uploads.id, uploadId));
}

/** The last byte is stored: the upload is complete, with what its first bytes said it is. */
export async function markUploadComplete(
  db: D1Database,
  uploadId: string,
  completion: { detectedType: string; completedAt: number },
): Promise<void> {
  await database(db)
    .update(schema.uploads)
    .set({
      state: "complete",
      detectedType: completion.detectedType,
      completedAt: new Date(completion.completedAt),
    })
    .where(eq(schema.uploads.id, uploadId));
}
