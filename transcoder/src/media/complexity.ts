/**
 * How hard this title is to compress, measured in well under a second: a few
 * one-second windows spread across the source are decoded once and encoded
 * with x264 ultrafast at CRF 23 at two sizes (360p and the top rung's, capped
 * at 1080p). Constant quality makes the bytes a direct measure of content
 * complexity, and the two sizes give how the needed bit rate grows with
 * picture size, which varies a lot between flat animation and grainy film.
 */
import { complexityArgs, type SampleWindow } from "./ffmpeg-commands.ts";
import type { SourceInfo } from "./probe.ts";
import { runFfmpeg } from "./run-ffmpeg.ts";
import { sizeForShortSide, type Size } from "./rung-size.ts";

const WINDOWS = 4;
const WINDOW_SECONDS = 0.5;
/**
 * Seek this far past a keyframe: ffmpeg 4.1 often resolves a seek exactly
 * onto a keyframe's time to the keyframe before it and decodes a whole GOP
 * for nothing (measured: -ss 25.0 cost 1.0 s of CPU, -ss 25.3 0.18 s).
 */
const AFTER_KEYFRAME = 0.3;
const LOW_SHORT_SIDE = 360;
const TOP_SHORT_SIDE_CAP = 720;
/** Bit rate growth with pixel count when only one size can be measured (a source of 360p or less). */
const DEFAULT_EXPONENT = 0.75;
const MIN_EXPONENT = 0.2;
const MAX_EXPONENT = 1;

export interface Complexity {
  lowPixels: number;
  lowKbps: number;
  topPixels: number;
  topKbps: number;
  /** k in needed(p) = lowKbps × (p / lowPixels)^k. */
  exponent: number;
}

/**
 * What the content needs at `pixels` per frame, in kbps at ultrafast CRF 23.
 *
 * @example
 * neededKbps({ lowPixels: 230400, lowKbps: 800, topPixels: 2073600, topKbps: 4000, exponent: 0.73 }, 921600);
 */
export function neededKbps(complexity: Complexity, pixels: number): number {
  return complexity.lowKbps * (pixels / complexity.lowPixels) ** complexity.exponent;
}

/**
 * @example
 * const complexity = await measureComplexity(path, source, signal);
 */
export async function measureComplexity(
  sourcePath: string,
  source: SourceInfo,
  signal: AbortSignal,
): Promise<Complexity> {
  const shortSide = Math.min(source.video.width, source.video.height);
  const low = sizeForShortSide(Math.min(LOW_SHORT_SIDE, shortSide), source.video);
  const top = sizeForShortSide(Math.min(TOP_SHORT_SIDE_CAP, shortSide), source.video);
  const sizes: Size[] = top.height * top.width > low.height * low.width ? [low, top] : [low];
  const windows = sampleWindows(source.durationSeconds, source.keyframeTimes);
  const { pipeBytes } = await runFfmpeg({
    args: complexityArgs(sourcePath, source.video.index, windows, sizes),
    signal,
    countedPipes: sizes.length,
  });
  const seconds = windows.reduce((sum, w) => sum + w.duration, 0);
  const [lowKbps, topKbps] = pipeBytes.map((bytes) => Math.max(1, (bytes * 8) / 1000 / seconds));
  return fitComplexity(
    pixels(low),
    lowKbps ?? 1,
    pixels(sizes.at(-1) ?? low),
    topKbps ?? lowKbps ?? 1,
  );
}

/** The growth exponent from two measured points, clamped to what real content does. */
export function fitComplexity(
  lowPixels: number,
  lowKbps: number,
  topPixels: number,
  topKbps: number,
): Complexity {
  const exponent =
    topPixels > lowPixels
      ? Math.min(
          MAX_EXPONENT,
          Math.max(MIN_EXPONENT, Math.log(topKbps / lowKbps) / Math.log(topPixels / lowPixels)),
        )
      : DEFAULT_EXPONENT;
  return { lowPixels, lowKbps, topPixels, topKbps, exponent };
}

/**
 * Windows spread evenly over the source, each starting just after the last
 * keyframe before its spot so only a few frames are decoded and thrown away.
 */
export function sampleWindows(
  durationSeconds: number,
  keyframeTimes: readonly number[],
): SampleWindow[] {
  const starts = new Set<number>();
  for (let i = 0; i < WINDOWS; i++) {
    const spot = (durationSeconds * (i + 0.5)) / WINDOWS;
    const keyframe = keyframeTimes.filter((t) => t <= spot).at(-1) ?? 0;
    const start = Math.max(
      0,
      Math.min(keyframe + AFTER_KEYFRAME, durationSeconds - WINDOW_SECONDS),
    );
    starts.add(Math.round(start * 1000) / 1000);
  }
  return [...starts].map((start) => ({
    start,
    duration: Math.min(WINDOW_SECONDS, durationSeconds - start),
  }));
}

const pixels = (size: Size) => size.width * size.height;
