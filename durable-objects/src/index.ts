/**
 * The Durable Objects Worker: hosts every Durable Object class. Other Workers
 * bind to these classes by `script_name` and call their public methods over
 * native RPC. It serves no HTTP traffic of its own.
 */
export { ExperimentState } from "./experiment-state.ts";
export { ProfileProgress } from "./profile-progress.ts";
export { RateLimiter } from "./rate-limiter.ts";
export { RequestMetrics } from "./request-metrics.ts";
export { StreamSessions } from "./stream-sessions.ts";

export default {
  fetch(): Response {
    return Response.json(
      { error: { code: "not_found", message: "This Worker only hosts Durable Objects." } },
      { status: 404 },
    );
  },
} satisfies ExportedHandler<Env>;
