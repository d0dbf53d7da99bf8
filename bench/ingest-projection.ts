/**
 * `npm run bench:ingest:projection`: how long a 2-hour film takes, from its
 * last uploaded byte to playable and to its full ladder, on 1, 8, 64 and 256
 * transcoder instances, at 1080p and 2160p — projected from what
 * bench:ingest measured on this machine (.cache/bench/ingest-costs.json).
 *
 * The model is the scheduler itself, replayed: a complexity sample of the
 * whole film (the probe of a master whose index is at the end, or the
 * analysis of a fast-start one); then the tasks in the TaskBoard's order
 * (the first chunk's lowest rung, the audio pass, the first chunk's upper
 * rungs, then every later chunk with all its rungs) go to whichever
 * instance is free first, each taking
 *   fixed + pace × CPU seconds per second of film × the chunk's seconds ÷ speed-up,
 * (fixed and pace fitted to the chunk tasks bench:ingest timed with one
 * pinned transcoder), with the measured gap between an instance's tasks,
 * and the assembly at the end. It is run for two kinds of instance: one core, as bench:ingest
 * pinned them, and production's standard-4 containers (4 vCPU), whose
 * speed-up is the two-core efficiency measured here carried to four cores —
 * an assumption, printed with the rest under the table.
 */
import { SEGMENT_SECONDS } from "../lib/media/asset-layout.ts";
import { chunkSpans, frameCount, outputFrameRate } from "../lib/media/frame-grid.ts";
import type { ChunkCosts } from "./lib/ingest/chunk-costs.ts";
import { readCosts, type PipelineRun } from "./lib/ingest/measured-costs.ts";
import type { TaskCosts } from "./lib/ingest/task-costs.ts";
import type { TaskTiming } from "./lib/ingest/task-timings.ts";
import { fixed, printTable } from "./lib/table.ts";

const FILM_SECONDS = 2 * 3600;
const FLEETS = [1, 8, 64, 256];
const FRAME_RATE = outputFrameRate(30);
const INSTANCE_TYPES = [
  { name: "1 core", cores: 1 },
  { name: "standard-4", cores: 4 },
] as const;
const TARGET = { fleet: 64, fullSeconds: 5 * 60, playableSeconds: 10 };

const costs = readCosts();
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

/**
 * How a run's chunk tasks took their time: wall seconds = fixed + pace ×
 * the CPU seconds their frames cost on their own (chunk-costs.ts), a
 * least-squares line through every chunk task the run timed. `fixed` is
 * what any task pays (ffmpeg's start, the source's open and seek, the
 * reports); `pace` above 1 is the instance being slower than the isolated
 * measurement — with two transcoders and workerd on two cores, contention.
 */
