/**
 * From a probed master to the job's tasks, pure: the output frame rate, the
 * chunks, the ladder (lib/media/ladder.ts), and the video tasks per chunk
 * plus the audio pass, each with how much of the master it must be able to
 * read before it may start and its share of the work.
 *
 * Video tasks come in three kinds (task-schedule.ts `videoTaskId`): `low`
 * (the lowest rung alone), `up` (the rungs above it) and `all` (every rung
 * from one decode). A master uploaded whole is planned at once: its first
 * chunk, one segment long, is split into `low` and `up` so the title plays
 * within seconds, and every later chunk is one `all` task, so the source is
 * decoded once. A master still uploading (its index at the front) gets
 * `low` tasks for every chunk from the probe's sample of what had arrived;
 * the first plays within seconds, the later ones are work `ahead` of the
 * analysis, started only while the upload has long to go (task-schedule.ts
 * `mayRelease`), so a slow upload plays and grows as it arrives. Once the
 * whole film is analysed, each chunk whose `low` task has not started yet
 * becomes an `all` task, and the others get an `up` task. Last comes the
 * `markers` task (credits and the intro's fingerprint), once the whole
 * master is stored.
 */
import type {
  AudioRung,
  Source,
  TaskResultOf,
  VideoRung,
} from "../../../../lib/ingest/task-protocol.ts";
import type { Complexity } from "../../../../lib/media/complexity-model.ts";
import {
  chunkSpans,
  frameCount,
  outputFrameRate,
  rateValue,
  type ChunkSpan,
  type FrameRate,
} from "../../../../lib/media/frame-grid.ts";
import { planLadder } from "../../../../lib/media/ladder.ts";
import { SEGMENT_SECONDS } from "../../../../lib/media/asset-layout.ts";
import { chunkSprite, spriteLayout } from "../../../../lib/media/trickplay.ts";
import { videoTaskId, type NewTask, type PlanContext, type VideoGroup } from "./task-schedule.ts";

export interface PlanSettings {
  segmentsPerChunk: number;
  byteLength: number;
  partBytes: number;
}

/** What later steps need: the plan, the grid's chunks, and the tasks to add now. */
export interface JobPlan {
  context: PlanContext;
  frameRate: FrameRate;
  tasks: NewTask[];
  /** True when these are all the job's tasks (the whole film was sampled). */
  complete: boolean;
  expectedWeight: number;
}

/** The rungs above the lowest, once the whole film is analysed: per chunk, what to do. */
export interface UpperPlan {
  context: PlanContext;
  /** For each chunk: replace its `low` task with `all` if it has not started, else add `up`. */
  chunks: { low: string; all: NewTask; up: NewTask }[];
  expectedWeight: number;
}

/** The first chunk is one segment long: the title plays after 4 seconds of film are encoded. */
const FIRST_CHUNK_SEGMENTS = 1;
/**
 * What runs first: the first chunk's lowest rung (with the audio's first
 * segments, what makes a title playable), the audio pass, then the film in
 * order, then (for a master planned in two goes) the rungs added later.
 */
// Markers after every chunk (a six-hour film has 360): skipping the intro matters less than playing.
const PRIORITY = {
  first: 0,
  audio: 1,
  analyse: 2,
  film: 10,
  markers: 500_000,
  later: 1_000_000,
} as const;
/** Decoding a source pixel costs about half what encoding one at veryfast does. */
const DECODE_WEIGHT = 0.5;
/** Audio is cheap next to video: its weight per second of film and track. */
const AUDIO_WEIGHT = 0.02;
/** A chunk may start once this much more of the master than its share has arrived (VBR masters vary). */
const READ_AHEAD = 1.02;

/** Where an intro can be: the first 60% of the film, at most ten minutes (after a long cold open). */
const INTRO_SEARCH = { share: 0.6, maxSeconds: 600 } as const;
/** Where credits can start: the last quarter, at most ten minutes from the end. */
const CREDITS_SEARCH = { share: 0.25, maxSeconds: 600 } as const;

