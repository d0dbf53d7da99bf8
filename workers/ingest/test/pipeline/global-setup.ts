/**
 * One local stack for the pipeline tests, on free ports with its own empty
 * state (removed afterwards), tuned so chunks are small and failures are
 * noticed fast: chunks of two segments, 1 MiB source parts, a 6-second task
 * lease. Its two transcoders are left to the tests (transcoders.ts).
 */
import type { TestProject } from "vitest/node";
import { freePort, startEphemeralStack } from "../../../../scripts/local-stack.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    transcoderPorts: number[];
    stackLog: string;
  }
}

export const PIPELINE_SETTINGS = {
  TRANSCODE_CHUNK_SEGMENTS: "2",
  // The paced upload (while-uploading.test.ts) takes about 30 s: its later chunks are encoded ahead.
  ENCODE_AHEAD_SECONDS: "5",
  UPLOAD_PART_BYTES: String(1024 * 1024),
  UPLOAD_STALL_SECONDS: "20",
  TASK_LEASE_SECONDS: "6",
  TASK_MAX_ATTEMPTS: "4",
  TRANSCODER_WAIT_DEADLINE_SECONDS: "300",
};

export default async function setup(project: TestProject) {
  const transcoderPorts = [await freePort(), await freePort()];
  const stack = await startEphemeralStack(
    "ingest-pipeline",
    { RATE_LIMIT_SCALE: "1000000" },
    { ownTranscoders: transcoderPorts, ingestVars: PIPELINE_SETTINGS },
  );
  project.provide("baseUrl", stack.url);
  project.provide("transcoderPorts", transcoderPorts);
  project.provide("stackLog", stack.logFile);
  return stack.stop;
}
