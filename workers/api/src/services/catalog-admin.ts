/**
 * Changing the catalog (content_admin and admin). Every change runs as one
 * D1 batch with its audit entry (who, what, when, before and after) and,
 * for titles, its full-text row; then exactly the cache entries the change
 * can affect are deleted (`affectedKeys`).
 */
import { eq } from "drizzle-orm";
import {
  allGenericHomes,
  cacheKeys,
  keysOnVideoChange,
} from "../../../../lib/catalog/cache-keys.ts";
import { effectiveMarkers, type MarkerRow } from "../../../../lib/catalog/markers.ts";
import {
  MARKER_KINDS,
  mediaAssets,
  titles,
  type ArtworkKind,
  type MarkerKind,
  type Episode,
  type Season,
} from "../../../../lib/db/schema.ts";
import { ApiError, notFound } from "../../../../lib/http/api-error.ts";
import { levelOfRating, maturityRank, type Rating } from "../../../../lib/maturity.ts";
import { auditStatement, type AuditEntry } from "../storage/audit-log.ts";
import { titleDetails, type TitleDetailsRow } from "../storage/catalog-reads.ts";
import {
  deleteEpisodeStatement,
  deleteSeasonStatement,
  deleteTitleStatements,
  existingGenres,
  findEpisode,
  findSeason,
  insertEpisode,
  insertSeason,
  insertTitle,
  reindexTitle,
  replaceCredits,
  replaceGenres,
  updateEpisodeFields,
  updateSeasonFields,
  updateTitleFields,
  type Credit,
} from "../storage/catalog-writes.ts";
import { playableVideo } from "../storage/playback.ts";
import {
  dropAdminMarkerStatement,
  markerRows,
  setAdminMarkerStatement,
  type MarkedVideo,
} from "../storage/playback-markers.ts";
import { checkArtwork } from "./artwork.ts";
import type { ServiceContext } from "./context.ts";

export interface TitleInput {
  slug: string;
  type: "movie" | "series";
  name: string;
  synopsis: string;
  year: number;
  releasedOn: string;
  runtimeMinutes?: number | null | undefined;
  rating: Rating;
  languages: string[];
  genres: string[];
  credits: Credit[];
}

/** A title as admins see it, and as the audit log records it. */
export interface TitleSnapshot extends TitleDetailsRow {
  slug: string;
  publishedAt: string | null;
}

const CONFLICTS: [RegExp, string, string][] = [
  [/titles\.slug/, "slug_taken", "Another title already has this slug."],
  [
    /seasons\.title_id, seasons\.number/,
    "season_number_taken",
    "This title already has a season with that number.",
  ],
  [
    /episodes\.season_id, episodes\.number/,
    "episode_number_taken",
    "This season already has an episode with that number.",
  ],
];

/** Runs a change and its audit entry as one transaction; unique-key clashes become 409s. */
async function commit(
  ctx: ServiceContext,
  statements: D1PreparedStatement[],
  entry: Omit<AuditEntry, "requestId">,
) {
  try {
    await ctx.db.$client.batch([
      ...statements,
      auditStatement(ctx.db, { ...entry, requestId: ctx.requestId }),
    ]);
  } catch (error) {
    const message = String(error instanceof Error ? (error.cause ?? error.message) : error);
    const conflict = CONFLICTS.find(([pattern]) => pattern.test(message));
    if (conflict) throw new ApiError(409, conflict[1], conflict[2]);
    throw error;
  }
}

export async function titleSnapshot(
  ctx: ServiceContext,
  titleId: string,
): Promise<TitleSnapshot | null> {
  const [details, row] = await Promise.all([
    titleDetails(ctx.db, titleId),
    ctx.db.query.titles.findFirst({
      where: eq(titles.id, titleId),
      columns: { slug: true, publishedAt: true },
    }),
  ]);
  if (!details || !row) return null;
  return {
    ...details,
    slug: row.slug,
    publishedAt: row.publishedAt ? row.publishedAt.toISOString() : null,
  };
}

