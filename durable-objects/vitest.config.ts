/**
 * The Durable Objects Worker's tests, inside workerd, with direct access to
 * each object and the D1 migrations applied (upload sessions write D1).
 */
import { resolve } from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";

export default defineProject(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: resolve(import.meta.dirname, "wrangler.toml") },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(resolve(import.meta.dirname, "../migrations")),
        },
      },
    }),
  ],
  test: { name: "durable-objects", setupFiles: ["./test/setup.ts"] },
}));
