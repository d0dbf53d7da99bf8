/** Schemas of browsing: search and suggestions, My List, ratings and reviews. */
import { z } from "@hono/zod-openapi";
import { TITLE_TYPES } from "../../../../lib/db/schema.ts";
import { MATURITY_LEVELS } from "../../../../lib/maturity.ts";
import { GenreIdSchema, THUMBS, TitleCardSchema } from "./catalog.ts";
import { ReviewSchema } from "./catalog-admin.ts";

const Year = z.coerce.number().int().min(1888).max(2100);

export const SearchQuery = z
  .object({
    q: z.string().trim().min(1).max(200).optional().openapi({
      example: "starfall",
      description:
        "Words to find. Without them, at least one filter is needed and results are the most popular.",
    }),
    type: z.enum(TITLE_TYPES).optional(),
    genre: GenreIdSchema.optional(),
    yearFrom: Year.optional(),
    yearTo: Year.optional(),
    maturity: z.enum(MATURITY_LEVELS).optional().openapi({
      description: "Show only titles at or below this level (never above the profile's).",
    }),
    page: z.coerce.number().int().min(1).max(500).default(1),
    pageSize: z.coerce.number().int().min(1).max(50).default(20),
  })
  .refine((query) => !query.yearFrom || !query.yearTo || query.yearFrom <= query.yearTo, {
    message: "yearFrom must not be after yearTo.",
    path: ["yearFrom"],
  })
  .refine(
    (query) =>
      query.q !== undefined ||
      [query.type, query.genre, query.yearFrom, query.yearTo, query.maturity].some(
        (v) => v !== undefined,
      ),
    {
      message: "Search for some words, or filter by at least one of type, genre, year or maturity.",
      path: ["q"],
    },
  );

export const SearchResultsSchema = z
  .object({
    query: z.string(),
    correctedQuery: z.string().nullable().openapi({
      description: "Set when nothing matched as typed and a corrected spelling did.",
    }),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    results: z.array(TitleCardSchema),
  })
  .openapi("SearchResults");

export const SuggestQuery = z.object({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});

export const SuggestionsSchema = z
  .object({
    suggestions: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        year: z.number().int(),
        type: z.enum(TITLE_TYPES),
        posterUrl: z.string().nullable(),
      }),
    ),
  })
  .openapi("Suggestions");

export const TitleListSchema = z.object({ titles: z.array(TitleCardSchema) }).openapi("TitleList");

export const RateTitleSchema = z
  .object({ rating: z.enum(THUMBS) })
  .strict()
  .openapi("RateTitleRequest");

export const REVIEW_MAX_LENGTH = 2000;

export const ReviewTitleSchema = z
  .object({ body: z.string().trim().min(10).max(REVIEW_MAX_LENGTH) })
  .strict()
  .openapi("ReviewTitleRequest");

export const ReviewsQuery = z.object({
  before: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const ReviewPageSchema = z
  .object({ reviews: z.array(ReviewSchema), nextBefore: z.iso.datetime().nullable() })
  .openapi("ReviewPage");
