/**
 * Masters that are awkward to cut into chunks, through the whole pipeline
 * in 8-second chunks: keyframes 30 s apart (each chunk decodes from the
 * keyframe before it), a variable frame rate, an odd picture size, the index
 * at the end of the file (nothing can start before the last byte). Each
 * comes out as a continuous constant-rate ladder, as long as its picture,
 * that decodes without an error. A master whose header promises more than its data holds fails,
 * saying so, and leaves the title without video.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { playTitle } from "../../../../scripts/viewer-api.ts";
import {
  continuity,
  decodeErrors,
  end,
  parseMaster,
  pictureSeconds,
  segmentTimings,
} from "./film-checks.ts";
import { admin, getJob, ingestMaster, until, untilReady } from "./ingest-master.ts";
import { master, type MasterName } from "./masters.ts";
import { killTranscoders, startTranscoders } from "./transcoders.ts";

beforeAll(() => startTranscoders());
afterAll(() => killTranscoders());

const CASES: { name: MasterName; seconds: number; frameRate: number; what: string }[] = [
  { name: "longGop", seconds: 40, frameRate: 25, what: "keyframes 30 s apart" },
  { name: "variableRate", seconds: 20, frameRate: 30, what: "a variable frame rate" },
  { name: "oddSize", seconds: 12, frameRate: 30, what: "a 641×361 picture" },
  { name: "indexAtEnd", seconds: 16, frameRate: 30, what: "its index at the end" },
];

describe.each(CASES)("a master with $what", ({ name, seconds, frameRate }) => {
  it("comes out continuous, at a constant rate, and decodes", async () => {
    const path = await master(name);
    const { filmId, jobId } = await ingestMaster(path, { name: `Awkward ${name}` });
    await untilReady(jobId);
    const playback = await playTitle(inject("baseUrl"), filmId);
    const { variants } = await parseMaster(playback.hlsUrl);
    expect(variants.length).toBeGreaterThanOrEqual(1);
    for (const variant of variants) {
      const { width, height } = variant.resolution!;
      expect([width % 2, height % 2], `${width}×${height}`).toEqual([0, 0]);
      expect(variant.frameRate).toBe(frameRate);
      const url = `${playback.streamBase}${variant.uri}`;
      const { segments, timescale } = await segmentTimings(url);
      expect(segments).toHaveLength(Math.ceil(seconds / 4));
      expect(segments.slice(0, -1).every((s) => s.duration === 4 * timescale)).toBe(true);
      expect(segments.every((s) => s.startsWithSync)).toBe(true);
      expect(continuity(segments)).toEqual([]);
      // The ladder ends where the picture does, to the frame (the variable-rate one at 19.9 s).
      expect(Math.abs(end(segments, timescale) - (await pictureSeconds(path)))).toBeLessThan(
        1 / frameRate,
      );
      expect(await decodeErrors(url)).toBe("");
    }
  });
});

describe("a master cut short (its header promises 24 s, its data holds about 12)", () => {
  it("fails saying the file ends early, and the title gets no video", async () => {
    const { filmId, jobId } = await ingestMaster(await master("truncated"), { name: "Cut Short" });
    const job = await until(
      jobId,
      (candidate) => candidate.state !== "queued" && candidate.state !== "processing",
    );
    expect(job.state).toBe("failed");
    expect(job.error?.message).toMatch(/ends early/);
    expect((await getJob(jobId)).asset.state).toBe("failed");
    const film = await (
      await admin()
    ).call<{ playable: boolean }>("GET", `/api/admin/catalog/titles/${filmId}`);
    expect(film.playable).toBe(false);
  });
});
