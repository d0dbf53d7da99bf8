/** The transcoder's tests, in Node with the bundled ffmpeg, on tiny clips generated per run. */
import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "transcoder", environment: "node", include: ["test/**/*.test.ts"] },
});
