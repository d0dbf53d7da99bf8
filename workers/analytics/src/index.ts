/**
 * The analytics Worker. So far: its health, and the scheduled job that
 * recomputes title similarity (similarity-job.ts). QoE events, rollups and
 * experiments arrive with the analytics issue.
 */
import type { RequestContextVariables } from "../../../lib/http/request-context.ts";
import { createWorkerApp } from "../../../lib/http/worker-app.ts";
import { recomputeSimilarities } from "./similarity-job.ts";

const app = createWorkerApp<{ Bindings: Env; Variables: RequestContextVariables }>("analytics");

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(
      recomputeSimilarities(env).then((result) =>
        console.log(
          JSON.stringify({
            level: "info",
            message: "similarities recomputed",
            worker: "analytics",
            ...result,
          }),
        ),
      ),
    );
  },
} satisfies ExportedHandler<Env>;
