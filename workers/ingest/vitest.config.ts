/**
 * The ingest Worker's tests, inside workerd: uploads, each job's TaskBoard
 * and Workflow, the task queue's consumer, the transcoder routes, webhooks.
 * The transcoder slots are scripted stand-ins (testing/scripted-
 * transcoders.ts) the tests play through the Worker's real routes; real
 * transcoders and ffmpeg run in the pipeline tests (test/pipeline, in Node
 * against a whole local stack). D1 migrations are applied in test/setup.ts.
 */
import { resolve } from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";
import { startScriptedTranscoders } from "../../testing/scripted-transcoders.ts";
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
          TRANSCODER_URLS: (await startScriptedTranscoders(2)).join(","),
          // Small enough that a few megabytes make several parts.
          UPLOAD_PART_BYTES: String(1024 * 1024),
          UPLOAD_STALL_SECONDS: "2",
          TRANSCODE_CHUNK_SEGMENTS: "2",
          ENCODE_AHEAD_SECONDS: "1",
          TASK_LEASE_SECONDS: "5",
          TASK_MAX_ATTEMPTS: "3",
          TRANSCODER_WAIT_DEADLINE_SECONDS: "30",
          WEBHOOK_RETRY_DELAY_SECONDS: "1",
          TEST_MIGRATIONS: await readD1Migrations(resolve(root, "migrations")),
          WEBHOOK_RECEIVER: await startWebhookReceiver(),
        },
      },
    }),
  ],
  test: {
    name: "ingest",
    setupFiles: ["./test/setup.ts"],
    include: ["test/*.test.ts"],
    // Runs go through Workflows, queues and leases in real time.
    testTimeout: 30_000,
  },
}));
