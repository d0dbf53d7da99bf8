/** The admin catalog API (content_admin or admin): titles, seasons, episodes, artwork, audit log. */
import { createRoute, z } from "@hono/zod-openapi";
import { authorized } from "../middleware/authorized.ts";
import {
  AdminTitleListQuery,
  AdminTitleListSchema,
  AdminTitleSchema,
  ArtworkParams,
  ArtworkUploadedSchema,
  AuditEntrySchema,
  AuditLogQuery,
  CreateTitleSchema,
  EpisodeInputSchema,
  EpisodeRecordSchema,
  MarkersInputSchema,
  SeasonInputSchema,
  SeasonRecordSchema,
  UpdateEpisodeSchema,
  UpdateSeasonSchema,
  UpdateTitleSchema,
  VideoAttachedSchema,
  VideoAttachmentSchema,
  VideoMarkersSchema,
} from "../schemas/catalog-admin.ts";
import { IdParam, errorResponses, jsonBody, jsonResponse } from "../../../../lib/http/openapi.ts";
import { ARTWORK_CONTENT_TYPES, ARTWORK_MAX_BYTES } from "../services/artwork.ts";
import {
  createEpisode,
  createSeason,
  createTitle,
  deleteEpisode,
  deleteSeason,
  deleteTitle,
  setPublished,
  setVideo,
  setVideoMarkers,
  titleSnapshot,
  updateEpisode,
  updateSeason,
  updateTitle,
  uploadArtwork,
  videoMarkers,
  type TitleSnapshot,
} from "../services/catalog-admin.ts";
import { artworkUrl, presentCard } from "../services/catalog-reader.ts";
import { serviceContext } from "../services/context.ts";
import { listAuditEntries } from "../storage/audit-log.ts";
import { titlesForAdmin } from "../storage/catalog-reads.ts";
import { CATALOG_AUDIT_ENTITIES } from "../../../../lib/db/schema.ts";
import { ApiError, notFound } from "../../../../lib/http/api-error.ts";
import { createRouter } from "./router.ts";

export const adminCatalogRoutes = createRouter();

const tags = ["Admin: catalog"];
const admin = () => authorized("content_admin", "admin");
const TitleParam = IdParam("titleId");

function presentAdminTitle(title: TitleSnapshot) {
  return {
    // Admins see titles as they are, outside any experiment.
    ...presentCard(title, "poster"),
    slug: title.slug,
    published: title.published,
    publishedAt: title.publishedAt,
    synopsis: title.synopsis,
    languages: title.languages,
    genreNames: title.genres.map((genre) => genre.name),
    directors: title.credits
      .filter((credit) => credit.role === "director")
      .map((credit) => credit.name),
    cast: title.credits
      .filter((credit) => credit.role === "cast")
      .map(({ name, character }) => ({ name, character })),
    seasons: title.seasons,
  };
}

const actor = (c: { get(key: "auth"): { accountId: string } | undefined }) =>
  c.get("auth")!.accountId;

adminCatalogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/titles",
    operationId: "listAdminTitles",
    summary: "All titles, published or not",
    tags,
    ...admin(),
    request: { query: AdminTitleListQuery },
    responses: {
      200: jsonResponse(AdminTitleListSchema, "One page of titles by name."),
      ...errorResponses(400, 401, 403, 429),
    },
  }),
  async (c) => {
    const { q, published, page, pageSize } = c.req.valid("query");
    const { rows, total } = await titlesForAdmin((await serviceContext(c)).db, {
      q,
      published: published === undefined ? undefined : published === "true",
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const titles = rows.map(({ posterKey, ...row }) => ({
      ...row,
      posterUrl: artworkUrl(posterKey),
    }));
    return c.json({ titles, total }, 200);
  },
);

adminCatalogRoutes.openapi(
  createRoute({
    method: "post",
    path: "/titles",
    operationId: "createTitle",
    summary: "Create a title (unpublished)",
    tags,
    ...admin(),
    request: { body: jsonBody(CreateTitleSchema) },
    responses: {
      201: jsonResponse(AdminTitleSchema, "The new title."),
      ...errorResponses(400, 401, 403, 409, 413, 415, 429),
    },
  }),
  async (c) => {
    const title = await createTitle(await serviceContext(c), actor(c), c.req.valid("json"));
    return c.json(presentAdminTitle(title), 201);
  },
);

adminCatalogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/titles/{titleId}",
    operationId: "getAdminTitle",
    summary: "A title as admins see it",
    tags,
    ...admin(),
    request: { params: TitleParam },
    responses: {
      200: jsonResponse(AdminTitleSchema, "The title."),
      ...errorResponses(400, 401, 403, 404, 429),
    },
  }),
  async (c) => {
    const title = await titleSnapshot(await serviceContext(c), c.req.valid("param").titleId);
    if (!title) throw notFound("title");
    return c.json(presentAdminTitle(title), 200);
  },
);

adminCatalogRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/titles/{titleId}",
    operationId: "updateTitle",
    summary: "Change a title",
    tags,
    ...admin(),
    request: { params: TitleParam, body: jsonBody(UpdateTitleSchema) },
    responses: {
      200: jsonResponse(AdminTitleSchema, "The changed title."),
      ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
    },
  }),
  async (c) => {
    const title = await updateTitle(
      await serviceContext(c),
      actor(c),
      c.req.valid("param").titleId,
      c.req.valid("json"),
    );
    return c.json(presentAdminTitle(title), 200);
  },
);

for (const [path, operationId, published, summary] of [
  ["/titles/{titleId}/publish", "publishTitle", true, "Publish a title"],
  ["/titles/{titleId}/unpublish", "unpublishTitle", false, "Take a title off the catalog"],
] as const) {
  adminCatalogRoutes.openapi(
    createRoute({
      method: "post",
      path,
      operationId,
      summary,
      tags,
      ...admin(),
      request: { params: TitleParam },
      responses: {
        200: jsonResponse(AdminTitleSchema, "The title."),
        ...errorResponses(400, 401, 403, 404, 429),
      },
    }),
    async (c) => {
      const title = await setPublished(
        await serviceContext(c),
        actor(c),
        c.req.valid("param").titleId,
        published,
      );
      return c.json(presentAdminTitle(title), 200);
    },
  );
}

adminCatalogRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/titles/{titleId}",
    operationId: "deleteTitle",
    summary: "Delete a title with its seasons and episodes",
    tags,
    ...admin(),
    request: { params: TitleParam },
    responses: { 204: { description: "Deleted." }, ...errorResponses(400, 401, 403, 404, 429) },
  }),
  async (c) => {
    await deleteTitle(await serviceContext(c), actor(c), c.req.valid("param").titleId);
    return c.body(null, 204);
  },
);

adminCatalogRoutes.openapi(
  createRoute({
    method: "post",
    path: "/titles/{titleId}/seasons",
    operationId: "createSeason",
    summary: "Add a season to a series",
    tags,
    ...admin(),
    request: { params: TitleParam, body: jsonBody(SeasonInputSchema) },
    responses: {
      201: jsonResponse(SeasonRecordSchema, "The new season."),
      ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
    },
  }),
  async (c) => {
    const season = await createSeason(
      await serviceContext(c),
      actor(c),
      c.req.valid("param").titleId,
      c.req.valid("json"),
    );
    return c.json(season, 201);
  },
);

const SeasonParam = IdParam("seasonId");

adminCatalogRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/seasons/{seasonId}",
    operationId: "updateSeason",
    summary: "Change a season",
    tags,
    ...admin(),
    request: { params: SeasonParam, body: jsonBody(UpdateSeasonSchema) },
    responses: {
      200: jsonResponse(SeasonRecordSchema, "The changed season."),
      ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
    },
  }),
  async (c) => {
    const season = await updateSeason(
      await serviceContext(c),
      actor(c),
      c.req.valid("param").seasonId,
      c.req.valid("json"),
    );
    return c.json(season, 200);
  },
);

adminCatalogRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/seasons/{seasonId}",
    operationId: "deleteSeason",
    summary: "Delete a season and its episodes",
    tags,
    ...admin(),
    request: { params: SeasonParam },
    responses: { 204: { description: "Deleted." }, ...errorResponses(400, 401, 403, 404, 429) },
  }),
  async (c) => {
    await deleteSeason(await serviceContext(c), actor(c), c.req.valid("param").seasonId);
    return c.body(null, 204);
  },
);

adminCatalogRoutes.openapi(
  createRoute({
    method: "post",
    path: "/seasons/{seasonId}/episodes",
    operationId: "createEpisode",
    summary: "Add an episode to a season",
    tags,
    ...admin(),
    request: { params: SeasonParam, body: jsonBody(EpisodeInputSchema) },
    responses: {
      201: jsonResponse(EpisodeRecordSchema, "The new episode."),
      ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
    },
  }),
  async (c) => {
    const episode = await createEpisode(
      await serviceContext(c),
      actor(c),
      c.req.valid("param").seasonId,
      c.req.valid("json"),
    );
    return c.json(episode, 201);
  },
);

const EpisodeParam = IdParam("episodeId");

adminCatalogRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/episodes/{episodeId}",
    operationId: "updateEpisode",
    summary: "Change an episode",
    tags,
    ...admin(),
    request: { params: EpisodeParam, body: jsonBody(UpdateEpisodeSchema) },
    responses: {
      200: jsonResponse(EpisodeRecordSchema, "The changed episode."),
      ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
    },
  }),
  async (c) => {
    const episode = await updateEpisode(
      await serviceContext(c),
      actor(c),
      c.req.valid("param").episodeId,
      c.req.valid("json"),
    );
    return c.json(episode, 200);
  },
);

adminCatalogRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/episodes/{episodeId}",
    operationId: "deleteEpisode",
    summary: "Delete an episode",
    tags,
    ...admin(),
    request: { params: EpisodeParam },
    responses: { 204: { description: "Deleted." }, ...errorResponses(400, 401, 403, 404, 429) },
  }),
  async (c) => {
    await deleteEpisode(await serviceContext(c), actor(c), c.req.valid("param").episodeId);
    return c.body(null, 204);
  },
);

for (const [type, Param] of [
  ["title", TitleParam],
  ["episode", EpisodeParam],
] as const) {
  const path = type === "title" ? "/titles/{titleId}/markers" : "/episodes/{episodeId}/markers";
  const what = type === "title" ? "a movie's" : "an episode's";
  const Type = type === "title" ? "Title" : "Episode";
  // Validated by the route's params schema; the two routes differ only in the name.
  const target = (c: { req: { param(name: string): string | undefined } }) => ({
    type,
    id: c.req.param(type === "title" ? "titleId" : "episodeId")!,
  });
  adminCatalogRoutes.openapi(
    createRoute({
      method: "get",
      path,
      operationId: `get${Type}Markers`,
      summary: `The intro, recap and credits markers of ${what} video`,
      description: "The markers in force (an admin's, else detected) and the detected ones.",
      tags,
      ...admin(),
      request: { params: Param },
      responses: {
        200: jsonResponse(VideoMarkersSchema, "The markers."),
        ...errorResponses(400, 401, 403, 404, 409, 429),
      },
    }),
    async (c) => c.json(await videoMarkers(await serviceContext(c), target(c)), 200),
  );
  adminCatalogRoutes.openapi(
    createRoute({
      method: "put",
      path,
      operationId: `set${Type}Markers`,
      summary: `Set or clear ${what} intro, recap and credits markers`,
      description:
        "An admin's marker overrules detection (null: there is none); `detected` hands a kind back to detection.",
      tags,
      ...admin(),
      request: { params: Param, body: jsonBody(MarkersInputSchema) },
      responses: {
        200: jsonResponse(VideoMarkersSchema, "The markers now."),
        ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
      },
    }),
    async (c) =>
      c.json(
        await setVideoMarkers(await serviceContext(c), actor(c), target(c), c.req.valid("json")),
        200,
      ),
  );
}

