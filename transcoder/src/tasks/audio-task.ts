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
import { runFfmpeg } from "../media/run-ffmpeg.ts";
import { OutputWatcher, trackFileOrder } from "../outputs/output-watcher.ts";
import { initFacts, readInit, readSegmentFacts } from "../outputs/read-track.ts";
import type { TaskContext } from "./task-context.ts";

/**
 * One track's files as they are stored. Uploads finish out of order, and a
 * playlist may only list segments that can be fetched, so a track reports
 * its init segment once stored and its segments from the first up to the
 * first one not stored yet; the rest wait in `waiting`.
 */
class StoredTrack {
  readonly rung: AudioRung;
  init?: InitInfo;
  /** Set once the init segment is stored; its segments grow as the heartbeats go out. */
  output?: TrackOutput;
  readonly #waiting = new Map<number, SegmentFacts>();

  constructor(rung: AudioRung) {
    this.rung = rung;
  }

  initStored(init: InitInfo): void {
    this.output = { id: this.rung.id, init: initFacts(init), segments: [] };
    this.#advance();
  }

  segmentStored(segment: SegmentFacts): void {
    this.#waiting.set(segment.number, segment);
    this.#advance();
  }

  #advance(): void {
    const segments = this.output?.segments;
    if (!segments) return;
    for (
      let next = this.#waiting.get(segments.length);
      next;
      next = this.#waiting.get(segments.length)
    ) {
      this.#waiting.delete(next.number);
      segments.push(next);
    }
  }
}

/**
 * @example
 * const { tracks } = await audioTask(context, { kind: "audio", tracks: plan.audio, durationSeconds: 7200 });
 */
export async function audioTask(
  context: TaskContext,
  spec: TaskSpecOf<"audio">,
): Promise<TaskResultOf<"audio">> {
  const { signal } = context;
  const { startSeconds } = context.assignment.source;
  if (startSeconds === null) throw new Error("An audio task needs the probed source's start time.");
  const outputDir = join(context.workDir, "out");
  const tracks = new Map(
    spec.tracks.map((rung) => [trackDir("audio", rung.id), new StoredTrack(rung)]),
  );
  for (const dir of tracks.keys()) await mkdir(join(outputDir, dir), { recursive: true });

  // The heartbeats carry the tracks' live lists: whatever is stored when each one goes out.
  const report = () =>
    context.report.tracks([...tracks.values()].flatMap((track) => track.output ?? []));
  const watcher = new OutputWatcher(
    outputDir,
    [...tracks.keys()].map((dir) => ({ dir, order: trackFileOrder })),
    {
      onReady: (path) => handleFile(context, outputDir, tracks, path, report),
      onFailure: context.stop,
    },
  );
  watcher.start();
  try {
    await runFfmpeg({
      args: audioPassArgs(context.source, startSeconds, spec.tracks, outputDir),
      signal,
      onProgress: (seconds) => context.report.progress(seconds / spec.durationSeconds),
    });
  } catch (error) {
    await watcher.stop();
    throw error;
  }
  await watcher.finish();
  await context.uploads.drain();
  const missing = [...tracks.values()].filter((track) => !track.output);
  if (missing.length) throw new Error(`No output for ${missing.map((t) => t.rung.id).join(", ")}`);
  return { kind: "audio", tracks: [...tracks.values()].map((track) => track.output!) };
}

/** Reads one finished file's facts and queues its upload; the facts count once it is stored. */
async function handleFile(
  context: TaskContext,
  outputDir: string,
  tracks: ReadonlyMap<string, StoredTrack>,
  path: string,
  onInitStored: () => void,
): Promise<void> {
  const dir = path.slice(0, path.lastIndexOf("/"));
  const track = tracks.get(dir);
  const order = trackFileOrder(path.slice(dir.length + 1));
  if (!track || order === undefined) throw new Error(`Unexpected output ${path}`);
  const file = join(outputDir, path);
  if (order < 0) {
    const init = await readInit(file);
    track.init = init;
    context.uploads.add(initSegmentPath(dir), file, () => {
      track.initStored(init);
      onInitStored();
    });
    return;
  }
  if (!track.init) throw new Error(`${path} was written before its init segment`);
  const facts = await readSegmentFacts(file, track.init, order);
  context.uploads.add(mediaSegmentPath(dir, order), file, () => track.segmentStored(facts));
}
