/**
 * The audio fingerprint an intro is matched on (lib/media/intro-matching.ts):
 * Chromaprint's raw fingerprint of the film's first minutes, made by
 * AcoustID's library through ffmpeg's `chromaprint` muxer.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { log } from "../log.ts";
import { chromaprintFfmpegPath } from "./binaries.ts";
import { fingerprintArgs } from "./ffmpeg-commands.ts";
import { runFfmpeg } from "./run-ffmpeg.ts";
import type { SourceInput } from "./source-input.ts";

/**
 * The raw fingerprint's bytes (little-endian 32-bit items) of the stream's
 * first `seconds`, or null when no ffmpeg here has the chromaprint muxer.
 *
 * @example
 * const bytes = await fingerprintAudio(input, 1, 600, workDir, signal);
 */
export async function fingerprintAudio(
  input: SourceInput,
  audioIndex: number,
  seconds: number,
  workDir: string,
  signal: AbortSignal,
): Promise<Buffer | null> {
  const executable = await chromaprintFfmpegPath();
  if (!executable) {
    log("warn", "no ffmpeg with the chromaprint muxer: intros are not detected", {
      hint: "install Debian's ffmpeg (apt-get install ffmpeg) or set FFMPEG_PATH to a build with it",
    });
    return null;
  }
  const file = join(workDir, "fingerprint.raw");
  await runFfmpeg({ executable, args: fingerprintArgs(input, audioIndex, seconds, file), signal });
  return readFile(file);
}