for (const [type, path, operationId, Param] of [
  ["title", "/titles/{titleId}/video", "setTitleVideo", TitleParam],
  ["episode", "/episodes/{episodeId}/video", "setEpisodeVideo", EpisodeParam],
] as const) {
  adminCatalogRoutes.openapi(
    createRoute({
      method: "put",
      path,
      operationId,
      summary: `Point a ${type === "title" ? "movie" : "episode"} at a transcoded asset, or at none`,
      description:
        "Uploads attach their asset by themselves; this shares one asset between catalog entries or takes a video down.",
      tags,
      ...admin(),
      request: { params: Param, body: jsonBody(VideoAttachmentSchema) },
      responses: {
        200: jsonResponse(VideoAttachedSchema, "Attached."),
        ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
      },
    }),
    async (c) => {
      // Validated by the route's params schema; the two routes differ only in the name.
      const id = c.req.param(type === "title" ? "titleId" : "episodeId")!;
      const result = await setVideo(
        await serviceContext(c),
        actor(c),
        { type, id },
        c.req.valid("json").assetId,
      );
      return c.json(result, 200);
    },
  );
}

adminCatalogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/audit-log",
    operationId: "listAuditLog",
    summary: "Catalog changes, newest first",
    tags,
    ...admin(),
    request: { query: AuditLogQuery },
    responses: {
      200: jsonResponse(
        z.object({ entries: z.array(AuditEntrySchema) }).openapi("AuditLog"),
        "Entries.",
      ),
      ...errorResponses(400, 401, 403, 429),
    },
  }),
  async (c) => {
    const { before, ...filter } = c.req.valid("query");
    const entries = await listAuditEntries((await serviceContext(c)).db, {
      ...filter,
      entityTypes: CATALOG_AUDIT_ENTITIES,
      ...(before ? { before: new Date(before) } : {}),
    });
    return c.json(
      { entries: entries.map((entry) => ({ ...entry, at: entry.at.toISOString() })) },
      200,
    );
  },
);

/** Artwork uploads take image bodies of up to 5 MB, so they have a router of their own. */
export const adminArtworkRoutes = createRouter({ maxBodyBytes: ARTWORK_MAX_BYTES });

adminArtworkRoutes.openapi(
  createRoute({
    method: "put",
    path: "/{titleId}/{kind}",
    operationId: "uploadArtwork",
    summary: "Upload a poster, backdrop or logo",
    description:
      "The body is the image: PNG, JPEG, WebP or SVG (checked from the bytes), up to 5 MB. It is stored under a content-addressed key, so the new image gets a new URL.",
    tags,
    ...admin(),
    request: {
      params: ArtworkParams,
      body: {
        required: true,
        content: Object.fromEntries(
          ARTWORK_CONTENT_TYPES.map((type) => [
            type,
            { schema: { type: "string", format: "binary" } },
          ]),
        ),
      },
    },
    responses: {
      200: jsonResponse(ArtworkUploadedSchema, "Stored; the title now shows it."),
      ...errorResponses(400, 401, 403, 404, 413, 415, 429),
    },
  }),
  async (c) => {
    const { titleId, kind } = c.req.valid("param");
    // The declared type is checked first (cheap); the bytes are checked again later, since a header can lie.
    const declared = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (!declared || !(ARTWORK_CONTENT_TYPES as readonly string[]).includes(declared))
      throw new ApiError(
        415,
        "unsupported_media_type",
        "Send the image with its type: image/png, image/jpeg, image/webp or image/svg+xml.",
      );
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    return c.json(
      await uploadArtwork(await serviceContext(c), actor(c), titleId, kind, bytes),
      200,
    );
  },
);
