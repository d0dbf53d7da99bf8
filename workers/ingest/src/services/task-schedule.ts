/**
 * The TaskBoard's rules and vocabulary, pure: what a job on the board
 * looks like, when the source lets a task start, what the Workflow is told,
 * how far the job is, and the grid the jobs page draws.
 */
import type { Complexity } from "../../../../lib/media/complexity-model.ts";
import type { AudioRung, TaskResultOf, VideoRung } from "../../../../lib/ingest/task-protocol.ts";
import type { Presentation, SubtitleTrack } from "../../../../lib/media/presentation.ts";
import type { SpriteLayout } from "../../../../lib/media/trickplay.ts";
import type { TaskRow, TaskState } from "../objects/board-storage.ts";

/** How much of the master can be read, as its upload session last said. */
export interface SourceProgress {
  uploadId: string;
  byteLength: number;
  partBytes: number;
  readableBytes: number;
  complete: boolean;
  /** An MP4 with its index first: readable (and so encodable) before the upload ends. */
  indexAtFront: boolean;
  /** When the upload was opened (ms). */
  startedAt: number;
  /** When bytes last arrived (ms); a reader waiting for more gives up once this is stale. */
  lastProgressAt: number;
}

/** One run of a job, as its Workflow starts it on the board. */
export interface BoardJob {
  jobId: string;
  run: number;
  assetId: string;
  uploadId: string;
  byteLength: number;
  /** How much of a master whose index leads must be readable before probing it. */
  probeBytes: number;
  subtitles: { index: number; language: string; label: string }[];
}

/** What the Workflow planned: the title's shape, for growing playlists, the grid and the assembly. */
export interface PlanContext {
  durationSeconds: number;
  /** The output frame rate, as presentations state it. */
  frameRate: number;
  chunks: number;
  segmentsPerChunk: number;
  lowest: VideoRung;
  /** The rungs above the lowest; empty until the whole film has been analysed. */
  upper: VideoRung[];
  audio: AudioRung[];
  subtitles: SubtitleTrack[];
  poster: string | null;
  sprite: SpriteLayout | null;
}

/** A task the Workflow adds. `needsBytes`: how much of the master it reads (null: all of it). */
export type NewTask = Pick<
  TaskRow,
  "id" | "kind" | "spec" | "priority" | "needsBytes" | "weight" | "ahead"
>;

export type Milestone =
  | { kind: "probed"; result: TaskResultOf<"probe"> }
  | { kind: "analysed"; complexity: Complexity }
  | { kind: "playable"; presentation: Presentation }
  | { kind: "encoded" }
  | { kind: "failed"; error: { code: string; message: string } };
export type MilestoneKind = Milestone["kind"];

export interface BoardMeta {
  job: BoardJob | null;
  status: "active" | "cancelled" | "failed" | "done";
  source: SourceProgress | null;
  /** From the probe: what chunk tasks need to read the master. */
  probe: { startSeconds: number; videoIndex: number } | null;
  plan: PlanContext | null;
  /** No more tasks will be added: the job is encoded when these are done. */
  planComplete: boolean;
  /** The whole job's work, including rungs not planned yet, so progress never jumps back. */
  expectedWeight: number;
  /** Segments per track in the growing playlists as last published. */
  published: Record<string, number>;
  /** Milestones not yet delivered to the Workflow, oldest first. */
  milestones: Milestone[];
  announced: MilestoneKind[];
  /** When to sweep up outputs written by requests in flight as the job ended. */
  sweepAt: number | null;
}

/** Whether the master is readable far enough for a task that reads `needsBytes` of it. */
function sourceAllows(source: SourceProgress | null, needsBytes: number | null): boolean {
  if (!source) return false;
  if (source.complete) return true;
  return source.indexAtFront && needsBytes !== null && source.readableBytes >= needsBytes;
}

/**
 * How many more seconds the upload will take at the pace it has kept so
 * far; 0 once it is complete, Infinity before anything is readable.
 *
 * @example
 * uploadSecondsLeft({ ...progress, startedAt: 0, lastProgressAt: 10_000, readableBytes: 1e6, byteLength: 4e6 }); // 30
 */
export function uploadSecondsLeft(source: SourceProgress): number {
  if (source.complete) return 0;
  if (source.readableBytes <= 0) return Infinity;
  const elapsedSeconds = (source.lastProgressAt - source.startedAt) / 1000;
  return ((source.byteLength - source.readableBytes) * elapsedSeconds) / source.readableBytes;
}

