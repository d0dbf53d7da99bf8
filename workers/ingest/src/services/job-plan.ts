/**
 * From a probed master to the job's tasks, pure: the output frame rate, the
 * chunks, the ladder (lib/media/ladder.ts), and one task per chunk and rung
 * group plus the audio pass, each with how much of the master it must be
 * able to read before it may start and its share of the work.
 *
 * A master uploaded whole is planned once. A master still uploading (its
 * index at the front) is planned in two goes: the lowest rung and the audio
 * from the probe's sample of what had arrived, so the title plays early;
 * the rungs above it once the whole film has been sampled (`analyse`).
 */
import type { Source, TaskResultOf, VideoRung } from "../../../../lib/ingest/task-protocol.ts";
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
import { videoTaskId, type NewTask, type PlanContext } from "./task-schedule.ts";

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

/** Tasks run lowest first: the audio pass, the lowest rung in film order, then the rest. */
const PRIORITY = { audio: 1, analyse: 2, low: 10, up: 1_000_000 } as const;
/** Decoding a source pixel costs about half what encoding one at veryfast does. */
const DECODE_WEIGHT = 0.5;
/** Audio is cheap next to video: its weight per second of film and track. */
const AUDIO_WEIGHT = 0.02;
/** A chunk may start once this much more of the master than its share has arrived (VBR masters vary). */
const READ_AHEAD = 1.02;

/** Whether the probe sampled the whole film (the upload was complete when it ran). */
export const sampledWholeFilm = (probe: TaskResultOf<"probe">) =>
  probe.sampledUpToSeconds >= probe.source.durationSeconds * 0.999;

/** How much of the master a task reading up to `seconds` of the film needs, by its share of the bytes. */
function bytesUpTo(seconds: number, source: Source, settings: PlanSettings): number {
  const share = Math.min(1, (seconds / source.durationSeconds) * READ_AHEAD);
  return Math.min(settings.byteLength, Math.ceil(settings.byteLength * share) + settings.partBytes);
}

function videoTask(
  source: Source,
  settings: PlanSettings,
  frameRate: FrameRate,
  chunk: ChunkSpan,
  group: "low" | "up",
  rungs: VideoRung[],
  context: PlanContext,
): NewTask {
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
      sprite: group === "low" && context.sprite ? chunkSprite(chunk, context.sprite) : null,
    },
    priority: PRIORITY[group] + chunk.index,
    needsBytes: bytesUpTo(chunk.endSeconds, source, settings),
    weight: ((chunk.endSeconds - chunk.startSeconds) * pixels) / 1e6,
  };
}

/** The chunks of a probed master. */
function chunksOf(source: Source, frameRate: FrameRate, segmentsPerChunk: number): ChunkSpan[] {
  return chunkSpans(frameCount(source.video, frameRate), frameRate, segmentsPerChunk);
}

/**
 * The plan after the probe: the lowest rung and the audio always; the
 * rungs above when the probe sampled the whole film, else an `analyse`
 * task that will, once the upload is complete.
 *
 * @example
 * const plan = planFromProbe(probe, { segmentsPerChunk: 15, byteLength, partBytes });
 * await board.addTasks(run, plan.tasks, { plan: plan.context, complete: plan.complete, expectedWeight: plan.expectedWeight });
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
  const tasks: NewTask[] = chunks.map((chunk) =>
    videoTask(source, settings, frameRate, chunk, "low", [lowest], context),
  );
  if (ladder.audio.length > 0) {
    tasks.push({
      id: "audio",
      kind: "audio",
      spec: { kind: "audio", tracks: ladder.audio, durationSeconds: source.durationSeconds },
      priority: PRIORITY.audio,
      // It reads the master from the start as it arrives.
      needsBytes: Math.min(settings.byteLength, settings.partBytes),
      weight: source.durationSeconds * AUDIO_WEIGHT * ladder.audio.length,
    });
  }
  if (whole && upper.length > 0) {
    tasks.push(
      ...chunks.map((chunk) => videoTask(source, settings, frameRate, chunk, "up", upper, context)),
    );
  }
  if (!whole) {
    tasks.push({
      id: "analyse",
      kind: "analyse",
      spec: { kind: "analyse", upToSeconds: source.durationSeconds },
      priority: PRIORITY.analyse,
      needsBytes: null,
      weight: 1,
    });
  }
  // Until the whole film is sampled, the rungs above are expected to be the probe's.
  const expectedUpper = whole
    ? []
    : chunks.map((chunk) => videoTask(source, settings, frameRate, chunk, "up", upper, context));
  const expectedWeight = [...tasks, ...expectedUpper].reduce((sum, task) => sum + task.weight, 1);
  return {
    context,
    frameRate,
    tasks,
    complete: whole,
    expectedWeight,
  };
}

/**
 * The rungs above the lowest, planned from samples across the whole film
 * and stepped up from the lowest rung already being encoded.
 */
export function planUpperRungs(
  probe: TaskResultOf<"probe">,
  earlier: JobPlan,
  complexity: Complexity,
  settings: PlanSettings,
): JobPlan {
  const { source } = probe;
  const ladder = planLadder(source, complexity, earlier.context.lowest);
  const upper = ladder.video.slice(1);
  const context: PlanContext = { ...earlier.context, upper };
  const chunks = chunksOf(source, earlier.frameRate, settings.segmentsPerChunk);
  const tasks = upper.length
    ? chunks.map((chunk) =>
        videoTask(source, settings, earlier.frameRate, chunk, "up", upper, context),
      )
    : [];
  return {
    context,
    frameRate: earlier.frameRate,
    tasks,
    complete: true,
    expectedWeight: earlier.expectedWeight,
  };
}
