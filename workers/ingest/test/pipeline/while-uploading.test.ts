/**
 * Encoding while the master is still arriving: a one-minute fast-start
 * master sent at twice its own bitrate (about 30 s of upload, in 256 KiB
 * PATCHes) is playable — a signed stream whose lowest rung's first segment
 * decodes — before its last byte is in, as a growing (EVENT) playlist that
 * gains segments as the bytes arrive; once
 * the upload completes, the job finishes the whole ladder and every
 * playlist is closed.
 */
import { statSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { playTitle, type ViewerPlayback } from "../../../../scripts/viewer-api.ts";
import { decodeErrors, firstSegmentErrors, parseMaster, parseMedia } from "./film-checks.ts";
import { startIngest, untilReady } from "./ingest-master.ts";
import { master } from "./masters.ts";
import { killTranscoders, startTranscoders } from "./transcoders.ts";

beforeAll(() => startTranscoders());
afterAll(() => killTranscoders());

/** Asks to play the title until it can be played. */
async function untilPlayable(filmId: string, timeoutMs = 60_000): Promise<ViewerPlayback> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await playTitle(inject("baseUrl"), filmId);
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
}

/** The lowest rung's media playlist URL. */
async function lowestRung(playback: ViewerPlayback): Promise<string> {
  const variants = (await parseMaster(playback.hlsUrl)).variants;
  const lowest = variants.reduce((a, b) => (a.bandwidth <= b.bandwidth ? a : b));
  return `${playback.streamBase}${lowest.uri}`;
}

describe("a master uploaded slowly", () => {
  it("plays before its last byte is in, and completes once it is", async () => {
    const path = await master("fastStart");
    const bitrate = statSync(path).size / 60;
    const { filmId, uploaded } = await startIngest(path, {
      name: "Still Arriving",
      pace: { chunkBytes: 256 * 1024, bytesPerSecond: 2 * bitrate },
    });
    let uploadDone = false;
    void uploaded.then(() => (uploadDone = true));

    const early = await untilPlayable(filmId);
    expect(uploadDone).toBe(false);
    const growing = await lowestRung(early);
    const playlist = await parseMedia(growing);
    expect(playlist.playlistType).toBe("EVENT");
    expect(playlist.endlist).toBe(false);
    expect(playlist.segments.length).toBeGreaterThanOrEqual(1);
    expect(await firstSegmentErrors(growing)).toBe("");
    // The upload has about 30 s to go, more than ENCODE_AHEAD_SECONDS (5 s here): the later
    // chunks' lowest rung is encoded as their bytes arrive, and the playlist grows.
    while ((await parseMedia(growing)).segments.length <= playlist.segments.length) {
      expect(uploadDone).toBe(false);
      await new Promise((wait) => setTimeout(wait, 250));
    }
    expect(uploadDone).toBe(false);

    const { jobId } = await uploaded;
    const job = await untilReady(jobId);
    expect(Date.parse(job.playableAt!)).toBeLessThan(Date.parse(job.upload.completedAt!));
    expect(job.secondsToPlayable).toBeLessThan(0);

    const complete = await lowestRung(await playTitle(inject("baseUrl"), filmId));
    const closed = await parseMedia(complete);
    expect(closed.endlist).toBe(true);
    expect(closed.segments.length).toBe(15);
    expect(await decodeErrors(complete)).toBe("");
  });
});
