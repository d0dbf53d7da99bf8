/**
 * The alert rules' settings, from the analytics Worker's vars and secrets,
 * checked once per env: thresholds (wrangler.toml has the defaults) and the
 * webhook. ALERT_WEBHOOK_SECRET is only required when ALERT_WEBHOOK_URL is
 * set, so it is not among the Worker's required secrets.
 */
import { z } from "zod";
import type { AlertThresholds } from "../../../lib/qoe/alert-rules.ts";
import { workerConfig } from "../../../lib/worker-config.ts";

// Alerts describe the service's health: only over TLS, except to a receiver on this machine.
const WebhookUrl = z.url().refine((url) => {
  const { protocol, hostname } = new URL(url);
  return protocol === "https:" || hostname === "localhost" || hostname === "127.0.0.1";
}, "must be an https URL");

const AlertConfigSchema = z
  .object({
    ALERT_REBUFFER_PERCENTAGE: z.coerce.number().positive().max(100),
    ALERT_PLAYBACK_FAILURE_PERCENTAGE: z.coerce.number().positive().max(100),
    ALERT_CONCURRENT_VIEWERS: z.coerce.number().int().positive(),
    ALERT_WEBHOOK_URL: z.union([z.literal(""), WebhookUrl]),
    ALERT_WEBHOOK_SECRET: z.string().optional(),
  })
  .refine(
    (config) => !config.ALERT_WEBHOOK_URL || (config.ALERT_WEBHOOK_SECRET?.length ?? 0) >= 32,
    {
      message: "ALERT_WEBHOOK_SECRET (32 or more characters) is required with ALERT_WEBHOOK_URL",
      path: ["ALERT_WEBHOOK_SECRET"],
    },
  )
  .transform((config) => ({
    thresholds: {
      rebuffer_percentage: config.ALERT_REBUFFER_PERCENTAGE,
      playback_failure_percentage: config.ALERT_PLAYBACK_FAILURE_PERCENTAGE,
      concurrent_viewers: config.ALERT_CONCURRENT_VIEWERS,
    } satisfies AlertThresholds,
    webhook: config.ALERT_WEBHOOK_URL
      ? { url: config.ALERT_WEBHOOK_URL, secret: config.ALERT_WEBHOOK_SECRET! }
      : null,
  }));

export type AlertConfig = z.infer<typeof AlertConfigSchema>;

export const alertConfig = workerConfig(AlertConfigSchema);
