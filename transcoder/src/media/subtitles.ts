/**
 * Uploaded subtitles (SRT or WebVTT) rewritten as WebVTT by ffmpeg, which
 * also proves they parse; a file ffmpeg cannot read is the uploader's to fix.
 */
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { SubtitleTrack } from "../../../lib/media/presentation.ts";
import { InputError } from "../errors.ts";
import {
  SUBTITLES_DIR,
  subtitlePath,
  subtitlePlaylistPath,
} from "../../../lib/media/asset-layout.ts";
import { languageName, toBcp47 } from "../../../lib/media/language.ts";
import { subtitleArgs } from "./ffmpeg-commands.ts";
import { runFfmpeg } from "./run-ffmpeg.ts";

export interface SubtitleUpload {
  path: string;
  language: string;
  label: string;
}

/**
 * Converts each upload to `subtitles/s<i>-<language>.vtt` under
 * `outputDir`; the tracks' playlists are the ingest Worker's to write.
 *
 * @example
 * const tracks = await convertSubtitles([{ path, language: "en", label: "English" }], outputDir, signal);
 * tracks[0].path; // "subtitles/s0-en.vtt"
 */
export async function convertSubtitles(
  uploads: readonly SubtitleUpload[],
  outputDir: string,
  signal: AbortSignal,
): Promise<SubtitleTrack[]> {
  if (uploads.length) await mkdir(join(outputDir, SUBTITLES_DIR), { recursive: true });
  // allSettled, not all: a failure must not return while other conversions still run.
  const results = await Promise.allSettled(
    uploads.map(async (upload, i): Promise<SubtitleTrack> => {
      const language = toBcp47(upload.language);
      const id = `s${i}-${language}`;
      const label =
        upload.label.trim().slice(0, 100) || languageName(language) || `Subtitles ${i + 1}`;
      const output = join(outputDir, subtitlePath(id));
      const named = `The ${label} subtitles (${upload.language})`;
      try {
        await runFfmpeg({ args: subtitleArgs(upload.path, output), signal });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        const reason = error.message.replace(/^ffmpeg [^:]*: /, "");
        throw new InputError("corrupt_input", `${named} could not be read: ${reason}`);
      }
      // ffmpeg accepts a text file with no cues at all; an empty track is a mistake worth reporting.
      if (!(await readFile(output, "utf8")).includes("-->")) {
        throw new InputError("corrupt_input", `${named} contain no cues.`);
      }
      return { id, language, label, path: subtitlePath(id), playlist: subtitlePlaylistPath(id) };
    }),
  );
  const failed = results.find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<SubtitleTrack>).value);
}
