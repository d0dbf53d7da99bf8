/**
 * The D1 side of an upload session: the `uploads` row the rest of the
 * platform reads, and, when a video upload completes, its asset and its
 * ingest job. Every write is idempotent (the ids come from the session's
 * state), because the session retries them until they succeed.
 */
import { eq } from "drizzle-orm";
import { database } from "../../lib/db/database.ts";
import * as schema from "../../lib/db/schema.ts";
import type { UploadKind, UploadState } from "../../lib/db/schema.ts";

export interface UploadRecord {
  uploadId: string;
  kind: UploadKind;
  accountId: string;
  filename: string;
  byteLength: number;
  titleId: string | null;
  episodeId: string | null;
  language: string | null;
  label: string | null;
  subtitleUploadIds: string[];
  expiresAt: number;
}

export async function insertUpload(db: D1Database, record: UploadRecord): Promise<void> {
  await database(db)
    .insert(schema.uploads)
    .values({
      id: record.uploadId,
      kind: record.kind,
      accountId: record.accountId,
      filename: record.filename,
      byteLength: record.byteLength,
      state: "uploading",
      titleId: record.titleId,
      episodeId: record.episodeId,
      language: record.language,
      label: record.label,
      subtitleUploadIds: record.subtitleUploadIds,
      expiresAt: new Date(record.expiresAt),
    })
    .onConflictDoNothing();
}

export async function setUploadState(
  db: D1Database,
  uploadId: string,
  state: Exclude<UploadState, "complete">,
): Promise<void> {
  await database(db).update(schema.uploads).set({ state }).where(eq(schema.uploads.id, uploadId));
}

/**
 * Marks the upload complete and, for a video, creates its asset and its
 * queued job, all in one batch (D1 runs a batch as one transaction).
 */
export async function recordCompletion(
  db: D1Database,
  record: UploadRecord,
  completion: { detectedType: string; completedAt: number; jobId: string; assetId: string },
): Promise<void> {
  const d1 = database(db);
  const markComplete = d1
    .update(schema.uploads)
    .set({
      state: "complete",
      detectedType: completion.detectedType,
      completedAt: new Date(completion.completedAt),
    })
    .where(eq(schema.uploads.id, record.uploadId));
  if (record.kind !== "video") {
    await markComplete;
    return;
  }
  const target = { titleId: record.titleId, episodeId: record.episodeId };
  await d1.batch([
    markComplete,
    d1
      .insert(schema.mediaAssets)
      .values({ id: completion.assetId, ...target, state: "processing" })
      .onConflictDoNothing(),
    d1
      .insert(schema.ingestJobs)
      .values({
        id: completion.jobId,
        uploadId: record.uploadId,
        assetId: completion.assetId,
        ...target,
        state: "queued",
        createdBy: record.accountId,
      })
      // One job per upload, however often this runs.
      .onConflictDoNothing(),
  ]);
}
