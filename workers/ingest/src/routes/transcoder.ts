/**
 * What a transcoder may do for the one job its token names: read the
 * job's source and subtitle files, write the job's asset, report progress
 * and publish renditions. It holds no storage credentials; these routes are
 * its storage, locally and in production alike.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { database } from "../../../../lib/db/database.ts";
import { uploads } from "../../../../lib/db/schema.ts";
import { ApiError } from "../../../../lib/http/api-error.ts";
import { limitBody } from "../../../../lib/http/body-limit.ts";
import { errorResponses, IdParam, jsonBody, jsonResponse } from "../../../../lib/http/openapi.ts";
import { createRouter } from "../../../../lib/http/router.ts";
import {
  ProgressReportSchema,
  PublishReportSchema,
} from "../../../../lib/ingest/transcoder-protocol.ts";
import {
  assetKey,
  isRewrittenOutput,
  outputContentType,
  sourceKey,
} from "../../../../lib/media/asset-layout.ts";
import { AssetPathSchema } from "../../../../lib/media/presentation.ts";
import type { IngestEnv } from "../app-env.ts";
import { JOB_TOKEN, jobHolder } from "../middleware/job-holder.ts";
import { forgetCachedTitle } from "../services/asset-outputs.ts";
import { publishAsset, recordProgress } from "../storage/jobs.ts";

/** The largest single output (a 4-second 2160p segment is far smaller). */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

const JobParam = IdParam("jobId");
const Accepted = z.object({ ok: z.literal(true) }).openapi("TranscoderAck");
const binary = (description: string) => ({
  description,
  content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
});

const sourceRoute = createRoute({
  method: "get",
  path: "/jobs/{jobId}/source",
  operationId: "readJobSource",
  tags: ["Transcoder"],
  summary: "The job's master file (Range requests supported)",
  ...JOB_TOKEN,
  middleware: [jobHolder()] as const,
  request: { params: JobParam },
  responses: {
    200: binary("The whole file."),
    206: binary("The requested range."),
    ...errorResponses(401, 403, 404, 409),
  },
});

const subtitleRoute = createRoute({
  method: "get",
  path: "/jobs/{jobId}/subtitles/{index}",
  operationId: "readJobSubtitles",
  tags: ["Transcoder"],
  summary: "A subtitle file uploaded with the job's video",
  ...JOB_TOKEN,
  middleware: [jobHolder()] as const,
  request: {
    params: JobParam.extend({
      index: z.coerce
        .number()
        .int()
        .min(0)
        .max(31)
        .openapi({ param: { name: "index", in: "path" } }),
    }),
  },
  responses: { 200: binary("The file as uploaded."), ...errorResponses(401, 403, 404, 409) },
});

const outputRoute = createRoute({
  method: "put",
  path: "/jobs/{jobId}/outputs/{path}",
  operationId: "writeJobOutput",
  tags: ["Transcoder"],
  summary: "Write one file of the job's asset (path URL-encoded, e.g. video%2F240p%2Finit.mp4)",
  ...JOB_TOKEN,
  middleware: [jobHolder()] as const,
  request: {
    params: JobParam.extend({
      path: AssetPathSchema.openapi({ param: { name: "path", in: "path" } }),
    }),
    headers: z.object({
      "content-length": z
        .string()
        .regex(/^\d{1,15}$/, { message: "Content-Length is required" })
        .transform(Number),
    }),
    body: {
      content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
    },
  },
  responses: {
    204: { description: "Stored." },
    ...errorResponses(400, 401, 403, 404, 409, 413),
  },
});

const progressRoute = createRoute({
  method: "post",
  path: "/jobs/{jobId}/progress",
  operationId: "reportJobProgress",
  tags: ["Transcoder"],
  summary: "Report progress; a 409 means stop",
  ...JOB_TOKEN,
  middleware: [limitBody(), jobHolder()] as const,
  request: { params: JobParam, body: jsonBody(ProgressReportSchema) },
  responses: {
    200: jsonResponse(Accepted, "Recorded."),
    ...errorResponses(400, 401, 403, 404, 409, 413),
  },
});

