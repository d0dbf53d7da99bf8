/** Genres that have titles the active profile can see. */
import { createRoute } from "@hono/zod-openapi";
import { authorized } from "../middleware/authorized.ts";
import { revalidatable } from "../middleware/revalidatable.ts";
import { GenreListSchema } from "../schemas/catalog.ts";
import { errorResponses, jsonResponse } from "../../../../lib/http/openapi.ts";
import { serviceContext } from "../services/context.ts";
import { profileRank } from "../services/titles.ts";
import { createRouter } from "./router.ts";

export const genreRoutes = createRouter();
genreRoutes.use("*", revalidatable());

genreRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listGenres",
    summary: "Genres that have titles",
    tags: ["Browse"],
    ...authorized("viewer", "browse", { profile: true }),
    responses: {
      200: jsonResponse(GenreListSchema, "Genres by name."),
      ...errorResponses(401, 403, 429),
    },
  }),
  async (c) => {
    const { catalog } = await serviceContext(c);
    return c.json({ genres: await catalog.genres(profileRank(c.get("profile")!)) }, 200);
  },
);
