/**
 * Detected playback markers (docs/ingest.md, "Markers"): each video's
 * credits from its own analysis, and a season's intros by matching its
 * episodes' audio fingerprints against each other. Run for a whole title
 * whenever one of its videos gets an analysis or another asset, so the
 * intros of the episodes already there improve as more land. An admin's
 * markers are never touched and win over these (lib/catalog/markers.ts).
 */
import type { Database } from "../../../../lib/db/database.ts";
import type { MarkersAnalysis } from "../../../../lib/ingest/task-protocol.ts";
import { fingerprintFromBytes, seasonIntros } from "../../../../lib/media/intro-matching.ts";
import {
  replaceDetectedMarkers,
  titlesPlaying,
  titleVideos,
  type DetectedMarker,
  type TitleVideo,
} from "../storage/detected-markers.ts";
import { getMarkersAnalysis, putMarkersAnalysis } from "../storage/markers-analysis.ts";

export interface MarkerDeps {
  db: Database;
  media: R2Bucket;
}

const fingerprintOf = (analysis: MarkersAnalysis | undefined) => {
  if (!analysis?.fingerprint) return null;
  return fingerprintFromBytes(Uint8Array.from(atob(analysis.fingerprint), (c) => c.charCodeAt(0)));
};

/** A credits marker for each video whose analysis found credits within its length. */
function creditsMarkers(
  videos: readonly TitleVideo[],
  analyses: ReadonlyMap<string, MarkersAnalysis>,
): DetectedMarker[] {
  return videos.flatMap((video) => {
    const credits = analyses.get(video.assetId)?.credits;
    if (!credits || (video.durationSeconds && credits.startSeconds >= video.durationSeconds)) {
      return [];
    }
    return [{ ...marked(video), kind: "credits" as const, ...credits, endSeconds: null }];
  });
}

/**
 * Intro markers per season. Matching is per asset: two episodes that play
 * the same asset share all their audio, which says nothing about an intro.
 */
function introMarkers(
  videos: readonly TitleVideo[],
  analyses: ReadonlyMap<string, MarkersAnalysis>,
): DetectedMarker[] {
  const seasons = new Map<string, TitleVideo[]>();
  for (const video of videos) {
    if (video.seasonId)
      seasons.set(video.seasonId, [...(seasons.get(video.seasonId) ?? []), video]);
  }
  return [...seasons.values()].flatMap((season) => {
    const fingerprints = new Map<string, Uint32Array>();
    for (const { assetId } of season) {
      const fingerprint = fingerprintOf(analyses.get(assetId));
      if (fingerprint) fingerprints.set(assetId, fingerprint);
    }
    const intros = seasonIntros(fingerprints);
    return season.flatMap((video) => {
      const intro = intros.get(video.assetId);
      return intro ? [{ ...marked(video), kind: "intro" as const, ...intro }] : [];
    });
  });
}

const marked = (video: TitleVideo) => ({ videoId: video.videoId, episodeId: video.episodeId });

/**
 * Finds the title's markers again from its videos' analyses.
 *
 * @example
 * await detectTitleMarkers({ db, media }, titleId);
 */
export async function detectTitleMarkers(deps: MarkerDeps, titleId: string): Promise<void> {
  const videos = await titleVideos(deps.db, titleId);
  const assetIds = [...new Set(videos.map((video) => video.assetId))];
  const analyses = new Map<string, MarkersAnalysis>();
  for (const assetId of assetIds) {
    const analysis = await getMarkersAnalysis(deps.media, assetId);
    if (analysis) analyses.set(assetId, analysis);
  }
  await replaceDetectedMarkers(deps.db, titleId, [
    ...creditsMarkers(videos, analyses),
    ...introMarkers(videos, analyses),
  ]);
}

/**
 * A finished job's analysis is kept with its asset, then the markers of
 * every title that plays the asset are found again.
 *
 * @example
 * await keepAnalysis({ db, media }, assetId, analysis);
 */
export async function keepAnalysis(
  deps: MarkerDeps,
  assetId: string,
  analysis: MarkersAnalysis,
): Promise<void> {
  await putMarkersAnalysis(deps.media, assetId, analysis);
  for (const titleId of await titlesPlaying(deps.db, assetId)) {
    await detectTitleMarkers(deps, titleId);
  }
}
