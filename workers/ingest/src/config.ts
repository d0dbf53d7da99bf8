/**
 * The ingest Worker's settings, read from its vars and secrets once per
 * isolate; a missing or malformed value fails loudly at the first request.
 */
import { z } from "zod";
import { workerConfig } from "../../../lib/worker-config.ts";

const MIB = 1024 * 1024;
const seconds = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const ConfigSchema = z.object({
  ENVIRONMENT: z.enum(["development", "test", "production"]),
  APP_ORIGIN: z.url(),
  TRANSCODER_INSTANCES: z.coerce.number().int().min(1).max(1000),
  /** Local transcoder processes; empty in production, where the containers are used. */
  TRANSCODER_URLS: z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url())),
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive(),
  // Small enough to make a master readable soon after its first bytes, large enough to keep the object count down.
  UPLOAD_PART_BYTES: z.coerce
    .number()
    .int()
    .min(1 * MIB)
    .max(512 * MIB),
  UPLOAD_IDLE_TIMEOUT_SECONDS: seconds(60, 30 * 86_400),
  UPLOAD_STALL_SECONDS: seconds(1, 3600),
  TRANSCODE_CHUNK_SEGMENTS: z.coerce.number().int().min(1).max(150),
  ENCODE_AHEAD_SECONDS: seconds(0, 86_400),
  TASK_LEASE_SECONDS: seconds(3, 3600),
  TASK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20),
  TRANSCODER_WAIT_DEADLINE_SECONDS: seconds(10, 30 * 86_400),
  WEBHOOK_RETRY_DELAY_SECONDS: seconds(0, 3600),
  JWT_SIGNING_KEYS: z.string().min(2),
  WEBHOOK_SECRET_KEY: z.string().length(43),
});

export type IngestConfig = z.infer<typeof ConfigSchema>;

export const config = workerConfig(ConfigSchema);
