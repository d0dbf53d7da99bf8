/** The active profile's My List. Adding twice is one entry; removing what isn't there is fine. */
import { createRoute } from "@hono/zod-openapi";
import { authorized } from "../middleware/authorized.ts";
import { revalidatable } from "../middleware/revalidatable.ts";
import { TitleListSchema } from "../schemas/browse.ts";
import { IdParam, errorResponses, jsonResponse } from "../../../../lib/http/openapi.ts";
import { serviceContext } from "../services/context.ts";
import { listTitle, myListFor, unlistTitle } from "../services/library.ts";
import { createRouter } from "./router.ts";

export const myListRoutes = createRouter();
myListRoutes.use("*", revalidatable());

const tags = ["My List"];

myListRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "getMyList",
    summary: "The titles in My List, most recently added first",
    tags,
    ...authorized("viewer", "browse", { profile: true }),
    responses: { 200: jsonResponse(TitleListSchema, "My List."), ...errorResponses(401, 403, 429) },
  }),
  async (c) => c.json({ titles: await myListFor(await serviceContext(c), c.get("profile")!) }, 200),
);

myListRoutes.openapi(
  createRoute({
    method: "put",
    path: "/{titleId}",
    operationId: "addToMyList",
    summary: "Add a title to My List",
    tags,
    ...authorized("viewer", "profile", { profile: true }),
    request: { params: IdParam("titleId") },
    responses: { 204: { description: "In My List." }, ...errorResponses(400, 401, 403, 404, 429) },
  }),
  async (c) => {
    await listTitle(await serviceContext(c), c.get("profile")!, c.req.valid("param").titleId);
    return c.body(null, 204);
  },
);

myListRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/{titleId}",
    operationId: "removeFromMyList",
    summary: "Remove a title from My List",
    tags,
    ...authorized("viewer", "profile", { profile: true }),
    request: { params: IdParam("titleId") },
    responses: {
      204: { description: "Not in My List." },
      ...errorResponses(400, 401, 403, 404, 429),
    },
  }),
  async (c) => {
    await unlistTitle(await serviceContext(c), c.get("profile")!, c.req.valid("param").titleId);
    return c.body(null, 204);
  },
);
