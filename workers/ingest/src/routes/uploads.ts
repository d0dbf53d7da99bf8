/**
 * Resumable uploads speaking tus 1.0 (core, creation, termination, checksum
 * and expiration), so standard clients such as tus-js-client work:
 *
 *     OPTIONS /api/ingest/uploads         what this server supports
 *     POST    /api/ingest/uploads         createUpload: Upload-Length, Upload-Metadata → 201 Location
 *     HEAD    /api/ingest/uploads/{id}    the stored offset, to resume from (GET too)
 *     PATCH   /api/ingest/uploads/{id}    bytes at Upload-Offset (optionally with Upload-Checksum)
 *     DELETE  /api/ingest/uploads/{id}    abandon an unfinished upload
 *
 * Every answer carries `Tus-Resumable`; errors also carry the usual JSON
 * body. Bodies are streamed to the upload's session, never buffered here.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { database } from "../../../../lib/db/database.ts";
import { ApiError } from "../../../../lib/http/api-error.ts";
import { errorResponses, IdParam } from "../../../../lib/http/openapi.ts";
import { createRouter } from "../../../../lib/http/router.ts";
import {
  CHECKSUM_ALGORITHMS,
  OFFSET_OCTET_STREAM,
  parseUploadChecksum,
  parseUploadMetadata,
  TUS_EXTENSIONS,
  TUS_VERSION,
} from "../../../../lib/ingest/tus.ts";
import type { IngestEnv } from "../app-env.ts";
import { config } from "../config.ts";
import { STAFF_ONLY, staffOnly } from "../middleware/staff-only.ts";
import {
  appendToUpload,
  createUpload,
  terminateUpload,
  uploadStatus,
} from "../services/uploads.ts";

/**
 * Every tus request but discovery (OPTIONS) is a content admin's and must
 * name the protocol version, in that order (who you are before what you
 * sent); every answer names our version.
 */
function tusProtocol(): MiddlewareHandler<IngestEnv> {
  const staff = staffOnly();
  return async (c, next) => {
    if (c.req.method === "OPTIONS") return next();
    await staff(c, async () => {});
    if (c.req.header("tus-resumable") !== TUS_VERSION) {
      throw new ApiError(412, "unsupported_tus_version", `Send Tus-Resumable: ${TUS_VERSION}.`, {
        headers: { "Tus-Version": TUS_VERSION, "Tus-Resumable": TUS_VERSION },
      });
    }
    await next();
  };
}

const nonNegativeInteger = (name: string) =>
  z
    .string()
    .regex(/^\d{1,16}$/, { message: `${name} must be a non-negative integer` })
    .transform(Number);

const TusHeaders = { "tus-resumable": z.literal(TUS_VERSION) };
const UploadParams = IdParam("uploadId");
const expires = (at: number) => new Date(at).toUTCString();
const header = (description: string) => ({ description, schema: { type: "string" as const } });

const describeRoute = createRoute({
  method: "options",
  path: "/",
  operationId: "describeUploads",
  tags: ["Ingest"],
  summary: "What this tus server supports (versions, extensions, sizes, checksums)",
  responses: {
    204: {
      description: "Capabilities, in the Tus-* headers.",
      headers: {
        "Tus-Version": header("Supported protocol versions."),
        "Tus-Extension": header("Supported extensions."),
        "Tus-Max-Size": header("The largest upload accepted, in bytes."),
        "Tus-Checksum-Algorithm": header("Accepted Upload-Checksum algorithms."),
      },
    },
  },
});

const createUploadRoute = createRoute({
  method: "post",
  path: "/",
  operationId: "createUpload",
  tags: ["Ingest"],
  summary: "Start a resumable upload (tus creation)",
  description:
    "Upload-Metadata keys (values base64, as tus specifies): `filename` (required); `kind` = `video` (default) or `subtitles`; " +
    "for a video exactly one of `titleId` (a movie) or `episodeId`, and optionally `subtitles` (comma-separated ids of completed subtitle uploads); " +
    "for subtitles `language` (en, fr, …) and optionally `label`. The file type is checked from its first bytes, not its name. " +
    "When the last byte arrives, a video becomes an ingest job.",
  ...STAFF_ONLY,
  request: {
    headers: z.object({
      ...TusHeaders,
      "upload-length": nonNegativeInteger("Upload-Length"),
      "upload-metadata": z.string().max(4096).optional(),
    }),
  },
  responses: {
    201: {
      description: "Created; PATCH the bytes to the Location.",
      headers: {
        Location: header("The upload's URL."),
        "Upload-Expires": header("When an idle upload expires."),
      },
    },
    ...errorResponses(400, 401, 403, 412, 413),
  },
});

// Hono answers HEAD with the GET route minus its body; tus clients send HEAD.
const offsetRoute = createRoute({
  method: "get",
  path: "/{uploadId}",
  operationId: "getUploadOffset",
  tags: ["Ingest"],
  summary: "How many bytes of an upload are stored (HEAD, as tus clients send, or GET)",
  ...STAFF_ONLY,
  request: { params: UploadParams, headers: z.object(TusHeaders) },
  responses: {
    200: {
      description: "The stored offset; no body.",
      headers: {
        "Upload-Offset": header("Bytes stored."),
        "Upload-Length": header("The upload's size."),
        "Upload-Metadata": header("The metadata it was created with."),
        "Upload-Expires": header("When it expires if left idle."),
      },
    },
    ...errorResponses(400, 401, 403, 404, 412),
  },
});

