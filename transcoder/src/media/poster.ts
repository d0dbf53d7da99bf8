/**
 * The title's poster frame: one representative picture, at most 1280 wide,
 * taken a little way in. Cheap (a seek and about 30 decoded frames), so it
 * runs alongside the first encoding pass.
 */
import { posterArgs } from "./ffmpeg-commands.ts";
import { POSTER } from "./output-paths.ts";
import type { SourceInfo } from "./probe.ts";
import { runFfmpeg } from "./run-ffmpeg.ts";
import { sizeForWidth } from "./rung-size.ts";

const MAX_WIDTH = 1280;
/** 10% in, but no later than this: far enough past a fade-in, early enough to avoid spoilers. */
const LATEST_SECONDS = 10;

/**
 * Writes `poster.jpg` into the output folder and returns its relative path.
 *
 * @example
 * const poster = await makePoster(sourcePath, source, outputDir, signal); // "poster.jpg"
 */
export async function makePoster(
  sourcePath: string,
  source: SourceInfo,
  outputDir: string,
  signal: AbortSignal,
): Promise<string> {
  const at = Math.min(source.durationSeconds * 0.1, LATEST_SECONDS);
  const size = sizeForWidth(MAX_WIDTH, source.video);
  await runFfmpeg({
    args: posterArgs(sourcePath, source.video.index, at, size, outputDir),
    signal,
  });
  return POSTER;
}
