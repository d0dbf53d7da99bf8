/** Schemas of what the catalog shows: title cards, title details, genres and home rows. */
import { z } from "@hono/zod-openapi";
import { MATURITY_LEVELS, RATINGS } from "../../../../lib/maturity.ts";
import { ROW_KINDS } from "../../../../lib/catalog/home-rows.ts";
import { CARD_ARTWORKS } from "../../../../lib/experiments/definition.ts";
import { TITLE_TYPES } from "../../../../lib/db/schema.ts";

export const GenreIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "A genre id is a lower-case slug.")
  .max(40)
  .openapi({ example: "sci-fi" });

export const GenreSchema = z
  .object({ id: GenreIdSchema, name: z.string(), titleCount: z.number().int() })
  .openapi("Genre");

export const TitleCardSchema = z
  .object({
    id: z.uuid(),
    type: z.enum(TITLE_TYPES),
    name: z.string(),
    year: z.number().int(),
    rating: z.enum(RATINGS),
    maturityLevel: z.enum(MATURITY_LEVELS),
    genres: z.array(z.string()).openapi({ description: "Genre ids." }),
    runtimeMinutes: z.number().int().nullable(),
    seasonCount: z.number().int(),
    posterUrl: z.string().nullable(),
    backdropUrl: z.string().nullable(),
    logoUrl: z.string().nullable(),
    cardImage: z
      .object({ kind: z.enum(CARD_ARTWORKS), url: z.string() })
      .nullable()
      .openapi({
        description:
          "The picture a card shows: the poster, or the backdrop when the profile is in an artwork experiment's variant (the poster for a title without a backdrop).",
      }),
    playable: z.boolean().openapi({ description: "Whether video is available yet." }),
  })
  .openapi("TitleCard");

export const EpisodeSchema = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    name: z.string(),
    synopsis: z.string(),
    runtimeMinutes: z.number().int(),
    playable: z.boolean().openapi({ description: "Whether this episode has video yet." }),
  })
  .openapi("Episode");

export const SeasonSchema = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    name: z.string(),
    synopsis: z.string(),
    year: z.number().int().nullable(),
    episodes: z.array(EpisodeSchema),
  })
  .openapi("Season");

export const THUMBS = ["down", "up", "double_up"] as const;

export const TitleDetailsSchema = TitleCardSchema.extend({
  synopsis: z.string(),
  languages: z.array(z.string()),
  genreNames: z.array(z.string()),
  directors: z.array(z.string()),
  cast: z.array(z.object({ name: z.string(), character: z.string().nullable() })),
  seasons: z.array(SeasonSchema),
  similar: z.array(TitleCardSchema),
  viewer: z.object({
    inMyList: z.boolean(),
    rating: z.enum(THUMBS).nullable(),
    resumeAt: z
      .object({ episodeId: z.uuid().nullable(), positionSeconds: z.number().int() })
      .nullable()
      .openapi({ description: "Where this profile stopped, when known." }),
  }),
}).openapi("TitleDetails");

export const HomeRowSchema = z
  .object({
    id: z.string().openapi({ description: "Stable within a home page, e.g. `genre:comedy`." }),
    kind: z.enum(ROW_KINDS),
    title: z.string(),
    titleIds: z
      .array(z.uuid())
      .openapi({ description: "The row's titles, in order; cards are in `titles`." }),
  })
  .openapi("HomeRow");

export const HomeSchema = z
  .object({
    profileId: z.uuid(),
    degraded: z.boolean().openapi({
      description: "True when personalisation was unavailable and a generic home is shown.",
    }),
    heroId: z.uuid().nullable(),
    rows: z.array(HomeRowSchema),
    titles: z.record(z.uuid(), TitleCardSchema).openapi({
      description:
        "Every title on the page, once: rows refer to them by id (most titles appear in several rows).",
    }),
  })
  .openapi("Home");

export const GenreListSchema = z.object({ genres: z.array(GenreSchema) }).openapi("GenreList");
