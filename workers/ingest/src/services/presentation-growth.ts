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
import { videoTaskId, type PlanContext } from "./task-schedule.ts";

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
  const chunkOf = (task: TaskRow) => (task.spec.kind === "video" ? task.spec.chunk.index : 0);
  const inChunkOrder = (group: "low" | "up") =>
    tasks
      .filter((task) => task.spec.kind === "video" && task.id === videoTaskId(chunkOf(task), group))
      .sort((a, b) => chunkOf(a) - chunkOf(b));
  const low = inChunkOrder("low");
  let leadingLowChunks = 0;
  while (
    low[leadingLowChunks]?.state === "done" &&
    chunkOf(low[leadingLowChunks]!) === leadingLowChunks
  )
    leadingLowChunks++;

  const sprites: SpriteSheet[] = [];
  const groups = leadingOnly ? [low.slice(0, leadingLowChunks)] : [low, inChunkOrder("up")];
  for (const group of groups) {
    for (const task of group) {
      if (task.result?.kind !== "video") continue;
      for (const output of task.result.tracks) append(video, output);
      if (task.result.sprite) sprites.push(task.result.sprite);
    }
  }
  const audioTask = tasks.find((task) => task.kind === "audio");
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
