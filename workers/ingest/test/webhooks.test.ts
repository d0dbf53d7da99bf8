/**
 * Webhook deliveries to a local receiver standing in for a customer's
 * endpoint: signed with HMAC-SHA256 over the timestamp and body, retried
 * with backoff after a failure, given up after WEBHOOK_MAX_ATTEMPTS, and
 * sent through the real webhook queue when an event is emitted.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../../lib/db/database.ts";
import { verifyWebhook } from "../../../lib/webhooks/signature.ts";
import type { ReceivedDelivery } from "../../../testing/received-delivery.ts";
import { config } from "../src/config.ts";
import {
  createWebhook,
  deliver,
  emitEvent,
  WEBHOOK_MAX_ATTEMPTS,
} from "../src/services/webhooks.ts";

const db = database(env.DB);
const deps = { db, config: config(env) };
const caller = { accountId: crypto.randomUUID(), sessionId: crypto.randomUUID(), roles: [] };

async function endpoint(
  path: string,
  events: ("asset.ready" | "asset.errored")[] = ["asset.ready"],
) {
  return createWebhook({ ...deps, caller }, { url: `${env.WEBHOOK_RECEIVER}${path}`, events });
}

async function received(path: string): Promise<ReceivedDelivery[]> {
  const all = (await (
    await fetch(`${env.WEBHOOK_RECEIVER}/received`)
  ).json()) as ReceivedDelivery[];
  return all.filter((delivery) => delivery.path === path);
}

async function deliveriesOf(webhookId: string) {
  const { results } = await env.DB.prepare(
    "select id, state, attempts, last_status, last_error from webhook_deliveries where webhook_id = ?",
  )
    .bind(webhookId)
    .all<{ id: string; state: string; attempts: number; last_status: number | null }>();
  return results;
}

/** A delivery recorded but not queued, so the test drives its attempts itself. */
async function pendingDelivery(webhookId: string): Promise<string> {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    "insert into webhook_deliveries (id, webhook_id, event, payload, state, attempts, created_at, updated_at) values (?, ?, 'asset.ready', '{}', 'pending', 0, 0, 0)",
  )
    .bind(id, webhookId)
    .run();
  return id;
}

describe("webhook deliveries", () => {
  it("signs each delivery so the receiver can verify it and refuse forgeries", async () => {
    const path = `/status/200?${crypto.randomUUID()}`;
    const { webhook, secret } = await endpoint(path, ["asset.errored"]);
    await emitEvent({ db, queue: env.WEBHOOK_QUEUE }, "asset.errored", {
      jobId: "j1",
      error: { code: "corrupt_input" },
    });
    const [delivery] = await deliveriesOf(webhook.id);
    // The queue delivers it; wait for the receiver to have it.
    await expect
      .poll(() => received(path).then((list) => list.length), { timeout: 10_000 })
      .toBe(1);
    const [got] = await received(path);
    expect(got!.headers["marquee-event"]).toBe("asset.errored");
    expect(got!.headers["marquee-delivery"]).toBe(delivery!.id);
    expect(JSON.parse(got!.body)).toMatchObject({
      type: "asset.errored",
      data: { jobId: "j1", error: { code: "corrupt_input" } },
    });
    const signature = got!.headers["marquee-signature"]!;
    expect(await verifyWebhook(signature, secret, got!.body)).toBe(true);
    expect(await verifyWebhook(signature, "whsec_not-the-secret", got!.body)).toBe(false);
    expect(await verifyWebhook(signature, secret, got!.body.replace("j1", "j2"))).toBe(false);
    // An old signature replayed later is refused.
    expect(await verifyWebhook(signature, secret, got!.body, { now: Date.now() + 3_600_000 })).toBe(
      false,
    );
    await expect
      .poll(async () => (await deliveriesOf(webhook.id))[0]?.state, { timeout: 10_000 })
      .toBe("delivered");
  });

  it("retries a failed delivery with backoff, then succeeds", async () => {
    const path = `/flaky/${crypto.randomUUID()}`;
    const { webhook } = await endpoint(path);
    const pending = await pendingDelivery(webhook.id);
    expect(await deliver(deps, pending)).toEqual({ done: false, retryInSeconds: 1 });
    expect((await deliveriesOf(webhook.id))[0]).toMatchObject({
      state: "pending",
      attempts: 1,
      last_status: 500,
    });
    expect(await deliver(deps, pending)).toEqual({ done: true });
    expect((await deliveriesOf(webhook.id))[0]).toMatchObject({ state: "delivered", attempts: 2 });
    // A delivered one is never sent again.
    expect(await deliver(deps, pending)).toEqual({ done: true });
    expect(await received(path)).toHaveLength(2);
  });

  it(`gives up after ${WEBHOOK_MAX_ATTEMPTS} attempts, backing off 1, 3, 9, … delays`, async () => {
    const path = `/status/503?${crypto.randomUUID()}`;
    const { webhook } = await endpoint(path);
    const delivery = await pendingDelivery(webhook.id);
    const outcomes = [];
    for (let attempt = 0; attempt < WEBHOOK_MAX_ATTEMPTS; attempt++) {
      outcomes.push(await deliver(deps, delivery));
    }
    expect(outcomes.slice(0, 3)).toEqual([
      { done: false, retryInSeconds: 1 },
      { done: false, retryInSeconds: 3 },
      { done: false, retryInSeconds: 9 },
    ]);
    expect(outcomes.at(-1)).toEqual({ done: true });
    const [final] = await deliveriesOf(webhook.id);
    expect(final).toMatchObject({ state: "failed", last_status: 503 });
  });
});
