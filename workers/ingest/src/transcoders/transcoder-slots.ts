/**
 * Where tasks go: TRANSCODER_INSTANCES transcoder slots. In production a
 * slot is a container of the TRANSCODER class named `transcoder-<n>`
 * (@cloudflare/containers starts it on the first request); locally it is
 * one of the plain processes listed in TRANSCODER_URLS. Either way it is the
 * same request to the same program, which answers 202 when it takes the
 * task and 503 while it is busy with another.
 */
import { getContainer } from "@cloudflare/containers";
import type { TaskAssignment } from "../../../../lib/ingest/task-protocol.ts";
import type { IngestBindings } from "../bindings.ts";
import type { IngestConfig } from "../config.ts";

/** A container may need a few seconds to start; a running process answers at once. */
const OFFER_TIMEOUT_MS = { container: 30_000, process: 5_000 };

export interface TranscoderSlot {
  /** How the jobs page names it: "transcoder-3" or the process's address. */
  name: string;
  offer(assignment: TaskAssignment): Promise<Response>;
}

function post(assignment: TaskAssignment, timeoutMs: number): RequestInit {
  return {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(assignment),
    signal: AbortSignal.timeout(timeoutMs),
  };
}

export function transcoderSlots(env: IngestBindings, config: IngestConfig): TranscoderSlot[] {
  if (config.TRANSCODER_URLS.length > 0) {
    return config.TRANSCODER_URLS.map((url) => ({
      name: new URL(url).host,
      offer: (assignment) =>
        fetch(new URL("/tasks", url), post(assignment, OFFER_TIMEOUT_MS.process)),
    }));
  }
  return Array.from({ length: config.TRANSCODER_INSTANCES }, (_, n) => {
    const name = `transcoder-${n}`;
    return {
      name,
      offer: (assignment) =>
        getContainer(env.TRANSCODER, name).fetch(
          new Request("http://transcoder/tasks", post(assignment, OFFER_TIMEOUT_MS.container)),
        ),
    };
  });
}
