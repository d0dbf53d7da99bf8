/** Tests of the Node tooling (the local stack's seed data and scripts), in Node. */
import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "tooling", environment: "node", include: ["**/*.test.ts"] },
});
