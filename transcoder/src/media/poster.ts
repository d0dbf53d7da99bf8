/**
 * The title's poster frame: one representative picture, at most 1280 wide,
 * taken a little way in. Cheap (a seek and about 30 decoded frames), so it
 * runs alongside the complexity probe.
 */
import type { Source } from "../../../lib/ingest/task-protocol.ts";
import { sizeForWidth } from "../../../lib/media/rung-size.ts";
import { posterArgs } from "./ffmpeg-commands.ts";
import { runFfmpeg } from "./run-ffmpeg.ts";
import type { SourceInput } from "./source-input.ts";

const MAX_WIDTH = 1280;
/** 10% in, but no later than this: far enough past a fade-in, early enough to avoid spoilers. */
const LATEST_SECONDS = 10;

/**
 * Writes the poster JPEG to `outputFile`, from within the first
 * `readableSeconds` of the film (the part of a master still uploading that
 * is stored).
 *
 * @example
 * await makePoster(input, source, source.durationSeconds, "/work/out/poster.jpg", signal);
 */
export async function makePoster(
  input: SourceInput,
  source: Source,
  readableSeconds: number,
  outputFile: string,
  signal: AbortSignal,
): Promise<void> {
  const at = Math.min(source.durationSeconds * 0.1, LATEST_SECONDS, readableSeconds / 2);
  const size = sizeForWidth(MAX_WIDTH, source.video);
  await runFfmpeg({ args: posterArgs(input, source.video.index, at, size, outputFile), signal });
}