function taskPace(run: PipelineRun): { fixed: number; pace: number } {
  const spans = chunksOf(costs.filmSeconds);
  const perSecond = { low: costs.chunk1080.lowPerSecond, all: costs.chunk1080.allPerSecond };
  const points = run.tasks.flatMap((task) => {
    const match = /^video-(\d+)-(low|up|all)$/.exec(task.taskId);
    const span = match ? spans[Number(match[1])] : undefined;
    if (!match || !span) return [];
    const rate =
      match[2] === "low"
        ? perSecond.low
        : match[2] === "up"
          ? perSecond.all - perSecond.low
          : perSecond.all;
    return [{ cpu: rate * (span.endSeconds - span.startSeconds), wall: task.seconds }];
  });
  const n = points.length;
  const meanCpu = points.reduce((sum, p) => sum + p.cpu, 0) / n;
  const meanWall = points.reduce((sum, p) => sum + p.wall, 0) / n;
  const pace =
    points.reduce((sum, p) => sum + (p.cpu - meanCpu) * (p.wall - meanWall), 0) /
    points.reduce((sum, p) => sum + (p.cpu - meanCpu) ** 2, 0);
  return { fixed: Math.max(0, meanWall - pace * meanCpu), pace };
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

/** Everything the projection takes from one timed run of the pipeline. */
function modelOf(run: PipelineRun) {
  const find = (id: string) => run.tasks.find((t) => t.taskId === id);
  const probe = find("probe");
  const audio = find("audio");
  const first = find("video-0-low");
  if (!probe || !audio || !first)
    throw new Error("bench:ingest's run lacks the probe, audio or first chunk");
  return {
    planSeconds: Math.max(0, (Math.min(first.startedAt, audio.startedAt) - probe.endedAt) / 1000),
    ...taskPace(run),
    gap: taskGap(run.tasks),
    publishSeconds: Math.max(0, (run.lastByteAt + run.playable * 1000 - first.endedAt) / 1000),
    assemblySeconds: Math.max(0, run.assemblySeconds),
  };
}
type Model = ReturnType<typeof modelOf>;

/**
 * Production's instances each have their cores to themselves, as the one
 * pinned transcoder had here (workerd on the other core); the pair's pace
 * is printed too, as the pessimistic case.
 */
const model = modelOf(costs.pipelineOne);
const contended = modelOf(costs.pipeline);

interface Profile {
  label: string;
  chunk: ChunkCosts;
  tasks: TaskCosts;
}

/** How much faster than one core an instance of `cores` runs a task. */
const speedUp = (cores: number, profile: Profile) =>
  cores === 1 ? 1 : cores * profile.chunk.twoCoreEfficiency;

/**
 * The complexity sample of the whole film with the poster and ffprobe: on
 * one core, their CPU one after another; on more, side by side at the wall
 * time they took on this machine's two cores (a four-core instance is
 * taken to be no faster, which can only overstate it).
 */
function sampleSeconds(cores: number, { tasks }: Profile): number {
  return cores === 1
    ? tasks.ffprobe.cpu + tasks.complexity.cpu + tasks.poster.cpu
    : tasks.ffprobe.wall + Math.max(tasks.complexity.wall, tasks.poster.wall);
}

/** Replays the scheduler for a film of `seconds` on `instances` of `cores`. */
function project(
  seconds: number,
  profile: Profile,
  cores: number,
  instances: number,
  { fixed, pace, ...model }: Model,
) {
  const cost = profile.chunk;
  const speed = speedUp(cores, profile);
  const spans = chunksOf(seconds);
  const videoTask = (span: (typeof spans)[number], perSecond: number) =>
    fixed + (pace * perSecond * (span.endSeconds - span.startSeconds)) / speed;
  const [chunk0, ...rest] = spans;
  // The audio pass is one ffmpeg decoding and encoding AAC: it gains nothing from more cores.
  const audioPerSecond = profile.tasks.audioPerSecond;
  const tasks = [
    { id: "low0", seconds: videoTask(chunk0!, cost.lowPerSecond) },
    { id: "audio", seconds: audioPerSecond * seconds },
    { id: "up0", seconds: videoTask(chunk0!, cost.allPerSecond - cost.lowPerSecond) },
    ...rest.map((span) => ({
      id: `all${span.index}`,
      seconds: videoTask(span, cost.allPerSecond),
    })),
  ];
  const start = sampleSeconds(cores, profile) + model.planSeconds;
  const free = Array<number>(instances).fill(start);
  const ends = new Map<string, { end: number; start: number }>();
  for (const task of tasks) {
    const slot = free.indexOf(Math.min(...free));
    const begin = free[slot]!;
    free[slot] = begin + task.seconds + model.gap;
    ends.set(task.id, { start: begin, end: begin + task.seconds });
  }
  const low0 = ends.get("low0")!;
  // Playable once the first chunk's lowest rung is stored and the audio's first segment is.
  const firstAudio = ends.get("audio")!.start + audioPerSecond * SEGMENT_SECONDS;
  return {
    playable: Math.max(low0.end, firstAudio) + model.publishSeconds,
    full: Math.max(...[...ends.values()].map((e) => e.end)) + model.assemblySeconds,
  };
}

const minutes = (seconds: number) =>
  seconds < 120 ? `${fixed(seconds)} s` : `${fixed(seconds / 60)} min`;
const profiles: Profile[] = [
  { label: "2-hour 1080p30", chunk: costs.chunk1080, tasks: costs.tasks1080 },
  { label: "2-hour 2160p30", chunk: costs.chunk2160, tasks: costs.tasks2160 },
];
const rows = profiles.flatMap((profile) =>
  INSTANCE_TYPES.flatMap(({ name, cores }) =>
    FLEETS.map((instances) => {
      const { playable, full } = project(FILM_SECONDS, profile, cores, instances, model);
      return [profile.label, name, String(instances), minutes(playable), minutes(full)];
    }),
  ),
);
console.log(
  `bench:ingest:projection — a 2-hour film, from its last uploaded byte; measured ${costs.measuredAt} (bench:ingest on ${costs.filmSeconds} s of 1080p)`,
);
printTable(["Film", "Instance", "Instances", "Playable", "Full ladder"], rows);

const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
for (const [pace, paceModel] of [
  ["at the pace of one transcoder with its core to itself", model],
  ["at the pace of two sharing this machine with workerd (pessimistic)", contended],
] as const) {
  for (const { name, cores } of INSTANCE_TYPES) {
    const { playable, full } = project(FILM_SECONDS, profiles[0]!, cores, TARGET.fleet, paceModel);
    console.log(
      `Target, 2-hour 1080p on ${TARGET.fleet} ${name} instances, ${pace}: full ladder ≤ ${TARGET.fullSeconds / 60} min → ${minutes(full)} (${verdict(full <= TARGET.fullSeconds)}); playable ≤ ${TARGET.playableSeconds} s → ${minutes(playable)} (${verdict(playable <= TARGET.playableSeconds)}).`,
    );
  }
}

const stepCosts = (t: TaskCosts) =>
  `ffprobe ${fixed(t.ffprobe.cpu, 2)}, complexity sample ${fixed(t.complexity.cpu, 2)}, poster ${fixed(t.poster.cpu, 2)} CPU s (wall on two cores ${fixed(t.ffprobe.wall, 2)}, ${fixed(t.complexity.wall, 2)}, ${fixed(t.poster.wall, 2)} s); audio pass ${fixed(t.audioPerSecond * 1000, 1)} ms per second of film`;
const chunkCost = (c: ChunkCosts) =>
  `lowest rung ${fixed(c.lowPerSecond, 3)}, every rung ${fixed(c.allPerSecond, 3)} CPU s per second of film; two-core efficiency ${fixed(c.twoCoreEfficiency, 2)}`;
console.log(`
Model (measured by bench:ingest on this machine; instances pinned to one core each):
  chunks                               one ${SEGMENT_SECONDS}-second segment, then ${costs.segmentsPerChunk} segments (${costs.segmentsPerChunk * SEGMENT_SECONDS} s)
  1080p chunk encodes                  ${chunkCost(costs.chunk1080)}
  2160p chunk encodes                  ${chunkCost(costs.chunk2160)}
  1080p probe and audio                ${stepCosts(costs.tasks1080)}
  2160p probe and audio                ${stepCosts(costs.tasks2160)}
  planning, probe to first task        ${fixed(model.planSeconds, 2)} s   (Workflow step, board, queue ticket)
  chunk task wall time                 ${fixed(model.fixed, 2)} s + ${fixed(model.pace, 3)} × the frames' CPU   (one transcoder; two sharing the machine: ${fixed(contended.fixed, 2)} s + ${fixed(contended.pace, 3)} ×)
  gap between an instance's tasks      ${fixed(model.gap, 2)} s   (report answered with the next task)
  first chunk to playable              ${fixed(model.publishSeconds, 2)} s   (growing playlists, Workflow step, D1)
  last task to full ladder             ${fixed(model.assemblySeconds, 2)} s   (assembly and publication)
Assumptions: the clock starts at the last byte with nothing done (a master whose index is at the
end; a fast-start master is probed and playable while it uploads, as bench:ingest shows, and only
its analysis and chunks remain). A standard-4 instance (4 vCPU) runs a task ${fixed(speedUp(4, profiles[0]!), 2)}× (1080p) /
${fixed(speedUp(4, profiles[1]!), 2)}× (2160p) as fast as one core: four times the two-core efficiency measured here, which
assumes a vCPU is a core and that x264's scaling holds from two cores to four. Not modelled: the
upload itself, R2 and network limits at hundreds of instances (each reads its chunk's share of the
master, about the master's bit rate × the task's speed), and container cold starts (instances are
taken as warm). Account limit: 1,500 concurrent vCPU, so 256 standard-4 instances fit (1,024).`);