async function requireTitle(ctx: ServiceContext, titleId: string): Promise<TitleSnapshot> {
  const snapshot = await titleSnapshot(ctx, titleId);
  if (!snapshot) throw notFound("title");
  return snapshot;
}

async function requireGenres(ctx: ServiceContext, ids: readonly string[]) {
  const known = await existingGenres(ctx.db, ids);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new ApiError(400, "unknown_genre", `No such genre: ${unknown.join(", ")}.`);
}

/**
 * The cache entries a title change can make stale. Lists of ids hold only
 * published titles, so they change when a title enters or leaves them;
 * generic homes embed cards, so they change with anything a card shows.
 */
export function affectedKeys(before: TitleSnapshot | null, after: TitleSnapshot | null): string[] {
  const id = (before ?? after)!.id;
  const keys = new Set([cacheKeys.title(id), cacheKeys.card(id)]);
  const wasListed = before?.published ?? false;
  const isListed = after?.published ?? false;
  const genresBefore = new Set(before?.genreIds ?? []);
  const genresAfter = new Set(after?.genreIds ?? []);
  if (wasListed !== isListed) {
    for (const genre of [...genresBefore, ...genresAfter]) keys.add(cacheKeys.genre(genre));
    for (const key of [
      cacheKeys.popular(),
      cacheKeys.trending(),
      cacheKeys.newReleases(),
      cacheKeys.genres(),
    ])
      keys.add(key);
  } else if (isListed) {
    const changedGenres = [...genresBefore, ...genresAfter].filter(
      (g) => genresBefore.has(g) !== genresAfter.has(g),
    );
    for (const genre of changedGenres) keys.add(cacheKeys.genre(genre));
    if (changedGenres.length > 0) keys.add(cacheKeys.genres());
    if (before!.releasedOn !== after!.releasedOn) keys.add(cacheKeys.newReleases());
  }
  if (wasListed || isListed) for (const key of allGenericHomes()) keys.add(key);
  if (!after) keys.add(cacheKeys.similar(id));
  return [...keys];
}

async function titleChanged(ctx: ServiceContext, before: TitleSnapshot | null, titleId: string) {
  const after = await titleSnapshot(ctx, titleId);
  await ctx.cache.invalidate(affectedKeys(before, after));
  return after;
}

export async function createTitle(ctx: ServiceContext, actorAccountId: string, input: TitleInput) {
  await requireGenres(ctx, input.genres);
  const id = crypto.randomUUID();
  const { genres, credits, ...fields } = input;
  const rank = maturityRank(levelOfRating(input.rating));
  await commit(
    ctx,
    [
      insertTitle(ctx.db, {
        ...fields,
        id,
        maturityRank: rank,
        runtimeMinutes: fields.runtimeMinutes ?? null,
      }),
      ...replaceGenres(ctx.db, id, genres),
      ...replaceCredits(ctx.db, id, credits),
      ...reindexTitle(ctx.db, id),
    ],
    {
      actorAccountId,
      action: "create",
      entityType: "title",
      entityId: id,
      before: null,
      after: { id, ...input, published: false },
    },
  );
  return (await titleChanged(ctx, null, id))!;
}

export async function updateTitle(
  ctx: ServiceContext,
  actorAccountId: string,
  titleId: string,
  patch: Partial<Omit<TitleInput, "type">>,
) {
  const before = await requireTitle(ctx, titleId);
  if (patch.genres) await requireGenres(ctx, patch.genres);
  if (before.type === "series" && patch.runtimeMinutes != null)
    throw new ApiError(400, "validation_failed", "Series have no runtime; their episodes do.");
  const { genres, credits, ...fields } = patch;
  const statements = [
    updateTitleFields(ctx.db, titleId, {
      ...fields,
      ...(fields.rating ? { maturityRank: maturityRank(levelOfRating(fields.rating)) } : {}),
    }),
    ...(genres ? replaceGenres(ctx.db, titleId, genres) : []),
    ...(credits ? replaceCredits(ctx.db, titleId, credits) : []),
    ...reindexTitle(ctx.db, titleId),
  ];
  await commit(ctx, statements, {
    actorAccountId,
    action: "update",
    entityType: "title",
    entityId: titleId,
    before,
    after: patch,
  });
  return (await titleChanged(ctx, before, titleId))!;
}

