/**
 * The video task's core promise, as a suite each master's test file runs:
 * chunks encoded separately, by different tasks, join into one continuous
 * track per rung that is frame for frame the film. The master is cut into
 * chunks of one and of two segments; the two upper rungs come from one
 * task per chunk and the lowest rung (with the chunk's sprite sheet) from
 * another, as the ingest Worker plans them. Everything is checked by
 * parsing the uploaded bytes.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VideoRung } from "../../lib/ingest/task-protocol.ts";
import { initSegmentPath, trackDir } from "../../lib/media/asset-layout.ts";
import {
  checkFrames,
  checkTimeline,
  encodeChunks,
  planChunks,
  probed,
  type ChunkPlan,
} from "./chunked-encode.ts";
import { clip, type ClipName } from "./clips.ts";
import { IngestDouble, type FakeJob } from "./ingest-double.ts";
import { jpegSize, trackFromOutputs } from "./output-checks.ts";

const LOWEST: VideoRung = { id: "144p", width: 256, height: 144, bitrateKbps: 400, baseKbps: 400 };
const UPPER: VideoRung[] = [
  { id: "162p", width: 288, height: 162, bitrateKbps: 500, baseKbps: 500 },
  { id: "180p", width: 320, height: 180, bitrateKbps: 700, baseKbps: 700 },
];
/** Two seconds apart, so a one-segment chunk holds two tiles and a two-segment one four. */
const SPRITE = { intervalSeconds: 2, tileWidth: 80, tileHeight: 46, columns: 2, rows: 2 };

/**
 * The continuity suite for one master.
 *
 * @example
 * continuitySuite("grid25");
 */
export function continuitySuite(name: ClipName): void {
  let ingest: IngestDouble;
  let scratch: string;
  beforeAll(async () => {
    ingest = await IngestDouble.start();
    scratch = await mkdtemp(join(tmpdir(), "marquee-chunks-"));
  });
  afterAll(async () => {
    await ingest.close();
    await rm(scratch, { recursive: true, force: true });
  });

  describe.each([1, 2])(`${name} in chunks of %i segment(s)`, (segmentsPerChunk) => {
    let job: FakeJob;
    let plan: ChunkPlan;
    let sprites: { path: string; tiles: number }[];
    let startSeconds: number;
    beforeAll(async () => {
      job = ingest.job({ source: await clip(name) });
      const source = await probed(job);
      plan = planChunks(source.video, segmentsPerChunk);
      startSeconds = source.startSeconds;
      sprites = await encodeChunks(job, plan, { startSeconds, videoIndex: source.video.index }, [
        { rungs: [LOWEST], sprite: SPRITE },
        { rungs: UPPER },
      ]);
    }, 90_000);

    it.each([LOWEST, ...UPPER].map((rung) => [rung.id, rung] as const))(
      "%s: one continuous timeline on the frame grid, decoding cleanly, frame for frame the source",
      async (id, rung) => {
        checkTimeline(trackFromOutputs(job.outputs, trackDir("video", id)), plan);
        await checkFrames(job, rung, plan, { path: await clip(name), startSeconds }, scratch);
      },
    );

    it("uploads the same init segment from every chunk", () => {
      for (const rung of [LOWEST, ...UPPER]) {
        const inits = job.uploadsOf(initSegmentPath(trackDir("video", rung.id)));
        expect(inits).toHaveLength(plan.chunks.length);
        for (const init of inits) expect(init.equals(inits[0]!)).toBe(true);
      }
    });

    it("cuts one sprite sheet per chunk, a tile for each interval mark its frames reach", () => {
      expect(sprites).toHaveLength(plan.chunks.length);
      for (const [i, sheet] of sprites.entries()) {
        const chunk = plan.chunks[i]!;
        const lastFrame =
          ((chunk.endFrame ?? plan.frames) - chunk.startFrame - 1) *
          (plan.rate.den / plan.rate.num);
        expect(sheet.tiles).toBe(Math.floor(lastFrame / SPRITE.intervalSeconds) + 1);
        const jpeg = job.outputs.get(sheet.path);
        expect(jpeg && jpegSize(jpeg)).toEqual({
          width: SPRITE.columns * SPRITE.tileWidth,
          height: SPRITE.rows * SPRITE.tileHeight,
        });
      }
    });
  });
}
