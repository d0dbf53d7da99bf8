/** The Durable Objects Worker's tests, inside workerd, with direct access to each object. */
import { resolve } from "node:path";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";

export default defineProject({
  plugins: [
    cloudflareTest({ wrangler: { configPath: resolve(import.meta.dirname, "wrangler.toml") } }),
  ],
  test: { name: "durable-objects" },
});
