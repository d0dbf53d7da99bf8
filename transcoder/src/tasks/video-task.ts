/**
 * The video task: one chunk of the film (whole segments, exact frames of
 * the constant-rate grid) encoded for every rung of the task from one
 * decode, and, for the lowest rung's task, the chunk's sprite sheet from
 * frames already decoded. ffmpeg reads only the bytes around the chunk.
 *
 * Each segment is moved onto the film's timeline (segment-retime.ts) and
 * checked against the grid (chunk-placement.ts) as soon as ffmpeg finishes
 * it, then uploaded under its film number. Every chunk's init segment comes
 * out byte-identical (same settings, same stream layout), so each task
 * uploads its rungs' init.mp4 again; the ingest Worker checks that every
 * chunk reports the same init facts.
 */
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type {
  SegmentFacts,
  TaskResultOf,
  TaskSpecOf,
  TrackOutput,
} from "../../../lib/ingest/task-protocol.ts";
import { initSegmentPath, mediaSegmentPath, trackDir } from "../../../lib/media/asset-layout.ts";
import { frameSeconds } from "../../../lib/media/frame-grid.ts";
import { InputError } from "../errors.ts";
import { holdsFragment, type InitInfo } from "../media/bmff.ts";
import {
  checkPlacement,
  chunkFrameCount,
  filmSegment,
  reportedFirstFrame,
  ticksPerFrame,
} from "../media/chunk-placement.ts";
import { chunkSeekSeconds, SPRITE_FILE, videoChunkArgs } from "../media/chunk-command.ts";
import { runFfmpeg } from "../media/run-ffmpeg.ts";
import { retimeSegment } from "../media/segment-retime.ts";
import { OutputWatcher, trackFileOrder } from "../outputs/output-watcher.ts";
import { initFacts, readInit, readSegmentFacts } from "../outputs/read-track.ts";
import type { TaskContext } from "./task-context.ts";

type VideoSpec = TaskSpecOf<"video">;

/** One rung's output as it is written. */
interface RungState {
  id: string;
  init?: InitInfo;
  ticks?: number;
  segments: SegmentFacts[];
}

/** Decoding starts this far before the chunk at first, twice as far on each retry. */
const FIRST_LEAD_SECONDS = 1;

/**
 * @example
 * const result = await videoTask(context, { kind: "video", chunk, frameRate, rungs, sprite: null });
 */
export async function videoTask(
  context: TaskContext,
  spec: VideoSpec,
): Promise<TaskResultOf<"video">> {
  const { startSeconds, videoIndex } = context.assignment.source;
  if (startSeconds === null || videoIndex === null) {
    throw new Error("A video task needs the probed source's start time and video stream.");
  }
  let lead = FIRST_LEAD_SECONDS;
  let encoded = await encodeChunk(context, spec, { startSeconds, videoIndex }, lead);
  // Decoding started past the chunk's first frame (an MPEG-TS seek can land a GOP late):
  // again from further back, at worst from the film's start, which cannot be too late.
  while (!encoded) {
    if (chunkSeekSeconds(spec.chunk, lead) === 0) {
      throw new Error("Decoding from the film's start missed the chunk's first frame.");
    }
    lead *= 2;
    encoded = await encodeChunk(context, spec, { startSeconds, videoIndex }, lead);
  }
  const { states, scratchDir } = encoded;
  const finished = [...states.values()].map((state) => finishedTrack(spec, state));
  // Rungs come ascending: the first is the one the sprite sheet was cut from.
  const frames = finished[0]?.frames ?? 0;
  const sprite = spec.sprite && (await spriteSheet(context, spec, spec.sprite, scratchDir, frames));
  await context.uploads.drain();
  return { kind: "video", tracks: finished.map(({ track }) => track), sprite };
}

/**
 * Runs the chunk's command with decoding `leadSeconds` before the chunk,
 * handling each file as ffmpeg finishes it. Resolves with the rungs' state,
 * or null (ffmpeg stopped at once) when the first frame decoded came after
 * the chunk's first frame.
 */
