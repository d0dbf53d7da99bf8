/**
 * `npm run bench:ingest:projection`: how long a 2-hour film takes, from its
 * last uploaded byte to playable and to its full ladder, on 1, 8, 64 and 256
 * transcoder instances, at 1080p and 2160p — projected from what
 * bench:ingest measured on this machine (.cache/bench/ingest-costs.json).
 *
 * The model is the scheduler itself, replayed: the probe; then the tasks in
 * the TaskBoard's order (the first chunk's lowest rung, the audio pass, the
 * first chunk's upper rungs, then every later chunk with all its rungs) go
 * to whichever instance is free first, each taking
 *   overhead + CPU per second of film × the chunk's seconds,
 * with the measured gap between an instance's tasks, and the assembly at
 * the end. Every figure is listed under the table, with where it came from.
 * One instance is one core as measured (production's standard-4 containers
 * have four).
 */
import { SEGMENT_SECONDS } from "../lib/media/asset-layout.ts";
import { chunkSpans, frameCount, outputFrameRate } from "../lib/media/frame-grid.ts";
import type { ChunkCosts } from "./lib/ingest/chunk-costs.ts";
import { readCosts, type PipelineRun } from "./lib/ingest/measured-costs.ts";
import type { TaskTiming } from "./lib/ingest/task-timings.ts";
import { fixed, printTable } from "./lib/table.ts";

const FILM_SECONDS = 2 * 3600;
const FLEETS = [1, 8, 64, 256];
const FRAME_RATE = outputFrameRate(30);

