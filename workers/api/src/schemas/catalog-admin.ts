/** Schemas of the admin catalog API: titles, seasons, episodes, artwork, audit log, moderation. */
import { z } from "@hono/zod-openapi";
import {
  ARTWORK_KINDS,
  AUDIT_ACTIONS,
  CATALOG_AUDIT_ENTITIES,
  CREDIT_ROLES,
  MARKER_SOURCES,
  MODERATION_STATES,
  TITLE_TYPES,
} from "../../../../lib/db/schema.ts";
import { RATINGS } from "../../../../lib/maturity.ts";
import { GenreIdSchema, TitleDetailsSchema } from "./catalog.ts";

const Text = (max: number) => z.string().trim().max(max);

const TitleFieldsSchema = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "A slug is lower-case words joined by hyphens.")
    .max(80)
    .openapi({ example: "the-silent-harbor" }),
  type: z.enum(TITLE_TYPES),
  name: Text(200).min(1),
  synopsis: Text(2000),
  year: z.number().int().min(1888).max(2100),
  releasedOn: z.iso.date(),
  runtimeMinutes: z.number().int().min(1).max(1000).nullable().optional().openapi({
    description: "Movies only.",
  }),
  rating: z.enum(RATINGS),
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "A BCP 47 language tag."))
    .min(1)
    .max(20),
  genres: z.array(GenreIdSchema).min(1).max(5),
  credits: z
    .array(
      z
        .object({
          name: Text(120).min(1),
          role: z.enum(CREDIT_ROLES),
          character: Text(120).min(1).optional(),
        })
        .strict(),
    )
    .max(60),
});

export const CreateTitleSchema = TitleFieldsSchema.extend({
  credits: TitleFieldsSchema.shape.credits.default([]),
})
  .strict()
  .refine((title) => (title.type === "movie") === (title.runtimeMinutes != null), {
    message: "Movies have a runtime; series don't (their episodes do).",
    path: ["runtimeMinutes"],
  })
  .openapi("CreateTitleRequest");

export const UpdateTitleSchema = TitleFieldsSchema.omit({ type: true })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, "Change at least one field.")
  .openapi("UpdateTitleRequest");

export const AdminTitleSchema = TitleDetailsSchema.omit({ similar: true, viewer: true })
  .extend({
    slug: z.string(),
    published: z.boolean(),
    publishedAt: z.iso.datetime().nullable(),
  })
  .openapi("AdminTitle");

export const AdminTitleListSchema = z
  .object({
    titles: z.array(
      z.object({
        id: z.uuid(),
        slug: z.string(),
        name: z.string(),
        type: z.enum(TITLE_TYPES),
        year: z.number().int(),
        rating: z.enum(RATINGS),
        published: z.boolean(),
        posterUrl: z.string().nullable(),
        playable: z
          .boolean()
          .openapi({ description: "Whether it has video (for a series: any episode)." }),
      }),
    ),
    total: z.number().int(),
  })
  .openapi("AdminTitleList");

export const AdminTitleListQuery = z.object({
  q: Text(100).optional(),
  published: z.enum(["true", "false"]).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

export const SeasonInputSchema = z
  .object({
    number: z.number().int().min(1).max(200),
    name: Text(200).min(1),
    synopsis: Text(2000).default(""),
    year: z.number().int().min(1888).max(2100).nullable().optional(),
  })
  .strict()
  .openapi("SeasonInput");

export const UpdateSeasonSchema = SeasonInputSchema.partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, "Change at least one field.")
  .openapi("UpdateSeasonRequest");

export const EpisodeInputSchema = z
  .object({
    number: z.number().int().min(1).max(1000),
    name: Text(200).min(1),
    synopsis: Text(2000).default(""),
    runtimeMinutes: z.number().int().min(1).max(600),
  })
  .strict()
  .openapi("EpisodeInput");

export const UpdateEpisodeSchema = EpisodeInputSchema.partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, "Change at least one field.")
  .openapi("UpdateEpisodeRequest");

