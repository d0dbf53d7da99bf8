/**
 * What a chunk task costs in CPU per second of film, measured on a master
 * on local disk with the transcoder's own chunk command (on both cores):
 * the lowest rung alone (with its sprite sheet), and every rung from one
 * decode, with how well the latter used the two cores. The capacity
 * projection scales these to a film and a fleet.
 */
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SEGMENT_SECONDS } from "../../../lib/media/asset-layout.ts";
import { chunkSpans, frameCount, outputFrameRate } from "../../../lib/media/frame-grid.ts";
import type { VideoRung } from "../../../lib/media/ladder.ts";
import { spriteLayout } from "../../../lib/media/trickplay.ts";
import { videoChunkArgs } from "../../../transcoder/src/media/chunk-command.ts";
import { runFfmpeg } from "../../../transcoder/src/media/run-ffmpeg.ts";
import { localLadder } from "../local-ladder.ts";
import { cpuSeconds } from "../process-cpu.ts";

export interface ChunkCosts {
  /** The source's picture, and the rungs its ladder has. */
  height: number;
  rungs: string[];
  /** CPU seconds per second of film. */
  lowPerSecond: number;
  allPerSecond: number;
  /**
   * How well every rung's encode uses this machine's two cores: its CPU
   * seconds over twice its wall seconds (1 would be a perfect 2× over one core).
   */
  twoCoreEfficiency: number;
}

/** A chunk from the middle of a master on local disk, and the transcoder's own command for some of its rungs. */
export interface MiddleChunk {
  height: number;
  rungs: VideoRung[];
  /** The chunk's length in seconds of film. */
  seconds: number;
  /** The chunk command for `rungs`, writing into `scratchDir` (one folder per rung, see withScratch). */
  args: (rungs: VideoRung[], scratchDir: string) => string[];
}

export async function middleChunk(path: string, chunkSeconds: number): Promise<MiddleChunk> {
  const { source, plan: ladder } = await localLadder(path);
  const rate = outputFrameRate(source.video.frameRate);
  const segments = Math.max(1, Math.round(chunkSeconds / SEGMENT_SECONDS));
  const chunks = chunkSpans(frameCount(source.video, rate), rate, segments);
  const chunk = chunks[Math.floor((chunks.length - 1) / 2)]!;
  const seconds = chunk.endSeconds - chunk.startSeconds;
  const sprite = spriteLayout(source.video, seconds);
  return {
    height: source.video.height,
    rungs: ladder.video,
    seconds,
    args: (rungs, scratchDir) =>
      videoChunkArgs({
        source: { url: path },
        videoIndex: source.video.index,
        startSeconds: source.startSeconds,
        rate,
        chunk,
        leadSeconds: 1,
        rungs,
        sprite,
        scratchDir,
      }),
  };
}

/** Runs `body` with a fresh scratch directory holding a folder per rung, and removes it after. */
export async function withScratch<T>(
  rungs: VideoRung[],
  body: (scratchDir: string) => Promise<T>,
): Promise<T> {
  const scratchDir = await mkdtemp(join(tmpdir(), "marquee-chunk-cost-"));
  try {
    for (const rung of rungs) await mkdir(join(scratchDir, rung.id));
    return await body(scratchDir);
  } finally {
    await rm(scratchDir, { recursive: true, force: true });
  }
}

/**
 * Encodes one chunk of `chunkSeconds` from the middle of `path` both ways.
 *
 * @example
 * const costs = await chunkCosts(".cache/bench/master.mp4", 60);
 */
export async function chunkCosts(path: string, chunkSeconds: number): Promise<ChunkCosts> {
  const signal = new AbortController().signal;
  const chunk = await middleChunk(path, chunkSeconds);
  const cost = (rungs: VideoRung[]) =>
    withScratch(rungs, async (scratchDir) => {
      const before = cpuSeconds("self");
      const started = performance.now();
      // The chunk command reports its segments on pipe:3; here they are not needed.
      await runFfmpeg({ args: chunk.args(rungs, scratchDir), signal, pipes: [() => {}] });
      const cpu = cpuSeconds("self") - before;
      return {
        perSecond: cpu / chunk.seconds,
        efficiency: cpu / (2 * ((performance.now() - started) / 1000)),
      };
    });
  const low = await cost(chunk.rungs.slice(0, 1));
  const all = await cost(chunk.rungs);
  return {
    height: chunk.height,
    rungs: chunk.rungs.map((rung) => rung.id),
    lowPerSecond: low.perSecond,
    allPerSecond: all.perSecond,
    twoCoreEfficiency: all.efficiency,
  };
}
