/**
 * How hard this title is to compress, measured in about a second: a few
 * half-second windows spread over the part of the film that can be read are
 * decoded once and encoded with x264 ultrafast at CRF 23 at two sizes (360p
 * and the top rung's, capped at 720p). Constant quality makes the bytes a
 * direct measure of content complexity, and the two sizes give how the
 * needed bit rate grows with picture size, which varies a lot between flat
 * animation and grainy film. The model that reads the numbers is in
 * lib/media/complexity-model.ts.
 */
import type { Source } from "../../../lib/ingest/task-protocol.ts";
import { fitComplexity, type Complexity } from "../../../lib/media/complexity-model.ts";
import { evenFloor, sizeForShortSide, type Size } from "../../../lib/media/rung-size.ts";
import { complexityArgs } from "./ffmpeg-commands.ts";
import { runFfmpeg } from "./run-ffmpeg.ts";
import type { SourceInput } from "./source-input.ts";

const WINDOWS = 4;
export const WINDOW_SECONDS = 0.5;
const LOW_SHORT_SIDE = 360;
const TOP_SHORT_SIDE_CAP = 720;
/**
 * Bytes are not spread evenly over a film's timeline; sampling stops this
 * far short of where the stored bytes would end at an even rate, so no
 * window waits for bytes still being uploaded.
 */
const STORED_MARGIN = 0.9;

/**
 * How far into the film the probe may sample while only `availableBytes`
 * of the master are stored: all of it once the upload is complete, else a
 * proportional share with a margin, and at least the first window.
 *
 * @example
 * sampledUpTo(600, 50_000_000, 100_000_000); // 270
 * sampledUpTo(600, 100_000_000, 100_000_000); // 600
 */
export function sampledUpTo(
  durationSeconds: number,
  availableBytes: number,
  byteLength: number,
): number {
  const upTo =
    availableBytes >= byteLength
      ? durationSeconds
      : Math.min(
          durationSeconds,
          ((durationSeconds * availableBytes) / byteLength) * STORED_MARGIN,
        );
  return Math.max(upTo, Math.min(durationSeconds, WINDOW_SECONDS));
}

/**
 * Where the windows start: spread evenly over [0, upTo], each ending by
 * `upTo`. The decode of each starts at the keyframe at or before its start,
 * which is earlier still.
 *
 * @example
 * sampleStarts(60); // [7.5, 22.5, 37.5, 52.5]
 */
export function sampleStarts(upToSeconds: number): number[] {
  const starts = new Set<number>();
  for (let i = 0; i < WINDOWS; i++) {
    const spot = (upToSeconds * (i + 0.5)) / WINDOWS;
    const start = Math.max(0, Math.min(spot, upToSeconds - WINDOW_SECONDS));
    // Rounded down, so that the printed start never lands past upTo - WINDOW_SECONDS.
    starts.add(Math.floor(start * 1000) / 1000);
  }
  return [...starts];
}

/**
 * Measures the film's complexity from windows within its first `upToSeconds`.
 *
 * @example
 * const complexity = await measureComplexity(source, probed.video, 600, signal);
 */
export async function measureComplexity(
  input: SourceInput,
  video: Pick<Source["video"], "index" | "width" | "height">,
  upToSeconds: number,
  signal: AbortSignal,
): Promise<Complexity> {
  // Even: 4:2:0 pictures need even sides, and a source's own short side may be odd.
  const shortSide = evenFloor(Math.min(video.width, video.height));
  const low = sizeForShortSide(Math.min(LOW_SHORT_SIDE, shortSide), video);
  const top = sizeForShortSide(Math.min(TOP_SHORT_SIDE_CAP, shortSide), video);
  const sizes: Size[] = pixels(top) > pixels(low) ? [low, top] : [low];
  const starts = sampleStarts(upToSeconds);
  const window = Math.min(WINDOW_SECONDS, upToSeconds);
  // Only the encoded streams' sizes matter: their bytes are counted and dropped.
  const pipeBytes = sizes.map(() => 0);
  await runFfmpeg({
    args: complexityArgs(input, video.index, starts, window, sizes),
    signal,
    pipes: sizes.map(
      (_, i) => (chunk: Buffer) => void (pipeBytes[i] = (pipeBytes[i] ?? 0) + chunk.length),
    ),
  });
  const seconds = starts.length * window;
  const [lowKbps, topKbps] = pipeBytes.map((bytes) => Math.max(1, (bytes * 8) / 1000 / seconds));
  return fitComplexity(
    pixels(low),
    lowKbps ?? 1,
    pixels(sizes.at(-1) ?? low),
    topKbps ?? lowKbps ?? 1,
  );
}

const pixels = (size: Size) => size.width * size.height;
