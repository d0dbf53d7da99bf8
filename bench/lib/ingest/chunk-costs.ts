/**
 * What a chunk task costs in CPU per second of film, measured on a master
 * on local disk with the transcoder's own chunk command: the lowest rung
 * alone (with its sprite sheet), and every rung from one decode. The
 * capacity projection scales these to a film and a fleet.
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
      return (cpuSeconds("self") - before) / seconds;
    } finally {
      await rm(scratchDir, { recursive: true, force: true });
    }
  };
  return {
    height: source.video.height,
    rungs: ladder.video.map((rung) => rung.id),
    lowPerSecond: await cost(ladder.video.slice(0, 1)),
    allPerSecond: await cost(ladder.video),
  };
}
