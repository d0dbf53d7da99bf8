/** Request and response schemas of the webhooks admin API. */
import { z } from "@hono/zod-openapi";
import { DELIVERY_STATES, WEBHOOK_EVENTS } from "../../../../lib/db/schema.ts";

export const NewWebhookSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2000),
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length),
  })
  .openapi("NewWebhook");

export const WebhookSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    createdAt: z.iso.datetime(),
  })
  .openapi("Webhook");

export const CreatedWebhookSchema = z
  .object({
    webhook: WebhookSchema,
    secret: z.string().openapi({
      description:
        "The signing secret, shown this once: verify each delivery's Marquee-Signature with it.",
    }),
  })
  .openapi("CreatedWebhook");

export const WebhookListSchema = z
  .object({ webhooks: z.array(WebhookSchema) })
  .openapi("WebhookList");

export const DeliverySchema = z
  .object({
    id: z.uuid(),
    event: z.enum(WEBHOOK_EVENTS),
    state: z.enum(DELIVERY_STATES),
    attempts: z.number().int(),
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.iso.datetime(),
    deliveredAt: z.iso.datetime().nullable(),
  })
  .openapi("WebhookDelivery");

export const DeliveryListSchema = z
  .object({ deliveries: z.array(DeliverySchema) })
  .openapi("WebhookDeliveryList");
