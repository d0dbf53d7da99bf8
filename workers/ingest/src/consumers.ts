/**
 * The ingest Worker's queue consumers, one per queue: transcode jobs, jobs
 * whose retries ran out (the dead-letter queue), and webhook deliveries.
 * Queue names are the ones in wrangler.toml.
 */
import type { IngestBindings } from "./bindings.ts";
import { database } from "../../../lib/db/database.ts";
import { createLogger } from "../../../lib/http/logger.ts";
import {
  TranscodeMessageSchema,
  WebhookMessageSchema,
} from "../../../lib/ingest/queue-messages.ts";
import { config } from "./config.ts";
import { failForGood } from "./services/job-failure.ts";
import { transcode } from "./services/transcoding.ts";
import { deliver } from "./services/webhooks.ts";
import { findJob } from "./storage/jobs.ts";

export const QUEUES = {
  transcode: "marquee-transcode",
  deadLetters: "marquee-transcode-dlq",
  webhooks: "marquee-webhooks",
} as const;

async function transcodeJobs(batch: MessageBatch<unknown>, env: IngestBindings) {
  const deps = {
    env,
    db: database(env.DB),
    config: config(env),
    logger: createLogger({ worker: "ingest", requestId: `queue-${crypto.randomUUID()}` }),
  };
  for (const message of batch.messages) {
    const parsed = TranscodeMessageSchema.safeParse(message.body);
    if (!parsed.success) {
      deps.logger.log("error", "dropping a malformed transcode message", { body: message.body });
      message.ack();
      continue;
    }
    const disposition = await transcode(deps, parsed.data.jobId, message.attempts);
    if (disposition.ack) message.ack();
    else message.retry({ delaySeconds: disposition.delaySeconds });
  }
}

/**
 * A job whose message ran out of retries fails for good, with the last
 * attempt's error. A job another delivery is working on (or that finished)
 * is left alone: only a message of a job that nobody holds means give up.
 */
async function giveUpOnJobs(batch: MessageBatch<unknown>, env: IngestBindings) {
  const db = database(env.DB);
  for (const message of batch.messages) {
    const parsed = TranscodeMessageSchema.safeParse(message.body);
    const job = parsed.success ? await findJob(db, parsed.data.jobId) : undefined;
    const unheld =
      job?.state === "queued" ||
      (job?.state === "processing" && (job.leaseExpiresAt?.getTime() ?? 0) < Date.now());
    if (job && unheld) {
      await failForGood(
        { db, media: env.MEDIA, kv: env.KV, webhookQueue: env.WEBHOOK_QUEUE },
        job.id,
        {
          code: job.errorCode ?? "retries_exhausted",
          message: `Gave up after ${job.attempt} attempts. ${job.errorMessage ?? ""}`.trim(),
        },
      );
    }
    message.ack();
  }
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
      return transcodeJobs(batch, env);
    case QUEUES.deadLetters:
      return giveUpOnJobs(batch, env);
    case QUEUES.webhooks:
      return deliverWebhooks(batch, env);
    default:
      throw new Error(`no consumer for queue ${batch.queue}`);
  }
}