export async function setPublished(
  ctx: ServiceContext,
  actorAccountId: string,
  titleId: string,
  published: boolean,
) {
  const before = await requireTitle(ctx, titleId);
  if (before.published === published) return before;
  await commit(
    ctx,
    [updateTitleFields(ctx.db, titleId, { published, publishedAt: published ? new Date() : null })],
    {
      actorAccountId,
      action: published ? "publish" : "unpublish",
      entityType: "title",
      entityId: titleId,
      before: { published: before.published },
      after: { published },
    },
  );
  return (await titleChanged(ctx, before, titleId))!;
}

export async function deleteTitle(ctx: ServiceContext, actorAccountId: string, titleId: string) {
  const before = await requireTitle(ctx, titleId);
  await commit(ctx, deleteTitleStatements(ctx.db, titleId), {
    actorAccountId,
    action: "delete",
    entityType: "title",
    entityId: titleId,
    before,
    after: null,
  });
  await ctx.cache.invalidate(affectedKeys(before, null));
}

export async function uploadArtwork(
  ctx: ServiceContext,
  actorAccountId: string,
  titleId: string,
  kind: ArtworkKind,
  bytes: Uint8Array<ArrayBuffer>,
) {
  const before = await requireTitle(ctx, titleId);
  const { key, contentType } = await checkArtwork(bytes);
  // Content-addressed, so writing the same image twice is harmless and the object is never changed.
  await ctx.env.MEDIA.put(key, bytes, {
    httpMetadata: { contentType, cacheControl: "public, max-age=31536000, immutable" },
  });
  const column = { poster: "posterKey", backdrop: "backdropKey", logo: "logoKey" } as const;
  await commit(ctx, [updateTitleFields(ctx.db, titleId, { [column[kind]]: key })], {
    actorAccountId,
    action: "upload_artwork",
    entityType: "title",
    entityId: titleId,
    before: { [kind]: before[column[kind]] },
    after: { [kind]: key },
  });
  await titleChanged(ctx, before, titleId);
  return { kind, url: `/api/${key}` };
}

async function requireSeries(ctx: ServiceContext, titleId: string) {
  const title = await requireTitle(ctx, titleId);
  if (title.type !== "series") throw new ApiError(409, "not_a_series", "Only series have seasons.");
  return title;
}

export async function createSeason(
  ctx: ServiceContext,
  actorAccountId: string,
  titleId: string,
  input: Pick<Season, "number" | "name" | "synopsis"> & { year?: number | null | undefined },
) {
  const before = await requireSeries(ctx, titleId);
  const season = { id: crypto.randomUUID(), titleId, ...input, year: input.year ?? null };
  await commit(ctx, [insertSeason(ctx.db, season)], {
    actorAccountId,
    action: "create",
    entityType: "season",
    entityId: season.id,
    before: null,
    after: season,
  });
  await titleChanged(ctx, before, titleId);
  return season;
}

async function requireSeason(ctx: ServiceContext, seasonId: string): Promise<Season> {
  const season = await findSeason(ctx.db, seasonId);
  if (!season) throw notFound("season");
  return season;
}

export async function updateSeason(
  ctx: ServiceContext,
  actorAccountId: string,
  seasonId: string,
  patch: Partial<Pick<Season, "number" | "name" | "synopsis" | "year">>,
) {
  const before = await requireSeason(ctx, seasonId);
  const title = await requireTitle(ctx, before.titleId);
  await commit(ctx, [updateSeasonFields(ctx.db, seasonId, patch)], {
    actorAccountId,
    action: "update",
    entityType: "season",
    entityId: seasonId,
    before,
    after: patch,
  });
  await titleChanged(ctx, title, before.titleId);
  return { ...before, ...patch };
}

export async function deleteSeason(ctx: ServiceContext, actorAccountId: string, seasonId: string) {
  const before = await requireSeason(ctx, seasonId);
  const title = await requireTitle(ctx, before.titleId);
  await commit(ctx, [deleteSeasonStatement(ctx.db, seasonId)], {
    actorAccountId,
    action: "delete",
    entityType: "season",
    entityId: seasonId,
    before,
    after: null,
  });
  await titleChanged(ctx, title, before.titleId);
}

