/**
 * Runs a film through the task runner as the ingest Worker would plan it
 * (probe, then a video task per chunk and rung group, against the ingest
 * test double), and the checks every chunked encode must pass: each
 * segment on the frame grid, one continuous timeline per rung, a clean
 * decode of the joined track and the source's frames, frame for frame.
 */
import { expect } from "vitest";
import type { Source, VideoRung } from "../../lib/ingest/task-protocol.ts";
import { spritePath, trackDir } from "../../lib/media/asset-layout.ts";
import {
  chunkSpans,
  frameCount,
  outputFrameRate,
  segmentCount,
  segmentStartFrame,
  type ChunkSpan,
  type FrameRate,
} from "../../lib/media/frame-grid.ts";
import type { SpriteLayout } from "../../lib/media/trickplay.ts";
import { runTask } from "../src/task-runner.ts";
import type { FakeJob } from "./ingest-double.ts";
import {
  decodeErrors,
  joinTrack,
  psnrPerFrame,
  trackFromOutputs,
  type ParsedTrack,
} from "./output-checks.ts";

/** A frame one off at a join gives about 20 dB on testsrc2; the test rungs stay far above. */
const MIN_PSNR = 30;

/**
 * The probe task's description of the job's master.
 *
 * @example
 * const source = await probed(ingest.job({ source: await clip("grid25") }));
 */
export async function probed(job: FakeJob): Promise<Source> {
  await runTask(job.assignment({ kind: "probe", availableBytes: job.byteLength, subtitles: [] }));
  if (job.completed?.kind !== "probe") throw new Error(`probe: ${JSON.stringify(job.failed)}`);
  return job.completed.source;
}

/** The film's grid and chunks, as the ingest Worker plans them. */
export interface ChunkPlan {
  rate: FrameRate;
  frames: number;
  chunks: ChunkSpan[];
}

export function planChunks(
  video: Pick<Source["video"], "frameRate" | "startSeconds" | "durationSeconds">,
  segmentsPerChunk: number,
): ChunkPlan {
  const rate = outputFrameRate(video.frameRate);
  const frames = frameCount(video, rate);
  return { rate, frames, chunks: chunkSpans(frames, rate, segmentsPerChunk) };
}

/** The rungs one video task encodes, and the sprite layout when it cuts the chunk's sheet. */
export interface RungGroup {
  rungs: VideoRung[];
  sprite?: SpriteLayout;
}

/**
 * Runs every chunk's task for every group, checking that each completes and
 * reports exactly what it uploaded; returns the sprite sheets reported.
 */
export async function encodeChunks(
  job: FakeJob,
  plan: ChunkPlan,
  source: { startSeconds: number; videoIndex: number },
  groups: readonly RungGroup[],
): Promise<{ path: string; tiles: number }[]> {
  const sprites: { path: string; tiles: number }[] = [];
  for (const chunk of plan.chunks) {
    for (const group of groups) {
      job.reset();
      const sprite = group.sprite ? { path: spritePath(chunk.index), ...group.sprite } : null;
      const spec = {
        kind: "video" as const,
        chunk,
        frameRate: plan.rate,
        rungs: group.rungs,
        sprite,
      };
      const { outcome } = await runTask(job.assignment(spec, source));
      expect(outcome, JSON.stringify(job.failed)).toBe("completed");
      if (job.completed?.kind !== "video") throw new Error("no video result");
      for (const reported of job.completed.tracks) {
        const uploaded = trackFromOutputs(job.outputs, trackDir("video", reported.id));
        expect(reported.init).toMatchObject({
          timescale: uploaded.init.timescale,
          codecs: uploaded.init.codecs,
        });
        for (const segment of reported.segments) {
          expect(uploaded.segments[segment.number]).toMatchObject({
            baseMediaDecodeTime: segment.baseMediaDecodeTime,
            duration: segment.duration,
            size: segment.size,
          });
        }
      }
      if (job.completed.sprite) sprites.push(job.completed.sprite);
    }
  }
  return sprites;
}

/**
 * Checks a rung's segments as uploaded: each starting on its frame of the
 * grid and as long as the grid says (the last one up to the film's end),
 * each starting where the one before ends, fragments numbered 1, 2, 3…,
 * every one opening on a keyframe. The last chunk runs to the end of the
 * source, which may hold a frame more or less than its header promised
 * (an MPEG-TS whose picture starts a little after its audio ends a little
 * later on the film's timeline too).
 */
export function checkTimeline(track: ParsedTrack, plan: ChunkPlan): void {
  const { rate } = plan;
  const ticks = (track.init.timescale * rate.den) / rate.num;
  expect(Number.isInteger(ticks)).toBe(true);
  const frames = track.segments.reduce((sum, segment) => sum + segment.duration, 0) / ticks;
  expect(Math.abs(frames - plan.frames)).toBeLessThanOrEqual(1);
  expect(track.segments).toHaveLength(segmentCount(frames, rate));
  let expectedStart = 0;
  for (const segment of track.segments) {
    const n = segment.number;
    const start = segmentStartFrame(n, rate);
    const gridFrames = Math.min(segmentStartFrame(n + 1, rate), frames) - start;
    expect(segment.baseMediaDecodeTime, `segment ${n} start`).toBe(expectedStart);
    expect(segment.baseMediaDecodeTime, `segment ${n} start`).toBe(start * ticks);
    expect(segment.duration, `segment ${n} length`).toBe(gridFrames * ticks);
    expect(segment.sequence, `segment ${n} mfhd`).toBe(n + 1);
    expect(segment.startsWithSync, `segment ${n} keyframe`).toBe(true);
    expectedStart = segment.baseMediaDecodeTime + segment.duration;
  }
}

/**
 * Joins the rung's uploaded track, decodes it with -xerror and compares it
 * with the source frame by frame.
 */
export async function checkFrames(
  job: FakeJob,
  rung: VideoRung,
  plan: ChunkPlan,
  source: { path: string; startSeconds: number },
  scratchDir: string,
): Promise<void> {
  const track = trackFromOutputs(job.outputs, trackDir("video", rung.id));
  const joined = await joinTrack(track, scratchDir, `${job.id}-${rung.id}`);
  expect(await decodeErrors(joined)).toBe("");
  const psnr = await psnrPerFrame(joined, source, plan.rate, rung);
  expect(psnr.length).toBeGreaterThanOrEqual(plan.frames);
  const worst = Math.min(...psnr);
  expect(worst, `PSNR of frame ${psnr.indexOf(worst)}`).toBeGreaterThan(MIN_PSNR);
}
