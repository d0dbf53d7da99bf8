/**
 * The probe task: what the master holds (validated, so a bad upload fails
 * here in about a second), then side by side a first complexity sample from
 * the part of the master already stored, the poster, and the uploaded
 * subtitle files converted to WebVTT; the poster and subtitles are uploaded.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { TaskResultOf, TaskSpecOf } from "../../../lib/ingest/task-protocol.ts";
import { POSTER } from "../../../lib/media/asset-layout.ts";
import type { SubtitleTrack } from "../../../lib/media/presentation.ts";
import { measureComplexity, sampledUpTo } from "../media/complexity.ts";
import { makePoster } from "../media/poster.ts";
import { probeSource } from "../media/probe.ts";
import { convertSubtitles } from "../media/subtitles.ts";
import { sideBySide, type TaskContext } from "./task-context.ts";

/** Share of the progress bar the probe itself stands for; the rest runs side by side. */
const PROBED = 0.3;

/**
 * @example
 * const result = await probeTask(context, { kind: "probe", availableBytes, subtitles: [] });
 */
export async function probeTask(
  context: TaskContext,
  spec: TaskSpecOf<"probe">,
): Promise<TaskResultOf<"probe">> {
  const { signal, workDir } = context;
  const source = await probeSource(context.source, signal);
  context.report.progress(PROBED);
  const upTo = sampledUpTo(
    source.durationSeconds,
    spec.availableBytes,
    context.assignment.source.byteLength,
  );
  const outputDir = join(workDir, "out");
  await mkdir(outputDir);
  const posterFile = join(outputDir, POSTER);
  const [complexity, , subtitles] = await sideBySide(context, [
    measureComplexity(context.source, source.video, upTo, signal),
    makePoster(context.source, source, upTo, posterFile, signal).then(() =>
      context.uploads.add(POSTER, posterFile),
    ),
    subtitleTracks(context, spec.subtitles, outputDir),
  ]);
  return {
    kind: "probe",
    source,
    complexity,
    sampledUpToSeconds: upTo,
    subtitles,
    poster: POSTER,
  };
}

/** Downloads the subtitle files, converts them and queues their upload. */
async function subtitleTracks(
  context: TaskContext,
  inputs: TaskSpecOf<"probe">["subtitles"],
  outputDir: string,
): Promise<SubtitleTrack[]> {
  const downloads = await Promise.all(
    inputs.map(async ({ index, language, label }) => {
      const path = join(context.workDir, `subtitles-${index}`);
      await context.ingest.download(`subtitles/${index}`, path);
      return { path, language, label };
    }),
  );
  const tracks = await convertSubtitles(downloads, outputDir, context.signal);
  for (const track of tracks) context.uploads.add(track.path, join(outputDir, track.path));
  return tracks;
}
