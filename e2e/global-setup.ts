/**
 * Starts the whole platform for the browser tests, as `npm run dev` does but
 * on a free port with its own empty state, which is removed afterwards.
 * Without Chromium it starts nothing and says how to get it.
 */
import type { TestProject } from "vitest/node";
import { startEphemeralStack } from "../scripts/local-stack.ts";
import { CHROMIUM_PATH, INSTALL_HINT } from "./chromium.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (!CHROMIUM_PATH) {
    console.warn(INSTALL_HINT);
    project.provide("baseUrl", "");
    return;
  }
  // Every browser test signs in from 127.0.0.1; real limits would have them queue
  // behind each other. Rate limiting itself is tested in workerd. Chunks of 2 segments
  // (8 s) give a test's short clip a handful of chunks to fan out, as a film has.
  // Grants of 65 s (the least is 30) make the player renew 5 s into a view, so the
  // renewal path runs in every playback test.
  const stack = await startEphemeralStack(
    "e2e",
    { RATE_LIMIT_SCALE: "50", PLAYBACK_GRANT_TTL_SECONDS: "65" },
    { ingestVars: { TRANSCODE_CHUNK_SEGMENTS: "2" } },
  );
  project.provide("baseUrl", stack.url);
  return stack.stop;
}
