/** Browser tests: real Chromium against the whole platform started by global-setup.ts. */
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "e2e",
    environment: "node",
    include: ["**/*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // expect.poll waits for the page to catch up (a reload, a fetch); vitest's 1 s default is
    // shorter than a page load while the pipeline tests keep both cores busy.
    expect: { poll: { timeout: 10_000 } },
  },
});
