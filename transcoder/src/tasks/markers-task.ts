/**
 * The markers task: where the credits start (a scan of the film's end) and
 * the fingerprint of the audio where an intro can be, side by side. The
 * ingest Worker keeps both with the asset and matches the fingerprint
 * against the season's other episodes (docs/ingest.md, "Markers").
 */
import type { TaskResultOf, TaskSpecOf } from "../../../lib/ingest/task-protocol.ts";
import { fingerprintAudio } from "../media/audio-fingerprint.ts";
import { detectCredits } from "../media/credits.ts";
import { sideBySide, type TaskContext } from "./task-context.ts";

/**
 * @example
 * const { analysis } = await markersTask(context, { kind: "markers", audioIndex: 1, introSearchSeconds: 600, creditsFromSeconds: 2400, durationSeconds: 3000 });
 */
export async function markersTask(
  context: TaskContext,
  spec: TaskSpecOf<"markers">,
): Promise<TaskResultOf<"markers">> {
  const { source } = context.assignment;
  if (source.startSeconds === null || source.videoIndex === null) {
    throw new Error("The markers task needs the probe's facts.");
  }
  const [credits, fingerprint] = await sideBySide(context, [
    detectCredits(
      context.source,
      {
        startSeconds: source.startSeconds,
        videoIndex: source.videoIndex,
        audioIndex: spec.audioIndex,
        fromSeconds: spec.creditsFromSeconds,
        durationSeconds: spec.durationSeconds,
      },
      context.workDir,
      context.signal,
    ),
    spec.audioIndex === null
      ? Promise.resolve(null)
      : fingerprintAudio(
          context.source,
          spec.audioIndex,
          spec.introSearchSeconds,
          context.workDir,
          context.signal,
        ),
  ]);
  context.report.progress(1);
  return {
    kind: "markers",
    analysis: { credits, fingerprint: fingerprint?.toString("base64") ?? null },
  };
}