const publishRoute = createRoute({
  method: "post",
  path: "/jobs/{jobId}/publish",
  operationId: "publishJobOutputs",
  tags: ["Transcoder"],
  summary: "Make what the manifests list playable (first the lowest rung, then the rest)",
  ...JOB_TOKEN,
  middleware: [limitBody(), jobHolder()] as const,
  request: { params: JobParam, body: jsonBody(PublishReportSchema) },
  responses: {
    200: jsonResponse(Accepted, "Published."),
    ...errorResponses(400, 401, 403, 404, 409, 413),
  },
});

export const transcoderRoutes = createRouter<IngestEnv>({ maxBodyBytes: null });

/** Serves an R2 object, honouring a Range header. */
async function serveObject(c: Context<IngestEnv>, key: string, what: string) {
  const object = await c.env.MEDIA.get(key, { range: c.req.raw.headers });
  if (!object) throw new ApiError(404, "not_found", `The ${what} is missing.`);
  const headers = new Headers({ "Accept-Ranges": "bytes", ETag: object.httpEtag });
  const range = object.range as { offset: number; length: number } | undefined;
  if (range && c.req.header("range")) {
    headers.set(
      "Content-Range",
      `bytes ${range.offset}-${range.offset + range.length - 1}/${object.size}`,
    );
    headers.set("Content-Length", String(range.length));
    return new Response(object.body, { status: 206, headers });
  }
  headers.set("Content-Length", String(object.size));
  return new Response(object.body, { status: 200, headers });
}

transcoderRoutes.openapi(sourceRoute, (c) =>
  serveObject(c, sourceKey(c.get("job")!.uploadId), "source file"),
);

transcoderRoutes.openapi(subtitleRoute, async (c) => {
  const upload = await database(c.env.DB).query.uploads.findFirst({
    where: eq(uploads.id, c.get("job")!.uploadId),
    columns: { subtitleUploadIds: true },
  });
  const subtitleUploadId = upload?.subtitleUploadIds[c.req.valid("param").index];
  if (!subtitleUploadId)
    throw new ApiError(404, "not_found", "No such subtitle file for this job.");
  return serveObject(c, sourceKey(subtitleUploadId), "subtitle file");
});

transcoderRoutes.openapi(outputRoute, async (c) => {
  if (c.req.valid("header")["content-length"] > MAX_OUTPUT_BYTES) {
    throw new ApiError(
      413,
      "payload_too_large",
      `An output may be at most ${MAX_OUTPUT_BYTES} bytes.`,
    );
  }
  const { path } = c.req.valid("param");
  const contentType = outputContentType(path);
  if (!contentType)
    throw new ApiError(400, "validation_failed", `Not an output type we store: ${path}`);
  await c.env.MEDIA.put(assetKey(c.get("grant")!.assetId, path), c.req.raw.body, {
    httpMetadata: {
      contentType,
      // Segments never change once written; manifests are rewritten as rungs are added.
      cacheControl: isRewrittenOutput(path) ? "no-cache" : "public, max-age=31536000, immutable",
    },
  });
  return c.body(null, 204);
});

transcoderRoutes.openapi(progressRoute, async (c) => {
  const { jobId, attempt } = c.get("grant")!;
  if (!(await recordProgress(database(c.env.DB), jobId, attempt, c.req.valid("json")))) {
    throw new ApiError(409, "attempt_superseded", "This attempt of the job is over.");
  }
  return c.json({ ok: true as const }, 200);
});

transcoderRoutes.openapi(publishRoute, async (c) => {
  const { presentation } = c.req.valid("json");
  const job = c.get("job")!;
  // Only what is really there becomes playable.
  const manifests = await Promise.all(
    [presentation.hls, presentation.dash].map((path) =>
      c.env.MEDIA.head(assetKey(job.assetId, path)),
    ),
  );
  if (manifests.some((manifest) => !manifest)) {
    throw new ApiError(409, "manifests_missing", "Write the manifests before publishing them.");
  }
  const db = database(c.env.DB);
  await publishAsset(db, job, presentation);
  await forgetCachedTitle(c.env.KV, db, job);
  return c.json({ ok: true as const }, 200);
});
