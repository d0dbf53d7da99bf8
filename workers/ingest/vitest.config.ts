/**
 * The ingest Worker's tests, inside workerd: its queue consumers (transcode
 * retries and dead letters, webhook deliveries). The Durable Objects Worker
 * runs beside it; D1 migrations are applied in test/setup.ts. The transcoder
 * is unreachable here on purpose (a crashed transcoder looks like that);
 * transcoding for real is tested against the whole stack (e2e/).
 */
import { resolve } from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";
import { auxiliaryWorkers } from "../../testing/auxiliary-workers.ts";
import { testSecrets } from "../../testing/secrets.ts";
import { startWebhookReceiver } from "../../testing/webhook-receiver.ts";

const root = resolve(import.meta.dirname, "../..");

export default defineProject(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: resolve(import.meta.dirname, "wrangler.toml") },
      miniflare: {
        bindings: {
          ...(await testSecrets()),
          ENVIRONMENT: "test",
          APP_ORIGIN: "https://marquee.test",
          // Nothing listens on the discard port: every dispatch fails like a crashed transcoder.
          TRANSCODER_URL: "http://127.0.0.1:9",
          WEBHOOK_RETRY_DELAY_SECONDS: "1",
          TEST_MIGRATIONS: await readD1Migrations(resolve(root, "migrations")),
          WEBHOOK_RECEIVER: await startWebhookReceiver(),
        },
        workers: await auxiliaryWorkers([{ config: "durable-objects/wrangler.toml" }]),
      },
    }),
  ],
  test: { name: "ingest", setupFiles: ["./test/setup.ts"] },
}));
