/** Webhook endpoints for ingest events (asset.ready, asset.errored), managed by admins. */
import { createRoute } from "@hono/zod-openapi";
import { database } from "../../../../lib/db/database.ts";
import { errorResponses, IdParam, jsonBody, jsonResponse } from "../../../../lib/http/openapi.ts";
import { createRouter } from "../../../../lib/http/router.ts";
import type { IngestEnv } from "../app-env.ts";
import { config } from "../config.ts";
import { STAFF_ONLY, staffOnly } from "../middleware/staff-only.ts";
import {
  CreatedWebhookSchema,
  DeliveryListSchema,
  NewWebhookSchema,
  WebhookListSchema,
} from "../schemas/webhooks.ts";
import {
  createWebhook,
  listAllWebhooks,
  removeWebhook,
  webhookDeliveries,
} from "../services/webhooks.ts";

const WebhookParam = IdParam("webhookId");

const listRoute = createRoute({
  method: "get",
  path: "/",
  operationId: "listWebhooks",
  tags: ["Ingest"],
  summary: "Registered webhook endpoints",
  ...STAFF_ONLY,
  middleware: [staffOnly()] as const,
  responses: {
    200: jsonResponse(WebhookListSchema, "The endpoints."),
    ...errorResponses(401, 403),
  },
});

const createWebhookRoute = createRoute({
  method: "post",
  path: "/",
  operationId: "createWebhook",
  tags: ["Ingest"],
  summary: "Register an endpoint; its signing secret is returned once",
  description:
    'Deliveries are POSTs with a JSON body and `Marquee-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`; any 2xx accepts one, anything else is retried with backoff.',
  ...STAFF_ONLY,
  middleware: [staffOnly()] as const,
  request: { body: jsonBody(NewWebhookSchema) },
  responses: {
    201: jsonResponse(CreatedWebhookSchema, "Registered."),
    ...errorResponses(400, 401, 403, 413, 415),
  },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/{webhookId}",
  operationId: "deleteWebhook",
  tags: ["Ingest"],
  summary: "Remove an endpoint (pending deliveries to it are dropped)",
  ...STAFF_ONLY,
  middleware: [staffOnly()] as const,
  request: { params: WebhookParam },
  responses: { 204: { description: "Removed." }, ...errorResponses(400, 401, 403, 404) },
});

const deliveriesRoute = createRoute({
  method: "get",
  path: "/{webhookId}/deliveries",
  operationId: "listWebhookDeliveries",
  tags: ["Ingest"],
  summary: "The latest deliveries to an endpoint and how they went",
  ...STAFF_ONLY,
  middleware: [staffOnly()] as const,
  request: { params: WebhookParam },
  responses: {
    200: jsonResponse(DeliveryListSchema, "Newest first."),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const webhookRoutes = createRouter<IngestEnv>();

webhookRoutes.openapi(listRoute, async (c) =>
  c.json(await listAllWebhooks(database(c.env.DB)), 200),
);

webhookRoutes.openapi(createWebhookRoute, async (c) => {
  const deps = { db: database(c.env.DB), config: config(c.env), caller: c.get("caller")! };
  return c.json(await createWebhook(deps, c.req.valid("json")), 201);
});

webhookRoutes.openapi(deleteRoute, async (c) => {
  await removeWebhook(database(c.env.DB), c.req.valid("param").webhookId);
  return c.body(null, 204);
});

webhookRoutes.openapi(deliveriesRoute, async (c) =>
  c.json(await webhookDeliveries(database(c.env.DB), c.req.valid("param").webhookId), 200),
);
