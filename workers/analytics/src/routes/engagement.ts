/** /api/engagement: active profiles, hours watched, starts, completion and top titles and genres per day. */
import { createRoute } from "@hono/zod-openapi";
import { requiresRole } from "../../../../lib/http/forwarded-caller.ts";
import { errorResponses, jsonResponse } from "../../../../lib/http/openapi.ts";
import { createRouter } from "../../../../lib/http/router.ts";
import type { AnalyticsEnv } from "../app-env.ts";
import { EngagementQuerySchema, EngagementSchema } from "../schemas/engagement.ts";
import { engagement } from "../services/engagement.ts";
import { ANALYTICS_READER, analyticsReaders } from "./qoe.ts";

export const engagementRoutes = createRouter<AnalyticsEnv>();

engagementRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "getEngagement",
    tags: ["Analytics"],
    summary: "Engagement per UTC day",
    ...requiresRole(ANALYTICS_READER),
    middleware: [analyticsReaders()] as const,
    request: { query: EngagementQuerySchema },
    responses: {
      200: jsonResponse(EngagementSchema, "Per day, with window totals."),
      ...errorResponses(400, 401, 403, 429),
    },
  }),
  async (c) => c.json(await engagement(c.env.DB, c.req.valid("query")), 200),
);
