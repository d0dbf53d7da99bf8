/**
 * Marker detection over a title's videos in workerd, with D1 and R2 for
 * real: credits from each asset's analysis, a season's intros by matching
 * the fingerprints of its distinct assets, the title's detected markers
 * replaced as a whole and an admin's left alone. The fingerprints here are
 * made up (what Chromaprint makes from real audio is tested with ffmpeg in
 * transcoder/test/intro-detection.test.ts).
 */
import { describe, expect, it } from "vitest";
import type { MarkersAnalysis } from "../../../lib/ingest/task-protocol.ts";
import { FINGERPRINT_ITEM_SECONDS } from "../../../lib/media/intro-matching.ts";
import { database } from "../../../lib/db/database.ts";
import { fingerprintNoise as noise } from "../../../testing/fingerprint-items.ts";
import { detectTitleMarkers } from "../src/services/marker-detection.ts";
import { putMarkersAnalysis } from "../src/storage/markers-analysis.ts";
import { env } from "./helpers.ts";

const INTRO = noise(7, 100);
const base64Of = (items: number[]) => {
  const bytes = new Uint8Array(new Uint32Array(items).buffer);
  return btoa(String.fromCharCode(...bytes));
};
/** An analysis whose audio has the intro after `before` items of its own, and credits at `credits`. */
const analysis = (seed: number, before: number, credits: number): MarkersAnalysis => ({
  credits: { startSeconds: credits, confidence: 0.8 },
  fingerprint: base64Of([...noise(seed, before), ...INTRO, ...noise(seed + 1, 80)]),
});

/** A series whose one season has three episodes: the first and third play the same asset. */
async function seasonOfThree() {
  const titleId = crypto.randomUUID();
  const seasonId = crypto.randomUUID();
  const episodeIds = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  const assetIds = [crypto.randomUUID(), crypto.randomUUID()];
  const assetOf = [assetIds[0], assetIds[1], assetIds[0]];
  await env.DB.batch([
    env.DB.prepare(
      `insert into titles (id, slug, type, name, synopsis, year, released_on, rating, maturity_rank, languages, created_at, updated_at)
       values (?, ?, 'series', 'The Marked Series', 'Intros and credits.', 2026, '2026-11-01', 'PG', 2, '["en"]', 0, 0)`,
    ).bind(titleId, `marked-${titleId.slice(0, 8)}`),
    env.DB.prepare(
      "insert into seasons (id, title_id, number, name, created_at, updated_at) values (?, ?, 1, 'Season 1', 0, 0)",
    ).bind(seasonId, titleId),
    ...assetIds.map((id) =>
      env.DB.prepare(
        "insert into media_assets (id, state, duration_seconds, created_at, updated_at) values (?, 'ready', 60, 0, 0)",
      ).bind(id),
    ),
    ...episodeIds.map((id, i) =>
      env.DB.prepare(
        "insert into episodes (id, title_id, season_id, number, name, runtime_minutes, video_asset_id, created_at, updated_at) values (?, ?, ?, ?, 'Episode', 1, ?, 0, 0)",
      ).bind(id, titleId, seasonId, i + 1, assetOf[i]),
    ),
  ]);
  return { titleId, episodeIds, assetIds };
}

const markersOf = async (titleId: string) =>
  (
    await env.DB.prepare(
      "select video_id, kind, source, start_seconds, end_seconds, confidence from playback_markers where title_id = ? order by video_id, kind, source",
    )
      .bind(titleId)
      .all<{
        video_id: string;
        kind: string;
        source: string;
        start_seconds: number;
        end_seconds: number | null;
        confidence: number;
      }>()
  ).results;

describe("detectTitleMarkers", () => {
  it("marks each episode's credits and its season's intro, matching distinct assets only", async () => {
    const { titleId, episodeIds, assetIds } = await seasonOfThree();
    await putMarkersAnalysis(env.MEDIA, assetIds[0]!, analysis(1, 40, 50));
    await putMarkersAnalysis(env.MEDIA, assetIds[1]!, analysis(3, 120, 52));

    await detectTitleMarkers({ db: database(env.DB), media: env.MEDIA }, titleId);

    const rows = await markersOf(titleId);
    const of = (episode: number, kind: string) =>
      rows.find((row) => row.video_id === episodeIds[episode] && row.kind === kind);
    expect(rows.every((row) => row.source === "detected")).toBe(true);
    expect(of(0, "credits")).toMatchObject({ start_seconds: 50, end_seconds: null });
    expect(of(1, "credits")).toMatchObject({ start_seconds: 52 });
    expect(of(0, "intro")!.start_seconds).toBeCloseTo(40 * FINGERPRINT_ITEM_SECONDS + 0.6, 5);
    expect(of(1, "intro")!.start_seconds).toBeCloseTo(120 * FINGERPRINT_ITEM_SECONDS + 0.6, 5);
    // The third episode plays the first one's asset: the same intro, found once.
    expect(of(2, "intro")).toMatchObject({ ...of(0, "intro"), video_id: episodeIds[2] });
    expect(rows).toHaveLength(6);
  });

  it("replaces the title's detected markers and leaves an admin's alone", async () => {
    const { titleId, episodeIds, assetIds } = await seasonOfThree();
    await env.DB.batch(
      [
        [episodeIds[1], "intro", "admin", 5, 15, 1],
        [episodeIds[1], "recap", "detected", 0, 4, 0.5],
      ].map((row) =>
        env.DB.prepare(
          "insert into playback_markers (video_id, title_id, episode_id, kind, source, start_seconds, end_seconds, confidence, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, 0)",
        ).bind(row[0], titleId, row[0], row[1], row[2], row[3], row[4], row[5]),
      ),
    );
    // Only one analysis so far: credits for its episodes, no intro to match yet.
    await putMarkersAnalysis(env.MEDIA, assetIds[1]!, analysis(3, 120, 52));

    await detectTitleMarkers({ db: database(env.DB), media: env.MEDIA }, titleId);

    expect(await markersOf(titleId)).toEqual([
      {
        video_id: episodeIds[1],
        kind: "credits",
        source: "detected",
        start_seconds: 52,
        end_seconds: null,
        confidence: 0.8,
      },
      {
        video_id: episodeIds[1],
        kind: "intro",
        source: "admin",
        start_seconds: 5,
        end_seconds: 15,
        confidence: 1,
      },
    ]);
  });
});
