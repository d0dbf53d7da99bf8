/** Full-text search and type-ahead suggestions, within the active profile's maturity level. */
import { createRoute } from "@hono/zod-openapi";
import { authorized } from "../middleware/authorized.ts";
import { revalidatable } from "../middleware/revalidatable.ts";
import {
  SearchQuery,
  SearchResultsSchema,
  SuggestQuery,
  SuggestionsSchema,
} from "../schemas/browse.ts";
import { errorResponses, jsonResponse } from "../../../../lib/http/openapi.ts";
import { serviceContext } from "../services/context.ts";
import { search, suggest } from "../services/search.ts";
import { createRouter } from "./router.ts";

export const searchRoutes = createRouter();
searchRoutes.use("*", revalidatable());

const tags = ["Search"];

searchRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "searchTitles",
    summary: "Search titles by name, synopsis, genres and people",
    description:
      "Ranked by relevance (a match in the name counts most), then popularity. Accents and case don't matter, the last word may be unfinished, and a search that finds nothing is retried with one typo per word corrected (`correctedQuery`).",
    tags,
    ...authorized("viewer", "browse", { profile: true }),
    request: { query: SearchQuery },
    responses: {
      200: jsonResponse(SearchResultsSchema, "One page of results."),
      ...errorResponses(400, 401, 403, 429),
    },
  }),
  async (c) =>
    c.json(await search(await serviceContext(c), c.get("profile")!, c.req.valid("query")), 200),
);

searchRoutes.openapi(
  createRoute({
    method: "get",
    path: "/suggestions",
    operationId: "suggestTitles",
    summary: "Titles whose name starts like the query (type-ahead)",
    tags,
    ...authorized("viewer", "browse", { profile: true }),
    request: { query: SuggestQuery },
    responses: {
      200: jsonResponse(SuggestionsSchema, "Suggestions, best first."),
      ...errorResponses(400, 401, 403, 429),
    },
  }),
  async (c) => {
    const { q, limit } = c.req.valid("query");
    return c.json(
      { suggestions: await suggest(await serviceContext(c), c.get("profile")!, q, limit) },
      200,
    );
  },
);
