/**
 * The audio task: every audio track in one continuous ffmpeg pass over the
 * whole film (AAC priming makes audio encoded in pieces click at the joins,
 * so audio is never chunked). Segments are uploaded as ffmpeg finishes them,
 * and the heartbeats carry every track's init facts and the segments stored
 * so far, so the ingest Worker can grow the title's playlists while the pass
 * runs. The result lists every segment of every track.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type {
  AudioRung,
  SegmentFacts,
  TaskResultOf,
  TaskSpecOf,
  TrackOutput,
} from "../../../lib/ingest/task-protocol.ts";
import { initSegmentPath, mediaSegmentPath, trackDir } from "../../../lib/media/asset-layout.ts";
import type { InitInfo } from "../media/bmff.ts";
import { audioPassArgs } from "../media/ffmpeg-commands.ts";
import { probeSource } from "../media/probe.ts";
import { runFfmpeg } from "../media/run-ffmpeg.ts";
import { OutputWatcher, trackFileOrder } from "../outputs/output-watcher.ts";
import { initFacts, readInit, readSegmentFacts } from "../outputs/read-track.ts";
import type { TaskContext } from "./task-context.ts";

/** One track's files as they are stored. */
interface TrackState {
  rung: AudioRung;
  init?: InitInfo;
  initStored: boolean;
  /** Stored segments, by number. */
  stored: Map<number, SegmentFacts>;
}

/**
 * @example
 * const { tracks } = await audioTask(context, { kind: "audio", tracks: plan.audio });
 */
export async function audioTask(
  context: TaskContext,
  spec: TaskSpecOf<"audio">,
): Promise<TaskResultOf<"audio">> {
  const { signal } = context;
  const { startSeconds } = context.assignment.source;
  if (startSeconds === null) throw new Error("An audio task needs the probed source's start time.");
  const outputDir = join(context.workDir, "out");
  const states = new Map(
    spec.tracks.map((rung) => [
      trackDir("audio", rung.id),
      { rung, initStored: false, stored: new Map() } as TrackState,
    ]),
  );
  for (const dir of states.keys()) await mkdir(join(outputDir, dir), { recursive: true });
  const { durationSeconds } = await probeSource(context.source, signal);

  const reportStored = () => context.report.tracks(storedTracks(states));
  // Files are handled one at a time, in the order ffmpeg finished them: a track's
  // init segment is read before its media segments, which need its defaults.
  let handling = Promise.resolve();
  const watcher = new OutputWatcher(
    outputDir,
    [...states.keys()].map((dir) => ({ dir, order: trackFileOrder })),
    (path) => {
      handling = handling.then(() => handleFile(context, outputDir, states, path, reportStored));
      handling.catch((error: unknown) => context.stop(error));
    },
  );
  watcher.start();
  try {
    await runFfmpeg({
      args: audioPassArgs(context.source, startSeconds, spec.tracks, outputDir),
      signal,
      onProgress: (seconds) => context.report.progress(seconds / durationSeconds),
    });
  } finally {
    watcher.stop();
  }
  await watcher.finish();
  await handling;
  await context.uploads.drain();
  const tracks = storedTracks(states);
  const missing = spec.tracks.filter((rung) => !tracks.some((track) => track.id === rung.id));
  if (missing.length) throw new Error(`No output for ${missing.map((r) => r.id).join(", ")}`);
  return { kind: "audio", tracks };
}

/** Reads one finished file's facts and queues its upload; the facts count once it is stored. */
async function handleFile(
  context: TaskContext,
  outputDir: string,
  states: ReadonlyMap<string, TrackState>,
  path: string,
  onStored: () => void,
): Promise<void> {
  const dir = path.slice(0, path.lastIndexOf("/"));
  const state = states.get(dir);
  const order = trackFileOrder(path.slice(dir.length + 1));
  if (!state || order === undefined) throw new Error(`Unexpected output ${path}`);
  const file = join(outputDir, path);
  if (order < 0) {
    state.init = await readInit(file);
    context.uploads.add(initSegmentPath(dir), file, () => {
      state.initStored = true;
      onStored();
    });
    return;
  }
  if (!state.init) throw new Error(`${path} was written before its init segment`);
  const facts = await readSegmentFacts(file, state.init, order);
  context.uploads.add(mediaSegmentPath(dir, order), file, () => {
    state.stored.set(order, facts);
    onStored();
  });
}

/**
 * Each track whose init segment is stored, with its stored segments from
 * the first up to the first gap (uploads finish out of order, and a
 * playlist may only list segments that can be fetched).
 */
function storedTracks(states: ReadonlyMap<string, TrackState>): TrackOutput[] {
  const tracks: TrackOutput[] = [];
  for (const state of states.values()) {
    if (!state.init || !state.initStored) continue;
    const segments: SegmentFacts[] = [];
    for (let n = 0; state.stored.has(n); n++) segments.push(state.stored.get(n)!);
    tracks.push({ id: state.rung.id, init: initFacts(state.init), segments });
  }
  return tracks;
}
