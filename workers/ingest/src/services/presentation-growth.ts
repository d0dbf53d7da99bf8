/**
 * The tracks a job's tasks have produced, gathered from the TaskBoard, and
 * the growing title: as soon as the first chunk of the lowest rung and the
 * first audio segments exist, the title gets EVENT playlists that players
 * can start on, rewritten each time more of the film lands. The full ladder
 * replaces them when every chunk is done (the Workflow's assembly step).
 */
import type { TrackOutput } from "../../../../lib/ingest/task-protocol.ts";
import type { Presentation } from "../../../../lib/media/presentation.ts";
import type { SpriteSheet } from "../../../../lib/media/trickplay.ts";
import type { TaskRow } from "../objects/board-storage.ts";
import { writeTextOutputs } from "../storage/media-outputs.ts";
import { assemblePresentation, type PresentableTracks } from "./presentation-assembly.ts";
import { chunkTasks, type PlanContext } from "./task-schedule.ts";

export interface CollectedTracks extends PresentableTracks {
  /** Chunks of the lowest rung that are done, counted from the start without a gap. */
  leadingLowChunks: number;
}

/** Appends a chunk's segments to a track, keeping the first chunk's init facts. */
function append(tracks: Map<string, TrackOutput>, output: TrackOutput): void {
  const known = tracks.get(output.id);
  tracks.set(
    output.id,
    known ? { ...known, segments: [...known.segments, ...output.segments] } : { ...output },
  );
}

/**
 * Every track the finished tasks made. With `leadingOnly`, only the lowest
 * rung's chunks from the start up to the first one not done, and the audio
 * pass's segments so far: what a growing title can already play.
 */
export function collectTracks(
  tasks: readonly TaskRow[],
  plan: PlanContext,
  leadingOnly: boolean,
): CollectedTracks {
  const video = new Map<string, TrackOutput>();
  const audio = new Map<string, TrackOutput>();
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const done = (task: TaskRow | undefined) => (task?.state === "done" ? task : undefined);
  let leadingLowChunks = 0;
  while (leadingLowChunks < plan.chunks && done(chunkTasks(byId, leadingLowChunks).lowest)) {
    leadingLowChunks++;
  }

  const sprites: SpriteSheet[] = [];
  const chunks = leadingOnly ? leadingLowChunks : plan.chunks;
  for (let chunk = 0; chunk < chunks; chunk++) {
    const { lowest, upper } = chunkTasks(byId, chunk);
    const parts = leadingOnly ? [lowest] : lowest === upper ? [lowest] : [lowest, upper];
    for (const task of parts) {
      const result = done(task)?.result;
      if (result?.kind !== "video") continue;
      for (const output of result.tracks) {
        if (leadingOnly && output.id !== plan.lowest.id) continue;
        append(video, output);
      }
      if (result.sprite) sprites.push(result.sprite);
    }
  }
  const audioTask = byId.get("audio");
  const audioOutput = audioTask?.result ?? (leadingOnly ? audioTask?.partial : null);
  if (audioOutput?.kind === "audio") {
    for (const output of audioOutput.tracks) audio.set(output.id, output);
  }
  for (const track of video.values()) track.segments.sort((a, b) => a.number - b.number);
  return {
    video,
    audio,
    sprites: sprites.length === plan.chunks ? sprites : null,
    leadingLowChunks,
  };
}

/**
 * Rewrites the growing title's playlists when more of it can be played than
 * at the last publication; returns what was published, or null when there
 * was nothing new (or nothing playable yet).
 */
export async function publishGrowth(
  deps: { media: R2Bucket; assetId: string },
  plan: PlanContext,
  tracks: CollectedTracks,
  published: Readonly<Record<string, number>>,
): Promise<{ presentation: Presentation; counts: Record<string, number> } | null> {
  const lowest = tracks.video.get(plan.lowest.id);
  if (!lowest?.segments.length) return null;
  if (plan.audio.some((rung) => !tracks.audio.get(rung.id)?.segments.length)) return null;
  const counts: Record<string, number> = { [lowest.id]: lowest.segments.length };
  for (const output of tracks.audio.values()) counts[output.id] = output.segments.length;
  if (Object.entries(counts).every(([id, count]) => (published[id] ?? 0) >= count)) return null;

  const growing: CollectedTracks = {
    ...tracks,
    video: new Map([[lowest.id, lowest]]),
    sprites: null,
  };
  const { presentation, files } = assemblePresentation({ ...plan, upper: [] }, growing, {
    ended: false,
  });
  await writeTextOutputs(deps.media, deps.assetId, files);
  return { presentation, counts };
}
