/**
 * A three-minute film (masters.ts: scene changes, a flash and a beep every
 * 30 s, English and French audio, subtitles) through the whole pipeline on
 * two transcoder instances, in 8-second chunks, then checked the way a
 * player gets it: every rung and audio track decodes start to end with
 * `ffmpeg -xerror`; segment numbers, counts and durations are as the frame
 * grid says; each segment's `tfdt` (read from its boxes) follows on from
 * the last, across every chunk boundary; the flash and the beep stay within
 * one frame of each other in every rung against every audio track; the
 * HLS and DASH manifests parse with hls-parser and mpd-parser.
 */
import { parse as parseMpd } from "mpd-parser";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { playTitle } from "../../../../scripts/viewer-api.ts";
import {
  beepTimes,
  continuity,
  decodeErrors,
  end,
  fetchText,
  flashTimes,
  parseMaster,
  segmentTimings,
} from "./film-checks.ts";
import { getJob, ingestMaster, untilReady } from "./ingest-master.ts";
import { FILM_SECONDS, FILM_SUBTITLES, FIRST_MARKER, MARKER_EVERY, master } from "./masters.ts";
import { killTranscoders, startTranscoders } from "./transcoders.ts";

const FRAME = 1 / 30;
const MARKERS = Array.from(
  { length: Math.floor((FILM_SECONDS - FIRST_MARKER) / MARKER_EVERY) + 1 },
  (_, k) => FIRST_MARKER + k * MARKER_EVERY,
);
const SEGMENTS = FILM_SECONDS / 4;

beforeAll(() => startTranscoders());
afterAll(() => killTranscoders());

describe("a three-minute film on two transcoders", () => {
  it("comes out continuous, in sync and playable as HLS and DASH", async () => {
    const { filmId, jobId } = await ingestMaster(await master("film"), {
      subtitles: FILM_SUBTITLES,
      name: "The Sync Film",
    });
    // Watch it run: both instances take chunk tasks at once.
    let mostInstances = 0;
    let job = await getJob(jobId);
    while (job.state !== "ready" && job.state !== "failed") {
      mostInstances = Math.max(mostInstances, job.tasks?.instances ?? 0);
      await new Promise((wait) => setTimeout(wait, 250));
      job = await getJob(jobId);
    }
    job = await untilReady(jobId);
    expect(mostInstances).toBe(2);
    expect(job.tasks?.chunks?.count).toBe(Math.ceil(SEGMENTS / 2));
    expect(job.tasks?.chunks?.rows.every((row) => row.cells.every((c) => c === "done"))).toBe(true);

    const playback = await playTitle(inject("baseUrl"), filmId);
    const hls = await parseMaster(playback.hlsUrl);
    const rungs = hls.variants.map((variant) => variant.uri);
    expect(rungs.length).toBeGreaterThanOrEqual(2);
    const audio = hls.variants[0]!.audio.map((rendition) => ({
      language: rendition.language,
      uri: rendition.uri!,
    }));
    expect(audio.map((track) => track.language).sort()).toEqual(["en", "fr"]);
    expect(hls.variants[0]!.subtitles.map((track) => track.language)).toEqual(["en"]);

    const beeps = new Map<string, number[]>();
    for (const track of audio) {
      const url = `${playback.streamBase}${track.uri}`;
      expect(await decodeErrors(url)).toBe("");
      const { segments, timescale } = await segmentTimings(url);
      expect(continuity(segments)).toEqual([]);
      expect(end(segments, timescale)).toBeCloseTo(FILM_SECONDS, 1);
      beeps.set(track.language!, await beepTimes(url));
    }

    for (const rung of rungs) {
      const url = `${playback.streamBase}${rung}`;
      expect(await decodeErrors(url)).toBe("");
      const { segments, timescale, playlist } = await segmentTimings(url);
      // 30 fps on a 4-second grid: every segment exactly 120 frames, numbered in order.
      expect(segments).toHaveLength(SEGMENTS);
      expect(playlist.segments.map((s) => s.uri)).toEqual(
        segments.map((_, n) => `seg-${String(n).padStart(5, "0")}.m4s`),
      );
      expect(new Set(segments.map((s) => s.duration / timescale))).toEqual(new Set([4]));
      expect(segments.every((s) => s.startsWithSync)).toBe(true);
      expect(continuity(segments)).toEqual([]);

      const flashes = await flashTimes(url);
      expect(flashes).toHaveLength(MARKERS.length);
      flashes.forEach((flash, k) => expect(Math.abs(flash - MARKERS[k]!)).toBeLessThan(FRAME));
      for (const [language, times] of beeps) {
        expect(times, `${language} beeps`).toHaveLength(MARKERS.length);
        // Within one frame, plus the beep finder's 5 ms window.
        times.forEach((beep, k) =>
          expect(
            Math.abs(beep - flashes[k]!),
            `${rung} vs ${language} at ${MARKERS[k]} s`,
          ).toBeLessThanOrEqual(FRAME + 0.005),
        );
      }
    }

    const mpd = parseMpd(await fetchText(playback.dashUrl), { manifestUri: playback.dashUrl });
    expect(mpd.playlists).toHaveLength(rungs.length);
    for (const playlist of mpd.playlists) expect(playlist.segments).toHaveLength(SEGMENTS);
    expect(Object.keys(mpd.mediaGroups.AUDIO.audio ?? {})).toHaveLength(2);
  });
});
