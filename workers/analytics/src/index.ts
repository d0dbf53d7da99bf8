/**
 * The analytics Worker. The api Worker calls `handle` over its service
 * binding (RPC) for every /api/qoe and /api/engagement request, with the
 * caller it authenticated, and merges `openApiDocument` into the API
 * document. It consumes the rollup queue (QoE batches whose rollup write
 * had to wait) and runs the scheduled jobs (similarity, QoE alert rules,
 * the daily clean-up of QoE ingestion's short-lived state).
 */
import type { AnalyticsBindings } from "./bindings.ts";
import { WorkerEntrypoint } from "cloudflare:workers";
import { handOver, type Caller } from "../../../lib/http/forwarded-caller.ts";
import { analyticsOpenApiDocument, app } from "./app.ts";
import { consumeQueuedBatches, type QueuedBatch } from "./services/qoe-events.ts";
import { recomputeSimilarities } from "./similarity-job.ts";
import { evaluateAlerts } from "./alerts.ts";
import { pruneQoeState } from "./retention.ts";

// The crons of wrangler.toml's [triggers]: similarity every 15 minutes, the alert rules every
// minute, the clean-up daily.
const SIMILARITY_CRON = "*/15 * * * *";
const ALERTS_CRON = "* * * * *";
const RETENTION_CRON = "17 3 * * *";

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

  /** One job per cron of wrangler.toml's [triggers]. */
  override async scheduled(controller: ScheduledController): Promise<void> {
    const log = (message: string, fields: object) =>
      console.log(JSON.stringify({ level: "info", message, worker: "analytics", ...fields }));
    if (controller.cron === SIMILARITY_CRON) {
      log("similarities recomputed", await recomputeSimilarities(this.env));
    } else if (controller.cron === ALERTS_CRON) {
      const { fired, resolved } = await evaluateAlerts(this.env, controller.scheduledTime);
      log("alert rules evaluated", { fired, resolved });
    } else if (controller.cron === RETENTION_CRON) {
      log("QoE state pruned", await pruneQoeState(this.env, controller.scheduledTime));
    } else {
      throw new Error(`no job for the cron "${controller.cron}"`);
    }
  }
}