/** Whether the probe sampled the whole film (the upload was complete when it ran). */
export const sampledWholeFilm = (probe: TaskResultOf<"probe">) =>
  probe.sampledUpToSeconds >= probe.source.durationSeconds * 0.999;

/** How much of the master a task reading up to `seconds` of the film needs, by its share of the bytes. */
function bytesUpTo(seconds: number, source: Source, settings: PlanSettings): number {
  const share = Math.min(1, (seconds / source.durationSeconds) * READ_AHEAD);
  return Math.min(settings.byteLength, Math.ceil(settings.byteLength * share) + settings.partBytes);
}

interface Planning {
  source: Source;
  settings: PlanSettings;
  frameRate: FrameRate;
  context: PlanContext;
}

function videoTask(
  planning: Planning,
  chunk: ChunkSpan,
  group: VideoGroup,
  rungs: VideoRung[],
  priority: number,
  ahead = false,
): NewTask {
  const { source, settings, frameRate, context } = planning;
  const pixels =
    source.video.width * source.video.height * DECODE_WEIGHT +
    rungs.reduce((sum, rung) => sum + rung.width * rung.height, 0);
  return {
    id: videoTaskId(chunk.index, group),
    kind: "video",
    spec: {
      kind: "video",
      chunk,
      frameRate,
      rungs,
      sprite: group !== "up" && context.sprite ? chunkSprite(chunk, context.sprite) : null,
    },
    priority,
    needsBytes: bytesUpTo(chunk.endSeconds, source, settings),
    weight: ((chunk.endSeconds - chunk.startSeconds) * pixels) / 1e6,
    ahead,
  };
}

/**
 * The markers task: credits from the end, the intro's audio fingerprint
 * from the start. It reads the end, so it waits for the whole master.
 */
function markersTask(source: Source, audio: readonly AudioRung[], settings: PlanSettings): NewTask {
  const duration = source.durationSeconds;
  const matched = audio.find((track) => track.default) ?? audio[0];
  const creditsWindow = Math.min(duration * CREDITS_SEARCH.share, CREDITS_SEARCH.maxSeconds);
  return {
    id: "markers",
    kind: "markers",
    spec: {
      kind: "markers",
      audioIndex: matched?.streamIndex ?? null,
      introSearchSeconds: Math.min(duration * INTRO_SEARCH.share, INTRO_SEARCH.maxSeconds),
      creditsFromSeconds: duration - creditsWindow,
      durationSeconds: duration,
    },
    priority: PRIORITY.markers,
    needsBytes: settings.byteLength,
    // Decoding the credits window's picture, and a little audio.
    weight: (creditsWindow * source.video.width * source.video.height * DECODE_WEIGHT) / 1e6,
    ahead: false,
  };
}

/** The chunks of a probed master. */
function chunksOf(source: Source, frameRate: FrameRate, segmentsPerChunk: number): ChunkSpan[] {
  return chunkSpans(
    frameCount(source.video, frameRate),
    frameRate,
    segmentsPerChunk,
    FIRST_CHUNK_SEGMENTS,
  );
}

const filmOrder = (chunk: ChunkSpan) =>
  chunk.index === 0 ? PRIORITY.first : PRIORITY.film + chunk.index;

/**
 * The plan after the probe: every task at once when the probe sampled the
 * whole film, else the lowest rung and the audio now and an `analyse` task
 * that samples the whole film once the upload is complete.
 *
 * @example
 * const plan = planFromProbe(probe, { segmentsPerChunk: 15, byteLength, partBytes });
 */
