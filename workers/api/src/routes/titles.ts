/** A title as the active profile sees it, and the profile's ratings and reviews of it. */
import { createRoute } from "@hono/zod-openapi";
import { authorized } from "../middleware/authorized.ts";
import { revalidatable } from "../middleware/revalidatable.ts";
import {
  RateTitleSchema,
  ReviewPageSchema,
  ReviewTitleSchema,
  ReviewsQuery,
} from "../schemas/browse.ts";
import { ReviewSchema } from "../schemas/catalog-admin.ts";
import { TitleDetailsSchema } from "../schemas/catalog.ts";
import { IdParam, errorResponses, jsonBody, jsonResponse } from "../../../../lib/http/openapi.ts";
import { serviceContext } from "../services/context.ts";
import { rate, review, reviewsFor } from "../services/library.ts";
import { titleForProfile } from "../services/titles.ts";
import { createRouter } from "./router.ts";

export const titleRoutes = createRouter();
titleRoutes.use("*", revalidatable());

const params = IdParam("titleId");

titleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{titleId}",
    operationId: "getTitle",
    summary: "A title's details, seasons, similar titles and this profile's state",
    description: "A title above the profile's maturity level, or unpublished, answers 404.",
    tags: ["Browse"],
    ...authorized("viewer", "browse", { profile: true }),
    request: { params },
    responses: {
      200: jsonResponse(TitleDetailsSchema, "The title."),
      ...errorResponses(400, 401, 403, 404, 429),
    },
  }),
  async (c) => {
    const title = await titleForProfile(
      await serviceContext(c),
      c.get("profile")!,
      c.req.valid("param").titleId,
    );
    return c.json(title, 200);
  },
);

titleRoutes.openapi(
  createRoute({
    method: "put",
    path: "/{titleId}/rating",
    operationId: "rateTitle",
    summary: "Rate a title: thumbs down, up or double up",
    description: "Rating again replaces the previous rating.",
    tags: ["Ratings and reviews"],
    ...authorized("viewer", "profile", { profile: true }),
    request: { params, body: jsonBody(RateTitleSchema) },
    responses: {
      204: { description: "Rated." },
      ...errorResponses(400, 401, 403, 404, 413, 415, 429),
    },
  }),
  async (c) => {
    await rate(
      await serviceContext(c),
      c.get("profile")!,
      c.req.valid("param").titleId,
      c.req.valid("json").rating,
    );
    return c.body(null, 204);
  },
);

titleRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/{titleId}/rating",
    operationId: "clearRating",
    summary: "Take back a rating",
    tags: ["Ratings and reviews"],
    ...authorized("viewer", "profile", { profile: true }),
    request: { params },
    responses: { 204: { description: "Not rated." }, ...errorResponses(400, 401, 403, 404, 429) },
  }),
  async (c) => {
    await rate(await serviceContext(c), c.get("profile")!, c.req.valid("param").titleId, null);
    return c.body(null, 204);
  },
);

titleRoutes.openapi(
  createRoute({
    method: "put",
    path: "/{titleId}/review",
    operationId: "reviewTitle",
    summary: "Write or change this profile's review of a title",
    description:
      "10 to 2,000 characters. A new or changed review waits for moderation; until approved only its author sees it. Kids profiles can't review.",
    tags: ["Ratings and reviews"],
    ...authorized("viewer", "profile", { profile: true }),
    request: { params, body: jsonBody(ReviewTitleSchema) },
    responses: {
      200: jsonResponse(ReviewSchema, "The review, pending moderation."),
      ...errorResponses(400, 401, 403, 404, 413, 415, 429),
    },
  }),
  async (c) => {
    const saved = await review(
      await serviceContext(c),
      c.get("profile")!,
      c.req.valid("param").titleId,
      c.req.valid("json").body,
    );
    return c.json(saved, 200);
  },
);

titleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{titleId}/reviews",
    operationId: "listReviews",
    summary: "Approved reviews of a title (and your own), newest first",
    tags: ["Ratings and reviews"],
    ...authorized("viewer", "browse", { profile: true }),
    request: { params, query: ReviewsQuery },
    responses: {
      200: jsonResponse(ReviewPageSchema, "One page of reviews."),
      ...errorResponses(400, 401, 403, 404, 429),
    },
  }),
  async (c) => {
    const { before, limit } = c.req.valid("query");
    const page = await reviewsFor(
      await serviceContext(c),
      c.get("profile")!,
      c.req.valid("param").titleId,
      {
        before: before ? new Date(before) : undefined,
        limit,
      },
    );
    return c.json(page, 200);
  },
);
