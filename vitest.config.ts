import { defineConfig } from "vitest/config";

// One project per Worker (in workerd), plus the shared library and the browser tests.
export default defineConfig({
  test: {
    projects: [
      "workers/api",
      "workers/ingest",
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