export function planFromProbe(probe: TaskResultOf<"probe">, settings: PlanSettings): JobPlan {
  const { source } = probe;
  const frameRate = outputFrameRate(source.video.frameRate);
  const ladder = planLadder(source, probe.complexity);
  const [lowest, ...upper] = ladder.video;
  if (!lowest) throw new Error("The ladder has no rungs.");
  const whole = sampledWholeFilm(probe);
  const chunks = chunksOf(source, frameRate, settings.segmentsPerChunk);
  const context: PlanContext = {
    durationSeconds: source.durationSeconds,
    frameRate: rateValue(frameRate),
    chunks: chunks.length,
    segmentsPerChunk: settings.segmentsPerChunk,
    lowest,
    upper: whole ? upper : [],
    audio: ladder.audio,
    subtitles: probe.subtitles,
    poster: probe.poster,
    sprite: spriteLayout(source.video, settings.segmentsPerChunk * SEGMENT_SECONDS),
  };
  const planning: Planning = { source, settings, frameRate, context };

  const tasks: NewTask[] = [];
  for (const chunk of chunks) {
    if (!whole || upper.length === 0) {
      // Ahead of the analysis: a later chunk's lowest rung while the master uploads.
      const ahead = !whole && chunk.index > 0;
      tasks.push(videoTask(planning, chunk, "low", [lowest], filmOrder(chunk), ahead));
    } else if (chunk.index === 0) {
      tasks.push(videoTask(planning, chunk, "low", [lowest], PRIORITY.first));
      tasks.push(videoTask(planning, chunk, "up", upper, PRIORITY.film));
    } else {
      tasks.push(videoTask(planning, chunk, "all", [lowest, ...upper], filmOrder(chunk)));
    }
  }
  if (ladder.audio.length > 0) {
    tasks.push({
      id: "audio",
      kind: "audio",
      spec: { kind: "audio", tracks: ladder.audio, durationSeconds: source.durationSeconds },
      priority: PRIORITY.audio,
      // It reads the master from the start as it arrives.
      needsBytes: Math.min(settings.byteLength, settings.partBytes),
      weight: source.durationSeconds * AUDIO_WEIGHT * ladder.audio.length,
      ahead: false,
    });
  }
  tasks.push(markersTask(source, ladder.audio, settings));
  if (!whole) {
    tasks.push({
      id: "analyse",
      kind: "analyse",
      spec: { kind: "analyse", upToSeconds: source.durationSeconds },
      priority: PRIORITY.analyse,
      needsBytes: null,
      weight: 1,
      ahead: false,
    });
  }
  // Until the whole film is sampled, the rungs above are expected to be the probe's.
  const expectedUpper = whole
    ? []
    : chunks.map((chunk) => videoTask(planning, chunk, "up", upper, PRIORITY.later));
  const expectedWeight = [...tasks, ...expectedUpper].reduce((sum, task) => sum + task.weight, 1);
  return { context, frameRate, tasks, complete: whole, expectedWeight };
}

/**
 * The rungs above the lowest, planned from samples across the whole film
 * and stepped up from the lowest rung already being encoded, with each
 * chunk's two ways to get them.
 */
export function planUpperRungs(
  probe: TaskResultOf<"probe">,
  earlier: Omit<JobPlan, "tasks">,
  complexity: Complexity,
  settings: PlanSettings,
): UpperPlan {
  const { source } = probe;
  const ladder = planLadder(source, complexity, earlier.context.lowest);
  const upper = ladder.video.slice(1);
  const context: PlanContext = { ...earlier.context, upper };
  const planning: Planning = { source, settings, frameRate: earlier.frameRate, context };
  const chunks = upper.length
    ? chunksOf(source, earlier.frameRate, settings.segmentsPerChunk).map((chunk) => ({
        low: videoTaskId(chunk.index, "low"),
        all: videoTask(planning, chunk, "all", ladder.video, PRIORITY.later + chunk.index),
        up: videoTask(planning, chunk, "up", upper, PRIORITY.later + chunk.index),
      }))
    : [];
  return { context, chunks, expectedWeight: earlier.expectedWeight };
}