const costs = readCosts();
const run = costs.pipeline;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** The chunks of a film of `seconds` (the pipeline's chunking: one segment first, then K). */
const chunksOf = (seconds: number) =>
  chunkSpans(
    frameCount({ startSeconds: 0, durationSeconds: seconds }, FRAME_RATE),
    FRAME_RATE,
    costs.segmentsPerChunk,
    1,
  );

/** The measured chunk tasks' fixed cost: their wall time beyond the CPU their frames take. */
function taskOverhead(): number {
  const spans = chunksOf(costs.filmSeconds);
  const perSecond = { low: costs.chunk1080.lowPerSecond, all: costs.chunk1080.allPerSecond };
  const overheads = run.tasks.flatMap((task) => {
    const match = /^video-(\d+)-(low|all)$/.exec(task.taskId);
    const span = match ? spans[Number(match[1])] : undefined;
    if (!match || !span) return [];
    const seconds = span.endSeconds - span.startSeconds;
    return [task.seconds - perSecond[match[2] as "low" | "all"] * seconds];
  });
  return Math.max(0, median(overheads));
}

/** The gap between one task's end and the next one's start on the same transcoder. */
function taskGap(tasks: readonly TaskTiming[]): number {
  const pids = [...new Set(tasks.map((task) => task.pid))];
  const gaps = pids.flatMap((pid) => {
    const list = tasks.filter((task) => task.pid === pid);
    return list.slice(1).map((task, i) => (task.startedAt - list[i]!.endedAt) / 1000);
  });
  return Math.max(0, median(gaps));
}

const find = (pipeline: PipelineRun, id: string) => pipeline.tasks.find((t) => t.taskId === id);
const probe = find(run, "probe");
const audio = find(run, "audio");
const first = find(run, "video-0-low");
if (!probe || !audio || !first)
  throw new Error("bench:ingest's run lacks the probe, audio or first chunk");

const model = {
  probeSeconds: (probe.endedAt - run.lastByteAt) / 1000,
  planSeconds: (Math.min(first.startedAt, audio.startedAt) - probe.endedAt) / 1000,
  audioPerSecond: audio.seconds / costs.filmSeconds,
  overhead: taskOverhead(),
  gap: taskGap(run.tasks),
  publishSeconds: Math.max(0, (run.lastByteAt + run.playable * 1000 - first.endedAt) / 1000),
  assemblySeconds: Math.max(0, run.assemblySeconds),
};

interface Projection {
  playable: number;
  full: number;
}

/** Replays the scheduler for a film of `seconds` at `cost` on `instances`. */
function project(seconds: number, cost: ChunkCosts, instances: number): Projection {
  const spans = chunksOf(seconds);
  const videoTask = (span: (typeof spans)[number], perSecond: number) =>
    model.overhead + perSecond * (span.endSeconds - span.startSeconds);
  const [chunk0, ...rest] = spans;
  const tasks = [
    { id: "low0", seconds: videoTask(chunk0!, cost.lowPerSecond) },
    { id: "audio", seconds: model.audioPerSecond * seconds },
    { id: "up0", seconds: videoTask(chunk0!, cost.allPerSecond - cost.lowPerSecond) },
    ...rest.map((span) => ({
      id: `all${span.index}`,
      seconds: videoTask(span, cost.allPerSecond),
    })),
  ];
  const start = model.probeSeconds + model.planSeconds;
  const free = Array<number>(instances).fill(start);
  const ends = new Map<string, { end: number; start: number }>();
  for (const task of tasks) {
    const slot = free.indexOf(Math.min(...free));
    const begin = free[slot]!;
    free[slot] = begin + task.seconds + model.gap;
    ends.set(task.id, { start: begin, end: begin + task.seconds });
  }
  const low0 = ends.get("low0")!;
  const audioTask = ends.get("audio")!;
  // Playable once the first chunk's lowest rung is stored and the audio's first segment is.
  const firstAudio = audioTask.start + model.audioPerSecond * SEGMENT_SECONDS;
  return {
    playable: Math.max(low0.end, firstAudio) + model.publishSeconds,
    full: Math.max(...[...ends.values()].map((e) => e.end)) + model.assemblySeconds,
  };
}

const minutes = (seconds: number) =>
  seconds < 120 ? `${fixed(seconds)} s` : `${fixed(seconds / 60)} min`;
const rows = [
  { label: "2-hour 1080p30", cost: costs.chunk1080 },
  { label: "2-hour 2160p30", cost: costs.chunk2160 },
].flatMap(({ label, cost }) =>
  FLEETS.map((instances) => {
    const { playable, full } = project(FILM_SECONDS, cost, instances);
    return [label, cost.rungs.join(" "), String(instances), minutes(playable), minutes(full)];
  }),
);
console.log(
  `bench:ingest:projection — a 2-hour film, from its last uploaded byte; measured ${costs.measuredAt} on ${costs.filmSeconds} s of 1080p (bench:ingest)`,
);
printTable(["Film", "Ladder", "Instances", "Playable", "Full ladder"], rows);
console.log(`
Model (each figure measured by bench:ingest on this machine, one pinned core per instance):
  probe, from the last byte            ${fixed(model.probeSeconds, 2)} s   (the probe task's end)
  planning, probe to first task        ${fixed(model.planSeconds, 2)} s   (Workflow step, board, queue ticket)
  chunk task overhead                  ${fixed(model.overhead, 2)} s   (median wall time beyond the frames' CPU)
  gap between an instance's tasks      ${fixed(model.gap, 2)} s   (report answered with the next task)
  audio pass                           ${fixed(model.audioPerSecond * 1000, 2)} ms per second of film
  1080p: lowest rung ${fixed(costs.chunk1080.lowPerSecond, 3)}, all rungs ${fixed(costs.chunk1080.allPerSecond, 3)} CPU s per second of film
  2160p: lowest rung ${fixed(costs.chunk2160.lowPerSecond, 3)}, all rungs ${fixed(costs.chunk2160.allPerSecond, 3)} CPU s per second of film
  first chunk to playable              ${fixed(model.publishSeconds, 2)} s   (growing playlists, Workflow step, D1)
  last task to full ladder             ${fixed(model.assemblySeconds, 2)} s   (assembly and publication)
  chunks: one ${SEGMENT_SECONDS}-second segment, then ${costs.segmentsPerChunk} segments (${costs.segmentsPerChunk * SEGMENT_SECONDS} s)
Not modelled: the upload itself (the clock starts at its last byte), R2 and network limits at
hundreds of instances, and container cold starts (instances are taken as warm).`);
