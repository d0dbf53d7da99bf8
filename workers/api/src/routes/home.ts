/** The active profile's home page. */
import { createRoute } from "@hono/zod-openapi";
import type { TypedResponse } from "hono";
import { authorized } from "../middleware/authorized.ts";
import { revalidatable } from "../middleware/revalidatable.ts";
import { HomeSchema } from "../schemas/catalog.ts";
import { errorResponses, jsonResponse } from "../../../../lib/http/openapi.ts";
import { serviceContext } from "../services/context.ts";
import type { Home } from "../services/home/build-home.ts";
import { getHome, personalisationBreaker } from "../services/home/get-home.ts";
import { createRouter } from "./router.ts";

export const homeRoutes = createRouter();
homeRoutes.use("*", revalidatable());

homeRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "getHome",
    summary: "The active profile's home page",
    description:
      "Rows made for the profile, ranked by taste, popularity and recency. `degraded` is true when personalisation was unavailable and a generic home is shown.",
    tags: ["Browse"],
    ...authorized("viewer", "browse", {
      profile: true,
      // Not while the breaker is open: a failing store is then left alone.
      signals: () => personalisationBreaker.state() !== "open",
    }),
    responses: {
      200: jsonResponse(HomeSchema, "The home page."),
      ...errorResponses(401, 403, 429, 503),
    },
  }),
  async (c) => {
    const { json, etag } = await getHome(
      await serviceContext(c),
      c.get("profile")!,
      c.get("profileSignals"),
    );
    // The body is sent as built (and cached) already: no second serialisation or hash.
    const response = c.body(json, 200, { "Content-Type": "application/json", ETag: etag });
    // The body is a serialised Home; say so to the typed route.
    return response as unknown as TypedResponse<Home, 200, "json">;
  },
);
