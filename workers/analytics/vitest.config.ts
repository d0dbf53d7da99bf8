/**
 * The analytics Worker's tests, inside workerd, with the D1 migrations
 * applied and the Durable Objects Worker beside it (a view's playback
 * session lives in its StreamSessions object).
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
          TEST_MIGRATIONS: await readD1Migrations(resolve(root, "migrations")),
          // Stands in for the alert webhook's endpoint (alerts.test.ts).
          WEBHOOK_RECEIVER: await startWebhookReceiver(),
        },
        workers: await auxiliaryWorkers([{ config: "durable-objects/wrangler.toml" }]),
      },
    }),
  ],
  test: { name: "analytics", setupFiles: ["./test/setup.ts"] },
}));
