/**
 * The ingest pipeline for real: the whole local stack (every Worker on
 * workerd, as `npm run dev` runs it) with real transcoder processes and
 * ffmpeg, fed generated masters over tus. Test files run one at a time:
 * they share the stack, and start, kill and withhold its two transcoders
 * themselves (transcoders.ts).
 */
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "ingest-pipeline",
    environment: "node",
    include: ["*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
