/** Webhook endpoints and their deliveries in D1. */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../../../../lib/db/database.ts";
import { webhookDeliveries, webhooks, type WebhookEvent } from "../../../../lib/db/schema.ts";

export async function insertWebhook(
  db: Database,
  webhook: {
    id: string;
    url: string;
    sealedSecret: string;
    events: WebhookEvent[];
    createdBy: string;
  },
) {
  const [row] = await db.insert(webhooks).values(webhook).returning();
  return row!;
}

export const listWebhooks = (db: Database) =>
  db.query.webhooks.findMany({ orderBy: desc(webhooks.createdAt) });

export const findWebhook = (db: Database, id: string) =>
  db.query.webhooks.findFirst({ where: eq(webhooks.id, id) });

export async function deleteWebhook(db: Database, id: string): Promise<boolean> {
  const deleted = await db
    .delete(webhooks)
    .where(eq(webhooks.id, id))
    .returning({ id: webhooks.id });
  return deleted.length > 0;
}

/** The endpoints subscribed to an event (the events column is a JSON array). */
export function subscribers(db: Database, event: WebhookEvent) {
  return db
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(sql`exists (select 1 from json_each(${webhooks.events}) where value = ${event})`);
}

export async function insertDeliveries(
  db: Database,
  deliveries: { id: string; webhookId: string; event: WebhookEvent; payload: string }[],
) {
  if (deliveries.length === 0) return;
  await db
    .insert(webhookDeliveries)
    .values(deliveries.map((row) => ({ ...row, state: "pending" as const })));
}

export const findDelivery = (db: Database, id: string) =>
  db.query.webhookDeliveries.findFirst({ where: eq(webhookDeliveries.id, id) });

export const listDeliveries = (db: Database, webhookId: string, limit: number) =>
  db.query.webhookDeliveries.findMany({
    where: eq(webhookDeliveries.webhookId, webhookId),
    orderBy: desc(webhookDeliveries.createdAt),
    limit,
  });

/** Records one attempt; `state` is pending while more attempts will follow. */
export async function recordAttempt(
  db: Database,
  id: string,
  outcome: {
    state: "pending" | "delivered" | "failed";
    status: number | null;
    error: string | null;
  },
  now = new Date(),
) {
  await db
    .update(webhookDeliveries)
    .set({
      state: outcome.state,
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lastStatus: outcome.status,
      lastError: outcome.error,
      deliveredAt: outcome.state === "delivered" ? now : null,
    })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.state, "pending")));
}