export async function createEpisode(
  ctx: ServiceContext,
  actorAccountId: string,
  seasonId: string,
  input: Pick<Episode, "number" | "name" | "synopsis" | "runtimeMinutes">,
) {
  const season = await requireSeason(ctx, seasonId);
  const title = await requireTitle(ctx, season.titleId);
  const episode = { id: crypto.randomUUID(), titleId: season.titleId, seasonId, ...input };
  await commit(ctx, [insertEpisode(ctx.db, episode)], {
    actorAccountId,
    action: "create",
    entityType: "episode",
    entityId: episode.id,
    before: null,
    after: episode,
  });
  await titleChanged(ctx, title, season.titleId);
  return episode;
}

async function requireEpisode(ctx: ServiceContext, episodeId: string): Promise<Episode> {
  const episode = await findEpisode(ctx.db, episodeId);
  if (!episode) throw notFound("episode");
  return episode;
}

export async function updateEpisode(
  ctx: ServiceContext,
  actorAccountId: string,
  episodeId: string,
  patch: Partial<Pick<Episode, "number" | "name" | "synopsis" | "runtimeMinutes">>,
) {
  const before = await requireEpisode(ctx, episodeId);
  const title = await requireTitle(ctx, before.titleId);
  await commit(ctx, [updateEpisodeFields(ctx.db, episodeId, patch)], {
    actorAccountId,
    action: "update",
    entityType: "episode",
    entityId: episodeId,
    before,
    after: patch,
  });
  await titleChanged(ctx, title, before.titleId);
  return { ...before, ...patch };
}

export async function deleteEpisode(
  ctx: ServiceContext,
  actorAccountId: string,
  episodeId: string,
) {
  const before = await requireEpisode(ctx, episodeId);
  const title = await requireTitle(ctx, before.titleId);
  await commit(ctx, [deleteEpisodeStatement(ctx.db, episodeId)], {
    actorAccountId,
    action: "delete",
    entityType: "episode",
    entityId: episodeId,
    before,
    after: null,
  });
  await titleChanged(ctx, title, before.titleId);
}

/**
 * Points a movie or an episode at a transcoded asset, or at none. Uploads
 * attach their asset themselves; this is for everything else: one master
 * shared by two catalog entries, or taking a broken video down.
 */
export async function setVideo(
  ctx: ServiceContext,
  actorAccountId: string,
  target: { type: "title" | "episode"; id: string },
  assetId: string | null,
) {
  if (assetId) {
    const asset = await ctx.db.query.mediaAssets.findFirst({
      where: eq(mediaAssets.id, assetId),
      columns: { state: true },
    });
    if (!asset) throw new ApiError(400, "unknown_asset", "No such asset.");
    if (asset.state !== "playable" && asset.state !== "ready")
      throw new ApiError(409, "asset_not_playable", "This asset has no playable video (yet).");
  }
  let titleId: string;
  let before: string | null;
  let statement: D1PreparedStatement;
  if (target.type === "title") {
    const title = await requireTitle(ctx, target.id);
    if (title.type !== "movie")
      throw new ApiError(409, "not_a_movie", "A series plays its episodes' videos.");
    const row = await ctx.db.query.titles.findFirst({
      where: eq(titles.id, target.id),
      columns: { videoAssetId: true },
    });
    titleId = target.id;
    before = row?.videoAssetId ?? null;
    statement = updateTitleFields(ctx.db, target.id, { videoAssetId: assetId });
  } else {
    const episode = await requireEpisode(ctx, target.id);
    titleId = episode.titleId;
    before = episode.videoAssetId;
    statement = updateEpisodeFields(ctx.db, target.id, { videoAssetId: assetId });
  }
  await commit(ctx, [statement], {
    actorAccountId,
    action: "update",
    entityType: target.type,
    entityId: target.id,
    before: { videoAssetId: before },
    after: { videoAssetId: assetId },
  });
  await ctx.cache.invalidate(keysOnVideoChange(titleId));
  // Another video: its credits, and its season's intros, are found again (by the ingest Worker).
  ctx.background(ctx.env.INGEST.detectMarkers(titleId));
  return { videoAssetId: assetId };
}

