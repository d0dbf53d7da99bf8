import { defineConfig } from "vitest/config";

// One project per Worker (in workerd), the ingest pipeline for real, the shared library and the browser tests.
export default defineConfig({
  test: {
    projects: [
      "workers/api",
      "workers/ingest",
      "workers/ingest/test/pipeline",
      "workers/analytics",
      "durable-objects",
      "lib",
      "transcoder",
      "scripts",
      "e2e",
    ],
    // Request logs only clutter passing runs; a failing test still shows its own.
    silent: "passed-only",
  },
});
