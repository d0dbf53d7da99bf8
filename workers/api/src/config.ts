/**
 * Typed configuration read from the Worker's vars and secrets once per
 * isolate. A missing or malformed value fails loudly at the first request
 * instead of misbehaving later.
 */
import { z } from "zod";
import { workerConfig } from "../../../lib/worker-config.ts";

const ConfigSchema = z.object({
  ENVIRONMENT: z.enum(["development", "test", "production"]),
  APP_ORIGIN: z.url(),
  CORS_ALLOWED_ORIGINS: z.string().transform((value) =>
    value
      .split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
  ),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(3600),
  RATE_LIMIT_SCALE: z.coerce.number().positive(),
  MAIL_PROVIDER: z.enum(["dev-mailbox", "resend"]),
  MAIL_FROM: z.string().min(3),
  CATALOG_CACHE_TTL_SECONDS: z.coerce.number().int().min(60),
  HOME_PERSONALISATION_BUDGET_MS: z.coerce.number().int().min(1),
  PLAYBACK_GRANT_TTL_SECONDS: z.coerce.number().int().min(30).max(3600),
  JWT_SIGNING_KEYS: z.string().min(2),
  MFA_ENCRYPTION_KEY: z.string().length(43),
  RESEND_API_KEY: z.string().optional(),
  /** Bearer token for GET /metrics; long enough that guessing is hopeless. */
  METRICS_TOKEN: z.string().min(32),
});

export type Config = z.infer<typeof ConfigSchema>;

export const config = workerConfig(ConfigSchema);