/**
 * Whether a task may go to a transcoder now: the master is readable far
 * enough, and for work done ahead of the analysis (a later chunk's lowest
 * rung, task-schedule's `ahead`), the upload still has more than
 * `aheadSeconds` to go. Such a chunk is decoded twice — now for its lowest
 * rung, and again for the rungs above once the whole film is analysed — so
 * it pays only when the alternative is a title that stops growing (and
 * transcoders that sit idle) for a long upload; a chunk that would wait
 * less is left to become one task for every rung, one decode.
 */
export function mayRelease(
  meta: Pick<BoardMeta, "source" | "planComplete">,
  task: Pick<TaskRow, "needsBytes" | "ahead">,
  aheadSeconds: number,
): boolean {
  if (!sourceAllows(meta.source, task.needsBytes)) return false;
  return !task.ahead || meta.planComplete || uploadSecondsLeft(meta.source!) > aheadSeconds;
}

/**
 * The job's progress, 0–100: finished work plus the running tasks' own
 * progress, over everything expected.
 */
export function jobProgress(meta: BoardMeta, tasks: readonly TaskRow[]): number {
  const planned = tasks.reduce((sum, task) => sum + task.weight, 0);
  const total = Math.max(planned, meta.expectedWeight);
  if (total <= 0) return 0;
  const done = tasks.reduce(
    (sum, task) =>
      sum +
      task.weight * (task.state === "done" ? 1 : task.state === "running" ? task.progress : 0),
    0,
  );
  return Math.min(100, Math.round((1000 * done) / total) / 10);
}

/** A cell of the jobs page's grid. */
export type CellState = "waiting" | "queued" | "running" | "done" | "failed";

export interface TaskView {
  state: CellState;
  /** How many times a transcoder took it. */
  attempt: number;
  instance: string | null;
  error: string | null;
}

export interface BoardGrid {
  run: number | null;
  /** Transcoders working on the job right now. */
  instances: number;
  /** Tasks ready to run that no transcoder has taken yet. */
  waitingForTranscoder: number;
  probe: TaskView | null;
  analyse: TaskView | null;
  audio: TaskView | null;
  markers: TaskView | null;
  chunks: {
    count: number;
    segmentsPerChunk: number;
    /** One row per rung, lowest first; a chunk's cell per rung. */
    rows: { rung: string; cells: CellState[] }[];
  } | null;
}

const CELL: Record<TaskState, CellState> = {
  blocked: "waiting",
  queued: "queued",
  dispatching: "queued",
  running: "running",
  done: "done",
  failed: "failed",
};

function view(task: TaskRow | undefined): TaskView | null {
  if (!task) return null;
  return {
    state: CELL[task.state],
    attempt: task.starts,
    instance: task.instance,
    error: task.error,
  };
}

/** The board as the jobs page shows it. */
export function boardGrid(meta: BoardMeta, tasks: readonly TaskRow[]): BoardGrid {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const plan = meta.plan;
  const running = tasks.filter((task) => task.state === "running" && task.instance);
  let chunks: BoardGrid["chunks"] = null;
  if (plan) {
    const cells = (part: "lowest" | "upper") =>
      Array.from({ length: plan.chunks }, (_, chunk): CellState => {
        const task = chunkTasks(byId, chunk)[part];
        return task ? CELL[task.state] : "waiting";
      });
    const upper = cells("upper");
    chunks = {
      count: plan.chunks,
      segmentsPerChunk: plan.segmentsPerChunk,
      rows: [
        { rung: plan.lowest.id, cells: cells("lowest") },
        ...plan.upper.map((rung) => ({ rung: rung.id, cells: upper })),
      ],
    };
  }
  return {
    run: meta.job?.run ?? null,
    instances: new Set(running.map((task) => task.instance)).size,
    waitingForTranscoder: tasks.filter(
      (task) => task.state === "queued" && task.waitingSince !== null,
    ).length,
    probe: view(byId.get("probe")),
    analyse: view(byId.get("analyse")),
    audio: view(byId.get("audio")),
    markers: view(byId.get("markers")),
    chunks,
  };
}

/** Which rungs of a chunk a video task encodes: the lowest, the ones above it, or all of them. */
export type VideoGroup = "low" | "up" | "all";

export const videoTaskId = (chunk: number, group: VideoGroup) => `video-${chunk}-${group}`;

/** The chunk's task that makes its lowest rung, and the one that makes the rungs above it. */
export function chunkTasks<T extends { id: string }>(byId: ReadonlyMap<string, T>, chunk: number) {
  const all = byId.get(videoTaskId(chunk, "all"));
  return {
    lowest: all ?? byId.get(videoTaskId(chunk, "low")),
    upper: all ?? byId.get(videoTaskId(chunk, "up")),
  };
}
