/** Review moderation (content_admin or admin): reviews wait as pending until approved or rejected. */
import { createRoute, z } from "@hono/zod-openapi";
import { authorized } from "../middleware/authorized.ts";
import { ModerateReviewSchema, ModerationQuery, ReviewSchema } from "../schemas/catalog-admin.ts";
import { IdParam, errorResponses, jsonBody, jsonResponse } from "../../../../lib/http/openapi.ts";
import { serviceContext } from "../services/context.ts";
import { moderateReview, reviewQueue } from "../services/moderation.ts";
import { createRouter } from "./router.ts";

export const adminReviewRoutes = createRouter();

const tags = ["Admin: reviews"];

adminReviewRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listReviewsForModeration",
    summary: "Reviews in a moderation state, oldest first",
    tags,
    ...authorized("content_admin", "admin"),
    request: { query: ModerationQuery },
    responses: {
      200: jsonResponse(
        z.object({ reviews: z.array(ReviewSchema) }).openapi("ReviewQueue"),
        "Reviews.",
      ),
      ...errorResponses(400, 401, 403, 429),
    },
  }),
  async (c) => {
    const { state, limit } = c.req.valid("query");
    return c.json({ reviews: await reviewQueue(await serviceContext(c), state, limit) }, 200);
  },
);

adminReviewRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/{reviewId}",
    operationId: "moderateReview",
    summary: "Approve or reject a review",
    tags,
    ...authorized("content_admin", "admin"),
    request: { params: IdParam("reviewId"), body: jsonBody(ModerateReviewSchema) },
    responses: {
      204: { description: "Moderated." },
      ...errorResponses(400, 401, 403, 404, 413, 415, 429),
    },
  }),
  async (c) => {
    const { reviewId } = c.req.valid("param");
    await moderateReview(
      await serviceContext(c),
      c.get("auth")!.accountId,
      reviewId,
      c.req.valid("json").state,
    );
    return c.body(null, 204);
  },
);
