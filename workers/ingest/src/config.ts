/**
 * The ingest Worker's settings, read from its vars and secrets once per
 * isolate; a missing or malformed value fails loudly at the first request.
 */
import { z } from "zod";
import { workerConfig } from "../../../lib/worker-config.ts";

const MIB = 1024 * 1024;

const ConfigSchema = z.object({
  ENVIRONMENT: z.enum(["development", "test", "production"]),
  APP_ORIGIN: z.url(),
  TRANSCODER_URL: z.union([z.literal(""), z.url()]),
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive(),
  // R2 takes parts of at least 5 MiB; at most 10,000 of them.
  UPLOAD_PART_BYTES: z.coerce
    .number()
    .int()
    .min(5 * MIB)
    .max(512 * MIB),
  UPLOAD_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(60),
  TRANSCODE_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(900),
  TRANSCODE_RETRY_DELAY_SECONDS: z.coerce.number().int().min(0).max(3600),
  WEBHOOK_RETRY_DELAY_SECONDS: z.coerce.number().int().min(0).max(3600),
  JWT_SIGNING_KEYS: z.string().min(2),
  WEBHOOK_SECRET_KEY: z.string().length(43),
});

export type IngestConfig = z.infer<typeof ConfigSchema>;

export const config = workerConfig(ConfigSchema);
