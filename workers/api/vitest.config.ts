/**
 * The api Worker's tests, inside workerd. The other Workers run beside it as
 * auxiliary Workers; D1 migrations are applied in test/setup.ts.
 */
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { resolve } from "node:path";
import { defineProject } from "vitest/config";
import { unstable_splitSqlQuery } from "wrangler";
import { demoCatalogSeed } from "../../scripts/demo-catalog/index.ts";
import { demoSeedSql } from "../../scripts/seed.ts";
import { auxiliaryWorkers } from "../../testing/auxiliary-workers.ts";
import { FAKE_RESEND_KEY, fakeResendApi } from "../../testing/fake-resend-api.ts";
import { openapiValidator } from "../../testing/openapi-validator.ts";
import { prometheusParser } from "../../testing/prometheus-parser.ts";
import { testSecrets } from "../../testing/secrets.ts";

const root = resolve(import.meta.dirname, "../..");

export default defineProject(async () => {
  const secrets = await testSecrets();
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: resolve(root, "wrangler.toml") },
        miniflare: {
          bindings: {
            ...secrets,
            ENVIRONMENT: "test",
            APP_ORIGIN: "https://marquee.test",
            MAIL_PROVIDER: "dev-mailbox",
            TEST_MIGRATIONS: await readD1Migrations(resolve(root, "migrations")),
            FAKE_RESEND_KEY,
            // The whole demo catalog (accounts, titles, audience), for tests that need real data.
            DEMO_SEED_STATEMENTS: unstable_splitSqlQuery(
              (await demoSeedSql()) + demoCatalogSeed(Date.now()).sql,
            ),
          },
          // The Worker's only outbound calls go to the mail provider; a test double answers them.
          outboundService: fakeResendApi,
          // The Prometheus text-format parser, for GET /metrics (testing/prometheus-parser.ts).
          // A real OpenAPI validator, for the served document (testing/openapi-validator.ts).
          serviceBindings: {
            PROMETHEUS_PARSER: prometheusParser,
            OPENAPI_VALIDATOR: openapiValidator,
          },
          workers: await auxiliaryWorkers([
            { config: "durable-objects/wrangler.toml" },
            {
              config: "workers/ingest/wrangler.toml",
              bindings: {
                ...secrets,
                ENVIRONMENT: "test",
                APP_ORIGIN: "https://marquee.test",
                // The smallest part R2 takes, so a few megabytes make a multipart upload.
                UPLOAD_PART_BYTES: String(5 * 1024 * 1024),
              },
              consumeQueues: false,
            },
            { config: "workers/analytics/wrangler.toml", bindings: secrets },
          ]),
        },
      }),
    ],
    test: {
      name: "api",
      setupFiles: ["./test/setup.ts"],
    },
  };
});