type Span = { startSeconds: number; endSeconds: number };
/**
 * Per kind: where it is, null ("there is none") or "detected" (drop the
 * admin's marker, so detection decides again). Absent kinds stay as they are.
 */
export interface MarkersInput {
  intro?: Span | null | "detected" | undefined;
  recap?: Span | null | "detected" | undefined;
  credits?: { startSeconds: number } | null | "detected" | undefined;
}

/** A movie or an episode as a marked video, with its length when its video is playable. */
async function markedVideo(
  ctx: ServiceContext,
  target: { type: "title" | "episode"; id: string },
): Promise<MarkedVideo & { durationSeconds: number | null }> {
  let video: MarkedVideo;
  if (target.type === "title") {
    const title = await requireTitle(ctx, target.id);
    if (title.type !== "movie")
      throw new ApiError(409, "not_a_movie", "A series' markers are set per episode.");
    video = { videoId: title.id, titleId: title.id, episodeId: null };
  } else {
    const episode = await requireEpisode(ctx, target.id);
    video = { videoId: episode.id, titleId: episode.titleId, episodeId: episode.id };
  }
  const playable = await playableVideo(ctx.db, video.titleId, video.episodeId);
  return { ...video, durationSeconds: playable?.presentation.durationSeconds ?? null };
}

/** The markers in force and the detected ones behind them, for the admin's view. */
function markersView(durationSeconds: number | null, rows: MarkerRow[]) {
  return {
    durationSeconds,
    inForce: effectiveMarkers(rows),
    detected: effectiveMarkers(rows.filter((row) => row.source === "detected")),
  };
}

export async function videoMarkers(
  ctx: ServiceContext,
  target: { type: "title" | "episode"; id: string },
) {
  const video = await markedVideo(ctx, target);
  return markersView(video.durationSeconds, await markerRows(ctx.db, video.videoId));
}

/** Spans must end after they start, and lie within the video when its length is known. */
function checkSpan(
  kind: MarkerKind,
  span: { startSeconds: number; endSeconds: number | null },
  durationSeconds: number | null,
) {
  const invalid = (message: string) =>
    new ApiError(400, "validation_failed", message, { details: [{ path: kind, message }] });
  if (span.endSeconds !== null && span.endSeconds <= span.startSeconds)
    throw invalid("Must end after it starts.");
  if (durationSeconds !== null && (span.endSeconds ?? span.startSeconds) > durationSeconds)
    throw invalid(`Must lie within the video (${durationSeconds} s).`);
}

export async function setVideoMarkers(
  ctx: ServiceContext,
  actorAccountId: string,
  target: { type: "title" | "episode"; id: string },
  input: MarkersInput,
) {
  const video = await markedVideo(ctx, target);
  type Change = { startSeconds: number; endSeconds: number | null } | null | "detected";
  const changes = MARKER_KINDS.flatMap((kind): [MarkerKind, Change][] => {
    const change = input[kind];
    if (change === undefined) return [];
    if (change === null || change === "detected") return [[kind, change]];
    return [[kind, { endSeconds: null, ...change }]];
  });
  for (const [kind, change] of changes) {
    if (change !== null && change !== "detected") checkSpan(kind, change, video.durationSeconds);
  }
  const before = effectiveMarkers(await markerRows(ctx.db, video.videoId));
  await commit(
    ctx,
    changes.map(([kind, change]) =>
      change === "detected"
        ? dropAdminMarkerStatement(ctx.db, video.videoId, kind)
        : setAdminMarkerStatement(ctx.db, video, kind, change),
    ),
    {
      actorAccountId,
      action: "update",
      entityType: target.type,
      entityId: target.id,
      before: { markers: before },
      after: { markers: input },
    },
  );
  return markersView(video.durationSeconds, await markerRows(ctx.db, video.videoId));
}
