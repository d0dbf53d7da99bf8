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

/**
 * Encodes one chunk of `chunkSeconds` from the middle of `path` both ways.
 *
 * @example
 * const costs = await chunkCosts(".cache/bench/master.mp4", 60);
 */
export async function chunkCosts(path: string, chunkSeconds: number): Promise<ChunkCosts> {
  const signal = new AbortController().signal;
  const { source, plan: ladder } = await localLadder(path);
  const rate = outputFrameRate(source.video.frameRate);
  const segments = Math.max(1, Math.round(chunkSeconds / SEGMENT_SECONDS));
  const chunks = chunkSpans(frameCount(source.video, rate), rate, segments);
  const chunk = chunks[Math.floor((chunks.length - 1) / 2)]!;
  const seconds = chunk.endSeconds - chunk.startSeconds;
  const layout = spriteLayout(source.video, seconds);

  const cost = async (rungs: VideoRung[]) => {
    const scratchDir = await mkdtemp(join(tmpdir(), "marquee-chunk-cost-"));
    try {
      for (const rung of rungs) await mkdir(join(scratchDir, rung.id));
      const before = cpuSeconds("self");
      const started = performance.now();
      await runFfmpeg({
        args: videoChunkArgs({
          source: { url: path },
          videoIndex: source.video.index,
          startSeconds: source.startSeconds,
          rate,
          chunk,
          leadSeconds: 1,
          rungs,
          sprite: layout,
          scratchDir,
        }),
        signal,
        pipes: [() => {}],
      });
      const cpu = cpuSeconds("self") - before;
      return {
        perSecond: cpu / seconds,
        efficiency: cpu / (2 * ((performance.now() - started) / 1000)),
      };
    } finally {
      await rm(scratchDir, { recursive: true, force: true });
    }
  };
  const low = await cost(ladder.video.slice(0, 1));
  const all = await cost(ladder.video);
  return {
    height: source.video.height,
    rungs: ladder.video.map((rung) => rung.id),
    lowPerSecond: low.perSecond,
    allPerSecond: all.perSecond,
    twoCoreEfficiency: all.efficiency,
  };
}
