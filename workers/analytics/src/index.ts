/**
 * The analytics Worker. The api Worker calls `handle` over its service
 * binding (RPC) for every /api/qoe and /api/engagement request, with the
 * caller it authenticated, and merges `openApiDocument` into the API
 * document. It consumes the rollup queue (QoE batches whose rollup write
 * had to wait) and runs the scheduled jobs.
 */
import type { AnalyticsBindings } from "./bindings.ts";
import { WorkerEntrypoint } from "cloudflare:workers";
import { handOver, type Caller } from "../../../lib/http/forwarded-caller.ts";
import { analyticsOpenApiDocument, app } from "./app.ts";
import { consumeQueuedBatches, type QueuedBatch } from "./services/qoe-events.ts";
import { recomputeSimilarities } from "./similarity-job.ts";

export default class AnalyticsWorker extends WorkerEntrypoint<AnalyticsBindings> {
  /** Plain fetch over the binding: health only (nobody is signed in this way). */
  override fetch(request: Request): Promise<Response> {
    return Promise.resolve(app.fetch(request, this.env, this.ctx));
  }

  /** A forwarded request and who sent it (null: nobody signed in, as for the player's beacons). */
  async handle(request: Request, caller: Caller | null): Promise<Response> {
    return app.fetch(handOver(request, caller), this.env, this.ctx);
  }

  /** As JSON text: a whole document is too deep a type for RPC's typings to map. */
  openApiDocument(): string {
    return JSON.stringify(analyticsOpenApiDocument());
  }

  override async queue(batch: MessageBatch<unknown>): Promise<void> {
    await consumeQueuedBatches(batch as MessageBatch<QueuedBatch>, this.env);
  }

  override async scheduled(_controller: ScheduledController): Promise<void> {
    const result = await recomputeSimilarities(this.env);
    console.log(
      JSON.stringify({
        level: "info",
        message: "similarities recomputed",
        worker: "analytics",
        ...result,
      }),
    );
  }
}
