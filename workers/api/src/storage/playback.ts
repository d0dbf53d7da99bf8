/** The D1 side of playback: what a title or episode plays, and where a finished session stopped. */
import { and, asc, eq, gt, or } from "drizzle-orm";
import type { Database } from "../../../../lib/db/database.ts";
import {
  episodes,
  mediaAssets,
  seasons,
  titles,
  watchProgress,
} from "../../../../lib/db/schema.ts";
import type { Presentation } from "../../../../lib/media/presentation.ts";

export interface PlayableVideo {
  assetId: string;
  presentation: Presentation;
}

/** The asset a film (or one of a series' episodes) plays, once it is playable; null otherwise. */
export async function playableVideo(
  db: Database,
  titleId: string,
  episodeId: string | null,
): Promise<PlayableVideo | null> {
  const [row] = episodeId
    ? await db
        .select({ assetId: mediaAssets.id, presentation: mediaAssets.presentation })
        .from(episodes)
        .innerJoin(mediaAssets, eq(mediaAssets.id, episodes.videoAssetId))
        .where(and(eq(episodes.id, episodeId), eq(episodes.titleId, titleId)))
    : await db
        .select({ assetId: mediaAssets.id, presentation: mediaAssets.presentation })
        .from(titles)
        .innerJoin(mediaAssets, eq(mediaAssets.id, titles.videoAssetId))
        .where(eq(titles.id, titleId));
  return row?.presentation ? { assetId: row.assetId, presentation: row.presentation } : null;
}

export interface EpisodeRef {
  id: string;
  seasonNumber: number;
  number: number;
  name: string;
}

/** The episode after `episodeId` in its series (the next season's first after a season's last). */
export async function nextEpisode(db: Database, episodeId: string): Promise<EpisodeRef | null> {
  const [current] = await db
    .select({ titleId: episodes.titleId, season: seasons.number, number: episodes.number })
    .from(episodes)
    .innerJoin(seasons, eq(seasons.id, episodes.seasonId))
    .where(eq(episodes.id, episodeId));
  if (!current) return null;
  const [next] = await db
    .select({
      id: episodes.id,
      seasonNumber: seasons.number,
      number: episodes.number,
      name: episodes.name,
    })
    .from(episodes)
    .innerJoin(seasons, eq(seasons.id, episodes.seasonId))
    .where(
      and(
        eq(episodes.titleId, current.titleId),
        or(
          gt(seasons.number, current.season),
          and(eq(seasons.number, current.season), gt(episodes.number, current.number)),
        ),
      ),
    )
    .orderBy(asc(seasons.number), asc(episodes.number))
    .limit(1);
  return next ?? null;
}

/** Where a profile stopped in a title, kept in D1 for the home page and title pages. */
export async function saveFinalPosition(
  db: Database,
  entry: {
    profileId: string;
    titleId: string;
    episodeId: string | null;
    positionSeconds: number;
    durationSeconds: number;
    completed: boolean;
  },
): Promise<void> {
  const values = {
    ...entry,
    positionSeconds: Math.round(entry.positionSeconds),
    durationSeconds: Math.round(entry.durationSeconds),
    updatedAt: new Date(),
  };
  await db
    .insert(watchProgress)
    .values(values)
    .onConflictDoUpdate({ target: [watchProgress.profileId, watchProgress.titleId], set: values });
}
