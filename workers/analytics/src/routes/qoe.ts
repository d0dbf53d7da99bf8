/**
 * /api/qoe: the player's event batches in (authorised by the view token in
 * the body, so a beacon sent on pagehide needs no session), and the QoE
 * dashboard's reads out (experiment admins and admins).
 */
import { createRoute } from "@hono/zod-openapi";
import { callerWithRole, requiresRole } from "../../../../lib/http/forwarded-caller.ts";
import { errorResponses, jsonBody, jsonResponse } from "../../../../lib/http/openapi.ts";
import { createRouter } from "../../../../lib/http/router.ts";
import { MAX_BATCH_BYTES } from "../../../../lib/qoe/events.ts";
import type { AnalyticsEnv } from "../app-env.ts";
import {
  QoeBatchAcceptedSchema,
  QoeBatchSchema,
  QoeQuerySchema,
  QoeSummarySchema,
  QoeTimeseriesQuerySchema,
  QoeTimeseriesSchema,
} from "../schemas/qoe.ts";
import { acceptBatch } from "../services/qoe-events.ts";
import { qoeSummary, qoeTimeseries } from "../services/qoe-reads.ts";

export const qoeEventRoutes = createRouter<AnalyticsEnv>({ maxBodyBytes: MAX_BATCH_BYTES });
export const qoeReadRoutes = createRouter<AnalyticsEnv>();

export const ANALYTICS_READER = "experiment_admin";
export const analyticsReaders = () =>
  callerWithRole<AnalyticsEnv>(ANALYTICS_READER, "Only experiment admins may read analytics.");

qoeEventRoutes.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "sendQoeEvents",
    tags: ["Analytics"],
    summary: "Report a batch of a view's QoE events",
    description:
      "Sent by the player with navigator.sendBeacon (or fetch keepalive). The view token from startPlayback authorises it and fixes the view's slice, while the view's playback session is on and for a minute after it ends (403 view_ended afterwards). A batch is validated whole and stored whole or not at all; a batch id sent again is counted once.",
    request: { body: jsonBody(QoeBatchSchema) },
    responses: {
      202: jsonResponse(QoeBatchAcceptedSchema, "Accepted."),
      ...errorResponses(400, 401, 403, 413, 415, 429, 503),
    },
  }),
  async (c) => c.json(await acceptBatch(c.env, c.req.valid("json")), 202),
);

qoeReadRoutes.openapi(
  createRoute({
    method: "get",
    path: "/summary",
    operationId: "getQoeSummary",
    tags: ["Analytics"],
    summary: "QoE metrics of a window and slice",
    ...requiresRole(ANALYTICS_READER),
    middleware: [analyticsReaders()] as const,
    request: { query: QoeQuerySchema },
    responses: {
      200: jsonResponse(QoeSummarySchema, "Metrics, the startup distribution and filter options."),
      ...errorResponses(400, 401, 403, 429),
    },
  }),
  async (c) => c.json(await qoeSummary(c.env.DB, c.req.valid("query")), 200),
);

qoeReadRoutes.openapi(
  createRoute({
    method: "get",
    path: "/timeseries",
    operationId: "getQoeTimeseries",
    tags: ["Analytics"],
    summary: "QoE metrics of a slice over time",
    ...requiresRole(ANALYTICS_READER),
    middleware: [analyticsReaders()] as const,
    request: { query: QoeTimeseriesQuerySchema },
    responses: {
      200: jsonResponse(QoeTimeseriesSchema, "One point per step, empty steps included."),
      ...errorResponses(400, 401, 403, 429),
    },
  }),
  async (c) => c.json(await qoeTimeseries(c.env.DB, c.req.valid("query")), 200),
);
