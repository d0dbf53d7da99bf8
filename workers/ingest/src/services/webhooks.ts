/**
 * Webhooks: admins register URLs for ingest events; each event becomes one
 * delivery per subscribed URL, sent from the webhook queue with an
 * HMAC-SHA256 signature (lib/webhooks/signature.ts) and retried with
 * exponential backoff until it is accepted (any 2xx) or has failed
 * WEBHOOK_MAX_ATTEMPTS times.
 */
import { open, seal } from "../../../../lib/crypto/secret-box.ts";
import { randomToken } from "../../../../lib/crypto/bytes.ts";
import type { Database } from "../../../../lib/db/database.ts";
import type { Webhook, WebhookEvent } from "../../../../lib/db/schema.ts";
import { ApiError } from "../../../../lib/http/api-error.ts";
import type { WebhookMessage } from "../../../../lib/ingest/queue-messages.ts";
import { sendWebhook } from "../../../../lib/webhooks/send.ts";
import type { Caller } from "../app-env.ts";
import type { IngestConfig } from "../config.ts";
import {
  deleteWebhook,
  findDelivery,
  findWebhook,
  insertDeliveries,
  insertWebhook,
  listDeliveries,
  listWebhooks,
  recordAttempt,
  subscribers,
} from "../storage/webhooks.ts";

export const WEBHOOK_MAX_ATTEMPTS = 6;
const DELIVERY_TIMEOUT_MS = 10_000;
const MAX_RETRY_DELAY_SECONDS = 3600;

const presentWebhook = (webhook: Webhook) => ({
  id: webhook.id,
  url: webhook.url,
  events: webhook.events,
  createdAt: webhook.createdAt.toISOString(),
});

export async function createWebhook(
  deps: { db: Database; config: IngestConfig; caller: Caller },
  input: { url: string; events: WebhookEvent[] },
) {
  // Deliveries carry signed data about the catalog: only over TLS, except to a local receiver in development.
  const url = new URL(input.url);
  const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
  if (url.protocol !== "https:" && !(local && deps.config.ENVIRONMENT !== "production")) {
    throw new ApiError(400, "validation_failed", "The request is not valid.", {
      details: [{ path: "url", message: "must be an https URL" }],
    });
  }
  const secret = `whsec_${randomToken()}`;
  const webhook = await insertWebhook(deps.db, {
    id: crypto.randomUUID(),
    url: url.toString(),
    sealedSecret: await seal(secret, deps.config.WEBHOOK_SECRET_KEY),
    events: [...new Set(input.events)],
    createdBy: deps.caller.accountId,
  });
  return { webhook: presentWebhook(webhook), secret };
}

export async function listAllWebhooks(db: Database) {
  return { webhooks: (await listWebhooks(db)).map(presentWebhook) };
}

export async function removeWebhook(db: Database, webhookId: string): Promise<void> {
  if (!(await deleteWebhook(db, webhookId)))
    throw new ApiError(404, "not_found", "No such webhook.");
}

export async function webhookDeliveries(db: Database, webhookId: string) {
  if (!(await findWebhook(db, webhookId))) throw new ApiError(404, "not_found", "No such webhook.");
  const deliveries = await listDeliveries(db, webhookId, 50);
  return {
    deliveries: deliveries.map((delivery) => ({
      id: delivery.id,
      event: delivery.event,
      state: delivery.state,
      attempts: delivery.attempts,
      lastStatus: delivery.lastStatus,
      lastError: delivery.lastError,
      createdAt: delivery.createdAt.toISOString(),
      deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    })),
  };
}

/** Records an event for every subscribed endpoint and queues its deliveries. */
export async function emitEvent(
  deps: { db: Database; queue: Queue<WebhookMessage> },
  event: WebhookEvent,
  data: Record<string, unknown>,
): Promise<void> {
  const endpoints = await subscribers(deps.db, event);
  if (endpoints.length === 0) return;
  const payload = JSON.stringify({
    id: crypto.randomUUID(),
    type: event,
    createdAt: new Date().toISOString(),
    data,
  });
  const deliveries = endpoints.map((endpoint) => ({
    id: crypto.randomUUID(),
    webhookId: endpoint.id,
    event,
    payload,
  }));
  await insertDeliveries(deps.db, deliveries);
  await deps.queue.sendBatch(deliveries.map((delivery) => ({ body: { deliveryId: delivery.id } })));
}

export type DeliveryOutcome = { done: true } | { done: false; retryInSeconds: number };

/** Sends one delivery once; says whether to try again and when. */
export async function deliver(
  deps: { db: Database; config: IngestConfig },
  deliveryId: string,
  now = Date.now(),
): Promise<DeliveryOutcome> {
  const delivery = await findDelivery(deps.db, deliveryId);
  if (delivery?.state !== "pending") return { done: true };
  const webhook = await findWebhook(deps.db, delivery.webhookId);
  if (!webhook) return { done: true };

  const { status, error } = await sendWebhook({
    url: webhook.url,
    secret: await open(webhook.sealedSecret, deps.config.WEBHOOK_SECRET_KEY),
    event: delivery.event,
    deliveryId: delivery.id,
    body: delivery.payload,
    now,
    timeoutMs: DELIVERY_TIMEOUT_MS,
  });

  const attempts = delivery.attempts + 1;
  const delivered = error === null;
  const finished = delivered || attempts >= WEBHOOK_MAX_ATTEMPTS;
  await recordAttempt(deps.db, delivery.id, {
    state: delivered ? "delivered" : finished ? "failed" : "pending",
    status,
    error,
  });
  if (finished) return { done: true };
  return {
    done: false,
    retryInSeconds: Math.min(
      MAX_RETRY_DELAY_SECONDS,
      deps.config.WEBHOOK_RETRY_DELAY_SECONDS * 3 ** (attempts - 1),
    ),
  };
}
