/** Request and response schemas of the admin jobs API. */
import { z } from "@hono/zod-openapi";
import { ASSET_STATES, JOB_STATES, UPLOAD_STATES } from "../../../../lib/db/schema.ts";
import { JOB_STAGES } from "../../../../lib/ingest/task-protocol.ts";

const Timestamp = z.iso.datetime().nullable();
const CELL_STATES = ["waiting", "queued", "running", "done", "failed"] as const;

const TaskViewSchema = z
  .object({
    state: z.enum(CELL_STATES),
    attempt: z.number().int().openapi({ description: "How often a transcoder was handed it." }),
    instance: z.string().nullable().openapi({ description: "The transcoder working on it." }),
    error: z
      .string()
      .nullable()
      .openapi({ description: "Why its last attempt failed, if it did." }),
  })
  .nullable();

const TasksSchema = z
  .object({
    run: z.number().int().nullable(),
    instances: z.number().int().openapi({ description: "Transcoders working on the job now." }),
    waitingForTranscoder: z
      .number()
      .int()
      .openapi({ description: "Tasks ready to run that no transcoder has taken yet." }),
    probe: TaskViewSchema,
    analyse: TaskViewSchema,
    audio: TaskViewSchema,
    markers: TaskViewSchema,
    chunks: z
      .object({
        count: z.number().int(),
        segmentsPerChunk: z.number().int(),
        rows: z.array(z.object({ rung: z.string(), cells: z.array(z.enum(CELL_STATES)) })),
      })
      .nullable()
      .openapi({
        description: "Each rung's state per chunk (waiting, queued, running, done, failed).",
      }),
  })
  .nullable()
  .openapi({ description: "The job's tasks (getIngestJob only; null in lists)." });

export const JobSchema = z
  .object({
    id: z.uuid(),
    state: z.enum(JOB_STATES),
    stage: z.enum(JOB_STAGES).nullable(),
    progress: z.number().min(0).max(100).openapi({ description: "Percent done overall." }),
    run: z
      .number()
      .int()
      .openapi({ description: "Which run of the job this is: 1, then one more per retry." }),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    upload: z.object({
      id: z.uuid(),
      filename: z.string(),
      byteLength: z.number().int(),
      state: z.enum(UPLOAD_STATES),
      completedAt: Timestamp.openapi({ description: "When its last byte arrived." }),
    }),
    target: z.object({
      titleId: z.uuid().nullable(),
      episodeId: z.uuid().nullable(),
      name: z.string().nullable().openapi({ description: "The title, and episode if any." }),
    }),
    asset: z.object({
      id: z.uuid(),
      state: z.enum(ASSET_STATES),
      renditions: z.array(z.string()).openapi({ example: ["240p", "720p"] }),
      durationSeconds: z.number().nullable(),
    }),
    createdAt: z.iso.datetime(),
    startedAt: Timestamp,
    playableAt: Timestamp,
    finishedAt: Timestamp,
    secondsToPlayable: z.number().nullable().openapi({
      description:
        "From the upload's last byte to playable (negative: playable before the upload finished).",
    }),
    secondsToReady: z
      .number()
      .nullable()
      .openapi({ description: "From the upload's last byte to the full ladder." }),
    tasks: TasksSchema,
  })
  .openapi("IngestJob");

export const JobListQuerySchema = z.object({
  state: z.enum(JOB_STATES).optional(),
  titleId: z
    .uuid()
    .optional()
    .openapi({ description: "A movie, or a series (its episodes' jobs)." }),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z
    .string()
    .regex(/^\d{1,15}_[0-9a-f-]{36}$/)
    .optional()
    .openapi({ description: "nextCursor of the previous page." }),
});

export const JobListSchema = z
  .object({ jobs: z.array(JobSchema), nextCursor: z.string().nullable() })
  .openapi("IngestJobList");