export const SeasonRecordSchema = z
  .object({
    id: z.uuid(),
    titleId: z.uuid(),
    number: z.number().int(),
    name: z.string(),
    synopsis: z.string(),
    year: z.number().int().nullable(),
  })
  .openapi("SeasonRecord");

export const EpisodeRecordSchema = z
  .object({
    id: z.uuid(),
    titleId: z.uuid(),
    seasonId: z.uuid(),
    number: z.number().int(),
    name: z.string(),
    synopsis: z.string(),
    runtimeMinutes: z.number().int(),
  })
  .openapi("EpisodeRecord");

export const ArtworkParams = z.object({
  titleId: z.uuid().openapi({ param: { name: "titleId", in: "path" } }),
  kind: z.enum(ARTWORK_KINDS).openapi({ param: { name: "kind", in: "path" } }),
});

export const ArtworkUploadedSchema = z
  .object({ kind: z.enum(ARTWORK_KINDS), url: z.string() })
  .openapi("ArtworkUploaded");

export const AuditEntrySchema = z
  .object({
    id: z.uuid(),
    actorAccountId: z.string(),
    action: z.enum(AUDIT_ACTIONS),
    entityType: z.enum(CATALOG_AUDIT_ENTITIES),
    entityId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
    at: z.iso.datetime(),
  })
  .openapi("AuditEntry");

export const AuditLogQuery = z.object({
  entityType: z.enum(CATALOG_AUDIT_ENTITIES).optional(),
  entityId: z.string().max(64).optional(),
  before: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ReviewSchema = z
  .object({
    id: z.uuid(),
    titleId: z.uuid(),
    authorName: z.string(),
    body: z.string(),
    moderationState: z.enum(MODERATION_STATES),
    mine: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("Review");

export const ModerationQuery = z.object({
  state: z.enum(MODERATION_STATES).default("pending"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ModerateReviewSchema = z
  .object({ state: z.enum(["approved", "rejected"]) })
  .strict()
  .openapi("ModerateReviewRequest");

export const VideoAttachmentSchema = z
  .object({
    assetId: z.uuid().nullable().openapi({
      description: "A playable asset (an ingest job's), or null to take the video down.",
    }),
  })
  .openapi("VideoAttachment");

export const VideoAttachedSchema = z
  .object({ videoAssetId: z.uuid().nullable() })
  .openapi("VideoAttached");

/** Seconds into a video: masters are at most 6 hours long. */
const VideoSeconds = z
  .number()
  .min(0)
  .max(6 * 3600);
const SpanInput = z.object({ startSeconds: VideoSeconds, endSeconds: VideoSeconds }).strict();
const detectedAgain = z
  .literal("detected")
  .openapi({ description: "Drop the admin's marker, so the detected one (if any) is in force." });

export const MarkersInputSchema = z
  .object({
    intro: z.union([SpanInput, z.null(), detectedAgain]).optional(),
    recap: z.union([SpanInput, z.null(), detectedAgain]).optional(),
    credits: z
      .union([z.object({ startSeconds: VideoSeconds }).strict(), z.null(), detectedAgain])
      .optional(),
  })
  .strict()
  .refine((input) => Object.keys(input).length > 0, "Change at least one marker.")
  .openapi("MarkersInput", {
    description:
      "Per kind: where it is, null to say there is none (overruling detection), or `detected`. Kinds left out are unchanged.",
  });

const MarkerSchema = z
  .object({
    startSeconds: z.number(),
    endSeconds: z.number().nullable().openapi({ description: "Null for credits: to the end." }),
    confidence: z.number().min(0).max(1),
    source: z.enum(MARKER_SOURCES),
  })
  .nullable();
const MarkerSetSchema = z.object({
  intro: MarkerSchema,
  recap: MarkerSchema,
  credits: MarkerSchema,
});

export const VideoMarkersSchema = z
  .object({
    durationSeconds: z
      .number()
      .nullable()
      .openapi({ description: "The video's length; null while it has no playable video." }),
    inForce: MarkerSetSchema.openapi({
      description: "What the player gets: an admin's, else detected.",
    }),
    detected: MarkerSetSchema.openapi({ description: "What ingest detected, overruled or not." }),
  })
  .openapi("VideoMarkers");