async function encodeChunk(
  context: TaskContext,
  spec: VideoSpec,
  source: { startSeconds: number; videoIndex: number },
  leadSeconds: number,
): Promise<{ states: Map<string, RungState>; scratchDir: string } | null> {
  const { chunk, frameRate: rate } = spec;
  const scratchDir = join(context.workDir, `chunk-lead-${leadSeconds}`);
  const states = new Map(
    spec.rungs.map((rung) => [rung.id, { id: rung.id, segments: [] } as RungState]),
  );
  for (const id of states.keys()) await mkdir(join(scratchDir, id), { recursive: true });

  // The watcher hands files over in order: a rung's init segment (its timescale) before its media segments.
  const watcher = new OutputWatcher(
    scratchDir,
    [...states.keys()].map((dir) => ({ dir, order: trackFileOrder })),
    {
      onReady: (path) => handleFile(context, spec, scratchDir, states, path),
      onFailure: context.stop,
    },
  );
  const tooLate = new AbortController();
  let report = "";
  const onReport = (bytes: Buffer) => {
    report += bytes.toString("latin1");
    const first = reportedFirstFrame(report, rate);
    if (first !== null && !tooLate.signal.aborted) {
      tooLate.abort(new Error(`Decoding started at frame ${first}, after ${chunk.startFrame}.`));
    }
  };
  const chunkSeconds = chunk.endSeconds - chunk.startSeconds;
  watcher.start();
  try {
    await runFfmpeg({
      args: videoChunkArgs({
        ...source,
        source: context.source,
        rate,
        chunk,
        leadSeconds,
        rungs: spec.rungs,
        sprite: spec.sprite,
        scratchDir,
      }),
      signal: AbortSignal.any([context.signal, tooLate.signal]),
      pipes: [onReport],
      onProgress: (seconds) => context.report.progress(seconds / chunkSeconds),
    });
  } catch (error) {
    await watcher.stop();
    if (context.signal.aborted || !tooLate.signal.aborted) throw error;
    return null;
  }
  await watcher.finish();
  return { states, scratchDir };
}

/** Retimes, checks and queues one finished file of a rung. */
async function handleFile(
  context: TaskContext,
  spec: VideoSpec,
  scratchDir: string,
  states: ReadonlyMap<string, RungState>,
  path: string,
): Promise<void> {
  const [id = "", name = ""] = path.split("/");
  const state = states.get(id);
  const local = trackFileOrder(name);
  if (!state || local === undefined) throw new Error(`Unexpected output ${path}`);
  const file = join(scratchDir, path);
  const dir = trackDir("video", id);
  if (local < 0) {
    state.init = await readInit(file);
    state.ticks = ticksPerFrame(state.init.timescale, spec.frameRate);
    context.uploads.add(initSegmentPath(dir), file);
    return;
  }
  if (!state.init || state.ticks === undefined) {
    throw new Error(`${path} was written before its init segment`);
  }
  const number = filmSegment(spec.chunk, local);
  const bytes = await readFile(file);
  // When no frame comes at all (the source ends before the chunk), ffmpeg still closes
  // one segment holding nothing but its styp; finishedTrack reports the chunk as empty.
  if (!holdsFragment(bytes)) return;
  retimeSegment(bytes, {
    offsetTicks: spec.chunk.startFrame * state.ticks,
    timescale: state.init.timescale,
    segment: number,
  });
  await writeFile(file, bytes);
  const facts = await readSegmentFacts(file, state.init, number);
  checkPlacement(spec.chunk, spec.frameRate, state.ticks, facts);
  state.segments.push(facts);
  context.uploads.add(mediaSegmentPath(dir, number), file);
}

/**
 * A rung's output once ffmpeg is done, and how many frames it holds. A
 * chunk with no frames at all, or a chunk that is not the last with fewer
 * than planned, means the master ends before its header says: the file is
 * bad.
 */
function finishedTrack(spec: VideoSpec, state: RungState): { track: TrackOutput; frames: number } {
  const { chunk, frameRate: rate } = spec;
  const frames = state.ticks ? chunkFrameCount(state.segments, state.ticks) : 0;
  const planned = chunk.endFrame === null ? 1 : chunk.endFrame - chunk.startFrame;
  if (!state.init || frames < planned) {
    const readable = frameSeconds(chunk.startFrame + frames, rate);
    throw new InputError(
      "corrupt_input",
      `The file ends early: its pictures stop at ${readable.toFixed(1)} s, before the ${chunk.endSeconds.toFixed(1)} s its header promises.`,
    );
  }
  return { track: { id: state.id, init: initFacts(state.init), segments: state.segments }, frames };
}

/**
 * Queues the chunk's sprite sheet and says how many tiles it holds: one for
 * each interval mark at or before the chunk's last frame (the selection's
 * rule), at most a full sheet.
 */
async function spriteSheet(
  context: TaskContext,
  spec: VideoSpec,
  sprite: NonNullable<VideoSpec["sprite"]>,
  scratchDir: string,
  frames: number,
): Promise<{ path: string; tiles: number }> {
  const file = join(scratchDir, SPRITE_FILE);
  // Throws if ffmpeg, which exits successfully without writing an output that got no frames, wrote none.
  await stat(file);
  context.uploads.add(sprite.path, file);
  const lastFrame = frameSeconds(frames - 1, spec.frameRate);
  const tiles = Math.floor(lastFrame / sprite.intervalSeconds + 1e-9) + 1;
  return { path: sprite.path, tiles: Math.min(sprite.columns * sprite.rows, tiles) };
}
