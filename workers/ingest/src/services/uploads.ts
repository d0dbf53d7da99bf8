/**
 * Starting, resuming and ending uploads. What an upload is for comes from
 * its tus metadata and is checked here, before a byte is stored: a video
 * goes to a movie or to an episode that exists, with subtitle uploads that
 * have completed; subtitles name their language. The bytes themselves are
 * the upload session's business (durable-objects/src/upload-session.ts).
 */
import type { IngestBindings } from "../bindings.ts";
import { z } from "zod";
import type { Database } from "../../../../lib/db/database.ts";
import { ApiError } from "../../../../lib/http/api-error.ts";
import type { UploadChecksum } from "../../../../lib/ingest/tus.ts";
import type { Caller } from "../app-env.ts";
import type { IngestConfig } from "../config.ts";
import { findEpisode, findTitle, findUploads } from "../storage/catalog-targets.ts";

/** Subtitle files are text; anything larger is not one. */
export const SUBTITLES_MAX_BYTES = 2 * 1024 * 1024;
const MAX_SUBTITLE_TRACKS = 32;

const Filename = z.string().trim().min(1).max(255);

const VideoMetadataSchema = z
  .object({
    kind: z.literal("video"),
    filename: Filename,
    titleId: z.uuid().optional(),
    episodeId: z.uuid().optional(),
    /** Comma-separated ids of completed subtitle uploads, in menu order. */
    subtitles: z
      .string()
      .optional()
      .transform((value) => (value ? value.split(",").map((id) => id.trim()) : []))
      .pipe(z.array(z.uuid()).max(MAX_SUBTITLE_TRACKS)),
  })
  .refine((metadata) => Boolean(metadata.titleId) !== Boolean(metadata.episodeId), {
    message: "name exactly one of titleId (a movie) or episodeId",
    path: ["titleId"],
  });

const SubtitleMetadataSchema = z.object({
  kind: z.literal("subtitles"),
  filename: Filename,
  /** BCP 47 primary language subtag: "en", "fr", "pt". */
  language: z.string().regex(/^[a-z]{2,3}$/, { message: "must be a language code such as en" }),
  label: z.string().trim().min(1).max(100).optional(),
});

/** `kind` defaults to video, the common case (and what a plain tus client sends). */
export const UploadMetadataSchema = z.preprocess(
  (value) =>
    value && typeof value === "object" && !("kind" in value) ? { ...value, kind: "video" } : value,
  z.discriminatedUnion("kind", [VideoMetadataSchema, SubtitleMetadataSchema]),
);
export type UploadMetadata = z.infer<typeof UploadMetadataSchema>;

const invalidMetadata = (path: string, message: string) =>
  new ApiError(400, "validation_failed", "The upload's metadata is not valid.", {
    details: [{ path: `Upload-Metadata.${path}`, message }],
  });

/** Where a video upload goes, checked against the catalog. */
async function attachment(db: Database, metadata: Extract<UploadMetadata, { kind: "video" }>) {
  if (metadata.episodeId) {
    const episode = await findEpisode(db, metadata.episodeId);
    if (!episode) throw invalidMetadata("episodeId", "no such episode");
    return { titleId: null, episodeId: episode.id };
  }
  const title = await findTitle(db, metadata.titleId!);
  if (!title) throw invalidMetadata("titleId", "no such title");
  if (title.type !== "movie") {
    throw invalidMetadata("titleId", "a series plays its episodes: upload to an episode");
  }
  return { titleId: title.id, episodeId: null };
}

async function checkSubtitleUploads(db: Database, ids: string[]) {
  if (ids.length === 0) return;
  if (new Set(ids).size !== ids.length) throw invalidMetadata("subtitles", "lists an upload twice");
  const found = new Map((await findUploads(db, ids)).map((upload) => [upload.id, upload]));
  for (const id of ids) {
    const upload = found.get(id);
    if (!upload || upload.kind !== "subtitles")
      throw invalidMetadata("subtitles", `${id} is not a subtitles upload`);
    if (upload.state !== "complete")
      throw invalidMetadata("subtitles", `${id} has not finished uploading`);
  }
}

export interface NewUpload {
  byteLength: number;
  metadataHeader: string;
  metadata: Record<string, string>;
}

/**
 * Checks a new upload and opens its session. Returns the upload id and
 * when it expires if left idle.
 */
export async function createUpload(
  deps: { db: Database; env: IngestBindings; config: IngestConfig; caller: Caller },
  upload: NewUpload,
) {
  const parsed = UploadMetadataSchema.safeParse(upload.metadata);
  if (!parsed.success) {
    throw new ApiError(400, "validation_failed", "The upload's metadata is not valid.", {
      details: parsed.error.issues.map((issue) => ({
        path: ["Upload-Metadata", ...issue.path].join("."),
        message: issue.message,
      })),
    });
  }
  const metadata = parsed.data;
  const maxBytes = metadata.kind === "video" ? deps.config.UPLOAD_MAX_BYTES : SUBTITLES_MAX_BYTES;
  if (upload.byteLength > maxBytes) {
    throw new ApiError(
      413,
      "upload_too_large",
      `A ${metadata.kind} upload may be at most ${maxBytes} bytes.`,
    );
  }

  const target =
    metadata.kind === "video"
      ? (await checkSubtitleUploads(deps.db, metadata.subtitles),
        await attachment(deps.db, metadata))
      : { titleId: null, episodeId: null };
  const uploadId = crypto.randomUUID();
  const status = await deps.env.UPLOAD_SESSIONS.getByName(uploadId).create({
    uploadId,
    kind: metadata.kind,
    accountId: deps.caller.accountId,
    filename: metadata.filename,
    byteLength: upload.byteLength,
    // A video's job (and the asset it makes) exists from the start, so encoding can begin as bytes arrive.
    job:
      metadata.kind === "video"
        ? { jobId: crypto.randomUUID(), assetId: crypto.randomUUID() }
        : null,
    ...target,
    language: metadata.kind === "subtitles" ? metadata.language : null,
    label: metadata.kind === "subtitles" ? (metadata.label ?? null) : null,
    subtitleUploadIds: metadata.kind === "video" ? metadata.subtitles : [],
    metadataHeader: upload.metadataHeader,
    partBytes: deps.config.UPLOAD_PART_BYTES,
    idleTimeoutMs: deps.config.UPLOAD_IDLE_TIMEOUT_SECONDS * 1000,
  });
  return { uploadId, status };
}

const session = (env: IngestBindings, uploadId: string) => env.UPLOAD_SESSIONS.getByName(uploadId);

export async function uploadStatus(env: IngestBindings, uploadId: string) {
  const status = await session(env, uploadId).status();
  if (!status) throw new ApiError(404, "not_found", "No such upload (it may have expired).");
  return status;
}

export async function appendToUpload(
  env: IngestBindings,
  uploadId: string,
  chunk: { offset: number; body: ReadableStream<Uint8Array>; checksum: UploadChecksum | null },
) {
  const result = await session(env, uploadId).append(chunk.offset, chunk.body, chunk.checksum);
  if (!result.ok) throw new ApiError(result.status, result.code, result.message);
  return result.status;
}

export async function terminateUpload(env: IngestBindings, uploadId: string): Promise<void> {
  const result = await session(env, uploadId).terminate();
  if (!result.ok) throw new ApiError(result.status, result.code, result.message);
}
