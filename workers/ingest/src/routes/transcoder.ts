/**
 * What a transcoder may do for the one task attempt its token names: read
 * the job's master (byte ranges, even while it is still uploading) and
 * subtitle files, write files of the job's asset, and report on its task
 * (heartbeat, complete, fail). It holds no storage credentials; these
 * routes are its storage, locally and in production alike. Protocol:
 * lib/ingest/task-protocol.ts.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { database } from "../../../../lib/db/database.ts";
import { ApiError } from "../../../../lib/http/api-error.ts";
import { limitBody } from "../../../../lib/http/body-limit.ts";
import { errorResponses, IdParam, jsonBody, jsonResponse } from "../../../../lib/http/openapi.ts";
import { createRouter } from "../../../../lib/http/router.ts";
import {
  HeartbeatSchema,
  ReportAnswerSchema,
  TaskFailureSchema,
  TaskResultSchema,
} from "../../../../lib/ingest/task-protocol.ts";
import { outputContentType } from "../../../../lib/media/asset-layout.ts";
import { AssetPathSchema } from "../../../../lib/media/presentation.ts";
import type { IngestEnv } from "../app-env.ts";
import { config } from "../config.ts";
import { TASK_TOKEN, taskHolder } from "../middleware/task-holder.ts";
import { readSource } from "../services/source-reads.ts";
import { reportComplete, reportFailure, reportHeartbeat } from "../services/task-reports.ts";
import { readSubtitleFile } from "../services/subtitle-files.ts";
import { writeOutput } from "../storage/media-outputs.ts";

/** The largest single output (a 4-second 2160p segment is far smaller). */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
/** A task's report can list every segment of a six-hour audio track. */
const MAX_REPORT_BYTES = 8 * 1024 * 1024;

const JobParam = IdParam("jobId");
const TaskParam = JobParam.extend({
  taskId: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .openapi({ param: { name: "taskId", in: "path" } }),
});
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
  summary: "The job's master (Range requests supported; bytes not yet uploaded are waited for)",
  ...TASK_TOKEN,
  middleware: [taskHolder()] as const,
  request: { params: JobParam },
  responses: {
    200: binary("The whole file."),
    206: binary("The requested range."),
    ...errorResponses(401, 403, 404, 409, 416),
  },
});

const subtitleRoute = createRoute({
  method: "get",
  path: "/jobs/{jobId}/subtitles/{index}",
  operationId: "readJobSubtitles",
  tags: ["Transcoder"],
  summary: "A subtitle file uploaded with the job's video",
  ...TASK_TOKEN,
  middleware: [taskHolder()] as const,
  request: {
    params: JobParam.extend({
      index: z.coerce
        .number()
        .int()
        .min(0)
        .max(31)
        // A coerced number's input is `unknown`, which the generator takes for optional;
        // a path parameter never is (OpenAPI requires `required: true`).
        .openapi({ param: { name: "index", in: "path", required: true } }),
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
  ...TASK_TOKEN,
  middleware: [taskHolder()] as const,
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

const reportRoute = <S extends z.ZodType, A extends z.ZodType>(
  action: "heartbeat" | "complete" | "fail",
  operationId: string,
  summary: string,
  schema: S,
  answer: A,
) =>
  createRoute({
    method: "post",
    path: `/jobs/{jobId}/tasks/{taskId}/${action}`,
    operationId,
    tags: ["Transcoder"],
    summary,
    ...TASK_TOKEN,
    middleware: [limitBody(MAX_REPORT_BYTES), taskHolder()] as const,
    request: { params: TaskParam, body: jsonBody(schema) },
    responses: {
      200: jsonResponse(answer, "Recorded."),
      ...errorResponses(400, 401, 403, 404, 409, 413),
    },
  });

const NextTask = ReportAnswerSchema.openapi("TranscoderNextTask");

const heartbeatRoute = reportRoute(
  "heartbeat",
  "heartbeatTask",
  "Keep the task's lease and report progress; a 409 means stop",
  HeartbeatSchema,
  Accepted,
);
const completeRoute = reportRoute(
  "complete",
  "completeTask",
  "The task is done: what it wrote, with each segment's timing; answered with the job's next task",
  TaskResultSchema,
  NextTask,
);
const failRoute = reportRoute(
  "fail",
  "failTask",
  "The task cannot finish: bad input fails the job, anything else is retried; answered with the job's next task",
  TaskFailureSchema,
  NextTask,
);

export const transcoderRoutes = createRouter<IngestEnv>({ maxBodyBytes: null });

transcoderRoutes.openapi(sourceRoute, (c) =>
  readSource(
    {
      media: c.env.MEDIA,
      board: c.env.TASK_BOARDS.getByName(c.get("grant")!.jobId),
      stallMs: config(c.env).UPLOAD_STALL_SECONDS * 1000,
    },
    c.req.header("range"),
  ),
);

transcoderRoutes.openapi(subtitleRoute, async (c) =>
  readSubtitleFile(
    { db: database(c.env.DB), media: c.env.MEDIA },
    c.get("grant")!.jobId,
    c.req.valid("param").index,
  ),
);

transcoderRoutes.openapi(outputRoute, async (c) => {
  if (c.req.valid("header")["content-length"] > MAX_OUTPUT_BYTES) {
    throw new ApiError(
      413,
      "payload_too_large",
      `An output may be at most ${MAX_OUTPUT_BYTES} bytes.`,
    );
  }
  const { path } = c.req.valid("param");
  if (!outputContentType(path))
    throw new ApiError(400, "validation_failed", `Not an output type we store: ${path}`);
  await writeOutput(c.env.MEDIA, c.get("grant")!.assetId, path, c.req.raw.body!);
  return c.body(null, 204);
});

const reportDeps = (c: { env: IngestEnv["Bindings"] }) => ({ env: c.env, config: config(c.env) });

transcoderRoutes.openapi(heartbeatRoute, async (c) =>
  c.json(await reportHeartbeat(reportDeps(c), c.get("grant")!, c.req.valid("json")), 200),
);

transcoderRoutes.openapi(completeRoute, async (c) =>
  c.json(await reportComplete(reportDeps(c), c.get("grant")!, c.req.valid("json")), 200),
);

transcoderRoutes.openapi(failRoute, async (c) =>
  c.json(await reportFailure(reportDeps(c), c.get("grant")!, c.req.valid("json")), 200),
);
