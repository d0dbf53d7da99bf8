/** Request and response schemas of the admin jobs API. */
import { z } from "@hono/zod-openapi";
import { ASSET_STATES, JOB_STATES } from "../../../../lib/db/schema.ts";
import { JOB_STAGES } from "../../../../lib/ingest/transcoder-protocol.ts";

const Timestamp = z.iso.datetime().nullable();

export const JobSchema = z
  .object({
    id: z.uuid(),
    state: z.enum(JOB_STATES),
    stage: z.enum(JOB_STAGES).nullable(),
    progress: z.number().min(0).max(100).openapi({ description: "Percent done overall." }),
    currentRung: z.string().nullable().openapi({ example: "360p–1080p" }),
    attempt: z.number().int().openapi({ description: "How many times a transcoder started it." }),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    upload: z.object({ id: z.uuid(), filename: z.string(), byteLength: z.number().int() }),
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
  })
  .openapi("IngestJob");

export const JobListQuerySchema = z.object({
  state: z.enum(JOB_STATES).optional(),
  titleId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional()
    .openapi({ description: "nextCursor of the previous page." }),
});

export const JobListSchema = z
  .object({ jobs: z.array(JobSchema), nextCursor: z.string().nullable() })
  .openapi("IngestJobList");
