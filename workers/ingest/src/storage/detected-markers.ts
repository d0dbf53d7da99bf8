/**
 * What marker detection reads and writes in D1: a title's videos with
 * their assets and seasons, the titles an asset plays in, and the title's
 * detected markers, replaced as a whole (an admin's markers are never
 * touched).
 */
import { and, eq, isNotNull } from "drizzle-orm";
import type { Database } from "../../../../lib/db/database.ts";
import {
  episodes,
  mediaAssets,
  playbackMarkers,
  titles,
  type MarkerKind,
} from "../../../../lib/db/schema.ts";

/** A film or an episode that has a video: its asset, and its season (null for a film). */
export interface TitleVideo {
  videoId: string;
  episodeId: string | null;
  seasonId: string | null;
  assetId: string;
  durationSeconds: number | null;
}

export interface DetectedMarker {
  videoId: string;
  episodeId: string | null;
  kind: MarkerKind;
  startSeconds: number;
  endSeconds: number | null;
  confidence: number;
}

/** D1 binds at most 100 parameters per statement; a marker row binds nine. */
const ROWS_PER_INSERT = 10;

export async function titleVideos(db: Database, titleId: string): Promise<TitleVideo[]> {
  const [film, parts] = await Promise.all([
    db
      .select({ assetId: titles.videoAssetId, durationSeconds: mediaAssets.durationSeconds })
      .from(titles)
      .innerJoin(mediaAssets, eq(mediaAssets.id, titles.videoAssetId))
      .where(eq(titles.id, titleId)),
    db
      .select({
        episodeId: episodes.id,
        seasonId: episodes.seasonId,
        assetId: episodes.videoAssetId,
        durationSeconds: mediaAssets.durationSeconds,
      })
      .from(episodes)
      .innerJoin(mediaAssets, eq(mediaAssets.id, episodes.videoAssetId))
      .where(and(eq(episodes.titleId, titleId), isNotNull(episodes.videoAssetId))),
  ]);
  return [
    ...film.map((row) => ({
      videoId: titleId,
      episodeId: null,
      seasonId: null,
      assetId: row.assetId!,
      durationSeconds: row.durationSeconds,
    })),
    ...parts.map((row) => ({ ...row, videoId: row.episodeId, assetId: row.assetId! })),
  ];
}

/** The titles whose film or one of whose episodes plays `assetId`. */
export async function titlesPlaying(db: Database, assetId: string): Promise<string[]> {
  const [films, series] = await Promise.all([
    db.select({ id: titles.id }).from(titles).where(eq(titles.videoAssetId, assetId)),
    db
      .selectDistinct({ id: episodes.titleId })
      .from(episodes)
      .where(eq(episodes.videoAssetId, assetId)),
  ]);
  return [...new Set([...films, ...series].map((row) => row.id))];
}

/** The title's detected markers become `markers`, in one transaction. */
export async function replaceDetectedMarkers(
  db: Database,
  titleId: string,
  markers: readonly DetectedMarker[],
): Promise<void> {
  const updatedAt = new Date();
  const rows = markers.map((marker) => ({
    ...marker,
    titleId,
    source: "detected" as const,
    updatedAt,
  }));
  const inserts = [];
  for (let at = 0; at < rows.length; at += ROWS_PER_INSERT) {
    inserts.push(db.insert(playbackMarkers).values(rows.slice(at, at + ROWS_PER_INSERT)));
  }
  await db.batch([
    db
      .delete(playbackMarkers)
      .where(and(eq(playbackMarkers.titleId, titleId), eq(playbackMarkers.source, "detected"))),
    ...inserts,
  ]);
}
