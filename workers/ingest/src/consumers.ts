/**
 * The ingest Worker's queue consumers, one per queue: transcode tasks
 * (handed to a free transcoder, or sent again later when none is) and
 * webhook deliveries. Queue names are the ones in wrangler.toml.
 */
import type { IngestBindings } from "./bindings.ts";
import { database } from "../../../lib/db/database.ts";
import { createLogger } from "../../../lib/http/logger.ts";
import { TaskMessageSchema, WebhookMessageSchema } from "../../../lib/ingest/queue-messages.ts";
import { config } from "./config.ts";
import { dispatchTask } from "./services/task-dispatch.ts";
import { deliver } from "./services/webhooks.ts";

export const QUEUES = {
  transcode: "marquee-transcode",
  webhooks: "marquee-webhooks",
} as const;

async function dispatchTasks(batch: MessageBatch<unknown>, env: IngestBindings) {
  const deps = {
    env,
    config: config(env),
    logger: createLogger({ worker: "ingest", requestId: `queue-${crypto.randomUUID()}` }),
  };
  await Promise.all(
    batch.messages.map(async (message) => {
      const parsed = TaskMessageSchema.safeParse(message.body);
      if (!parsed.success) {
        deps.logger.log("error", "dropping a malformed task message", { body: message.body });
        message.ack();
        return;
      }
      const outcome = await dispatchTask(deps, parsed.data);
      // A fresh message, not a retry: waiting for a transcoder must never exhaust the queue's retries.
      if (outcome.kind === "waiting") {
        await env.TRANSCODE_QUEUE.send(parsed.data, { delaySeconds: outcome.retryInSeconds });
      }
      message.ack();
    }),
  );
}

async function deliverWebhooks(batch: MessageBatch<unknown>, env: IngestBindings) {
  const deps = { db: database(env.DB), config: config(env) };
  await Promise.all(
    batch.messages.map(async (message) => {
      const parsed = WebhookMessageSchema.safeParse(message.body);
      const outcome = parsed.success
        ? await deliver(deps, parsed.data.deliveryId)
        : { done: true as const };
      if (outcome.done) message.ack();
      else message.retry({ delaySeconds: outcome.retryInSeconds });
    }),
  );
}

export async function consume(batch: MessageBatch<unknown>, env: IngestBindings): Promise<void> {
  switch (batch.queue) {
    case QUEUES.transcode:
      return dispatchTasks(batch, env);
    case QUEUES.webhooks:
      return deliverWebhooks(batch, env);
    default:
      throw new Error(`no consumer for queue ${batch.queue}`);
  }
}
