/**
 * How the queue consumer reaches a transcoder: the container of the job in
 * production (TRANSCODER binding, @cloudflare/containers), or the plain
 * process at TRANSCODER_URL in local dev and tests. Either way it is the
 * same HTTP request to the same program.
 */
import type { IngestBindings } from "./bindings.ts";
import { getContainer } from "@cloudflare/containers";
import type { TranscodeRequest } from "../../../lib/ingest/transcoder-protocol.ts";
import type { IngestConfig } from "./config.ts";

export function sendToTranscoder(
  env: IngestBindings,
  config: IngestConfig,
  request: TranscodeRequest,
  signal: AbortSignal,
): Promise<Response> {
  const init: RequestInit = {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(request),
    signal,
  };
  if (config.TRANSCODER_URL) return fetch(new URL("/jobs", config.TRANSCODER_URL), init);
  // One container per job: a retry of the same job lands on a fresh instance if the last one died.
  return getContainer(env.TRANSCODER, request.jobId).fetch(
    new Request("http://transcoder/jobs", init),
  );
}