const appendRoute = createRoute({
  method: "patch",
  path: "/{uploadId}",
  operationId: "appendUploadChunk",
  tags: ["Ingest"],
  summary: "Send bytes of an upload, starting at the stored offset",
  description:
    "A dropped connection keeps what arrived (resume from HEAD's offset); with Upload-Checksum the chunk is kept only whole and verified.",
  ...STAFF_ONLY,
  request: {
    params: UploadParams,
    headers: z.object({
      ...TusHeaders,
      "upload-offset": nonNegativeInteger("Upload-Offset"),
      "upload-checksum": z.string().max(200).optional(),
    }),
    body: {
      content: { [OFFSET_OCTET_STREAM]: { schema: z.string().openapi({ format: "binary" }) } },
    },
  },
  responses: {
    204: {
      description: "Stored; Upload-Offset is the new offset.",
      headers: { "Upload-Offset": header("Bytes stored now."), "Upload-Expires": header("") },
    },
    ...errorResponses(400, 401, 403, 404, 409, 412, 413, 415, 460),
  },
});

const terminateRoute = createRoute({
  method: "delete",
  path: "/{uploadId}",
  operationId: "terminateUpload",
  tags: ["Ingest"],
  summary: "Abandon an unfinished upload (tus termination)",
  ...STAFF_ONLY,
  request: { params: UploadParams, headers: z.object(TusHeaders) },
  responses: {
    204: { description: "Gone, with everything stored for it." },
    ...errorResponses(400, 401, 403, 404, 409, 412),
  },
});

export const uploadRoutes = createRouter<IngestEnv>({ maxBodyBytes: null });
uploadRoutes.use("*", async (c, next) => {
  try {
    await next();
  } finally {
    c.header("Tus-Resumable", TUS_VERSION);
  }
});
uploadRoutes.use("*", tusProtocol());

uploadRoutes.openapi(describeRoute, (c) => {
  c.header("Tus-Version", TUS_VERSION);
  c.header("Tus-Extension", TUS_EXTENSIONS.join(","));
  c.header("Tus-Max-Size", String(config(c.env).UPLOAD_MAX_BYTES));
  c.header("Tus-Checksum-Algorithm", Object.keys(CHECKSUM_ALGORITHMS).join(","));
  return c.body(null, 204);
});

uploadRoutes.openapi(createUploadRoute, async (c) => {
  const headers = c.req.valid("header");
  if (headers["upload-length"] === 0) {
    throw new ApiError(400, "empty_upload", "An upload needs at least one byte.");
  }
  const metadataHeader = headers["upload-metadata"] ?? "";
  const metadata = parseUploadMetadata(metadataHeader);
  if (!metadata) {
    throw new ApiError(
      400,
      "validation_failed",
      "Upload-Metadata must be comma-separated `key base64value` pairs.",
    );
  }
  const { uploadId, status } = await createUpload(
    { db: database(c.env.DB), env: c.env, config: config(c.env), caller: c.get("caller")! },
    { byteLength: headers["upload-length"], metadataHeader, metadata },
  );
  c.header("Location", `${new URL(c.req.url).pathname.replace(/\/$/, "")}/${uploadId}`);
  c.header("Upload-Expires", expires(status.expiresAt));
  return c.body(null, 201);
});

uploadRoutes.openapi(offsetRoute, async (c) => {
  const status = await uploadStatus(c.env, c.req.valid("param").uploadId);
  c.header("Upload-Offset", String(status.offset));
  c.header("Upload-Length", String(status.byteLength));
  if (status.metadataHeader) c.header("Upload-Metadata", status.metadataHeader);
  c.header("Upload-Expires", expires(status.expiresAt));
  c.header("Cache-Control", "no-store");
  return c.body(null, 200);
});

uploadRoutes.openapi(appendRoute, async (c) => {
  if (c.req.header("content-type") !== OFFSET_OCTET_STREAM) {
    throw new ApiError(415, "unsupported_media_type", `Send the bytes as ${OFFSET_OCTET_STREAM}.`);
  }
  const headers = c.req.valid("header");
  const checksum = parseUploadChecksum(headers["upload-checksum"]);
  if (checksum === "unsupported" || checksum === "malformed") {
    throw new ApiError(
      400,
      "invalid_checksum",
      checksum === "unsupported"
        ? `Upload-Checksum algorithms: ${Object.keys(CHECKSUM_ALGORITHMS).join(", ")}.`
        : "Upload-Checksum must be `<algorithm> <base64 digest>`.",
    );
  }
  const body = c.req.raw.body ?? new Blob([]).stream();
  const status = await appendToUpload(c.env, c.req.valid("param").uploadId, {
    offset: headers["upload-offset"],
    body,
    checksum,
  });
  c.header("Upload-Offset", String(status.offset));
  c.header("Upload-Expires", expires(status.expiresAt));
  return c.body(null, 204);
});

uploadRoutes.openapi(terminateRoute, async (c) => {
  await terminateUpload(c.env, c.req.valid("param").uploadId);
  return c.body(null, 204);
});
