/**
 * One job's live task board, named by the job id: which tasks exist, which
 * may start (enough of the master is readable), who holds each one and until
 * when, and what each produced. The job's Workflow decides WHAT to do
 * (probe, plan the ladder, add tasks, publish); the board decides WHEN and
 * WHERE tasks run, and tells the Workflow about milestones (probed,
 * analysed, playable, encoded, failed) with events.
 *
 *   blocked ──source readable──▶ queued ──claim──▶ dispatching ──202──▶ running ──complete──▶ done
 *                                  ▲  └─no transcoder free: waits, re-sent─┘      │
 *                                  └──────── lease lost / retryable failure ──────┘ (attempts left)
 *
 * - A task's attempt number goes up each time it is claimed; the task token
 *   names it, so a transcoder left over from an earlier attempt is refused
 *   (409) on its next call and stops.
 * - A running task keeps its lease with heartbeats; the alarm takes back a
 *   task whose transcoder went silent and queues it again ("redone
 *   elsewhere"), up to TASK_MAX_ATTEMPTS failures, after which the job fails.
 * - Tasks waiting for a transcoder stay queued, visibly, up to
 *   TRANSCODER_WAIT_DEADLINE_SECONDS; the alarm re-sends a queued task whose
 *   message went missing.
 * - As the lowest rung's chunks and the audio pass land, the board rewrites
 *   the title's growing playlists (services/presentation-growth.ts), so the
 *   title plays from its start while the rest is still being encoded.
 */
import { DurableObject } from "cloudflare:workers";
import type {
  Heartbeat,
  MarkersAnalysis,
  TaskFailure,
  TaskResult,
  TaskSpec,
  TrackOutput,
} from "../../../../lib/ingest/task-protocol.ts";
import type { TaskGrant } from "../../../../lib/ingest/task-token.ts";
import type { IngestBindings } from "../bindings.ts";
import { config } from "../config.ts";
import {
  boardGrid,
  jobProgress,
  mayRelease,
  type BoardGrid,
  type BoardMeta,
  type BoardJob,
  type Milestone,
  type NewTask,
  type PlanContext,
  type SourceProgress,
} from "../services/task-schedule.ts";
import {
  publishGrowth,
  type CollectedTracks,
  collectTracks,
} from "../services/presentation-growth.ts";
import type { UpperPlan } from "../services/job-plan.ts";
import { removeAssetOutputs } from "../storage/media-outputs.ts";
import { recordJobProgress } from "../storage/jobs.ts";
import { database } from "../../../../lib/db/database.ts";
import { workflowInstanceId } from "../workflow/start.ts";
import { BoardStorage, type TaskRow } from "./board-storage.ts";

/** A claim must turn into a running task (a transcoder said yes) within this long. */
const DISPATCH_LEASE_MS = 60_000;
/** A queued task whose message has not been claimed for this long is sent again. */
const REDISPATCH_MS = 60_000;
/** After a job ends, outputs written by a request already in flight are swept up this much later. */
const SWEEP_DELAY_MS = 30_000;
const MILESTONE_RETRY_MS = 5_000;

export type Authorization = "ok" | "cancelled" | "superseded";

/** How a task's final report was taken, and which transcoder sent it (now free for another task). */
export interface Report {
  accepted: boolean;
  instance: string | null;
}
const REFUSED: Report = { accepted: false, instance: null };

/** What a consumer needs to hand a claimed task to a transcoder. */
export interface Claim {
  taskId: string;
  attempt: number;
  spec: TaskSpec;
  assetId: string;
  source: { byteLength: number; startSeconds: number | null; videoIndex: number | null };
}

const emptyMeta = (source: SourceProgress | null): BoardMeta => ({
  job: null,
  status: "active",
  source,
  probe: null,
  plan: null,
  planComplete: false,
  expectedWeight: 0,
  published: {},
  milestones: [],
  announced: [],
  sweepAt: null,
});

export class TaskBoard extends DurableObject<IngestBindings> {
  readonly #store: BoardStorage;
  #meta: BoardMeta;
  /** Growth publications run one at a time, in order, so an older playlist never overwrites a newer one. */
  #growing: Promise<void> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: IngestBindings) {
    super(ctx, env);
    this.#store = new BoardStorage(ctx.storage.sql);
    this.#meta = this.#store.readMeta<BoardMeta>() ?? emptyMeta(null);
  }

  // ---- The upload session ----------------------------------------------

  /** More of the master is readable (or all of it): release the tasks waiting for it. */
  async sourceGrew(progress: SourceProgress): Promise<void> {
    const known = this.#meta.source;
    const news =
      !known ||
      progress.readableBytes > known.readableBytes ||
      (progress.complete && !known.complete) ||
      progress.lastProgressAt > known.lastProgressAt;
    if (!news) return;
    this.#saveMeta({ ...this.#meta, source: progress });
    await this.#release();
  }

  /** The upload was abandoned before it finished: the job cannot go on. */
  async abandon(message: string): Promise<void> {
    await this.#fail({ code: "upload_abandoned", message });
  }

  // ---- The job's Workflow ---------------------------------------------

  /**
   * Starts (or restarts, for a new run) the board with the probe task. A job
   * that failed before its first run opened (its upload abandoned at once)
   * stays failed: the run only learns it, so the Workflow fails the job.
   */
  async start(job: BoardJob): Promise<void> {
    if (this.#meta.job?.run === job.run) return;
    if (!this.#meta.job && this.#meta.status !== "active") {
      this.#saveMeta({ ...this.#meta, job });
      await this.#flushMilestones();
      return;
    }
    this.#store.clearTasks();
    this.#saveMeta({ ...emptyMeta(this.#meta.source), job });
    this.#store.insertTasks([
      {
        id: "probe",
        kind: "probe",
        spec: { kind: "probe", availableBytes: 1, subtitles: job.subtitles },
        priority: 0,
        needsBytes: Math.min(job.byteLength, job.probeBytes),
        weight: 1,
        ahead: false,
      },
    ]);
    await this.#release();
  }

  /**
   * Adds planned tasks (the Workflow's plan steps). `plan` describes the
   * title for the growing playlists and the grid; `complete` says no more
   * tasks will come, so the job is encoded once these are done.
   */
  async addTasks(
    run: number,
    tasks: NewTask[],
    options: { plan: PlanContext; complete: boolean; expectedWeight: number },
  ): Promise<void> {
    if (!this.#current(run)) return;
    this.#store.insertTasks(tasks);
    this.#saveMeta({
      ...this.#meta,
      plan: options.plan,
      planComplete: options.complete,
      expectedWeight: options.expectedWeight,
    });
    await this.#release();
    await this.#checkEncoded();
  }

  /**
   * The rungs above the lowest, planned once the whole film was analysed:
   * a chunk whose lowest-rung task has not started yet gets one task for
   * every rung instead (one decode), the others a task for the rungs above.
   */
  async extendPlan(run: number, upper: UpperPlan): Promise<void> {
    if (!this.#current(run)) return;
    this.ctx.storage.transactionSync(() => {
      for (const chunk of upper.chunks) {
        const replaced = this.#store.remove(chunk.low, ["blocked", "queued"]);
        this.#store.insertTasks([replaced ? chunk.all : chunk.up]);
      }
    });
    this.#saveMeta({
      ...this.#meta,
      plan: upper.context,
      planComplete: true,
      expectedWeight: upper.expectedWeight,
    });
    await this.#release();
    await this.#checkEncoded();
  }

  /** What the job's master is and how much of it may be read now. */
  sourceFacts(): SourceProgress | null {
    return this.#meta.source;
  }

  /** The run's plan (the title's shape), once the ladder is planned. */
  plan(run: number): PlanContext | null {
    return this.#meta.job?.run === run ? this.#meta.plan : null;
  }

  /** Every finished track, for the final assembly. */
  tracks(run: number): CollectedTracks | null {
    if (!this.#current(run) || !this.#meta.plan) return null;
    return collectTracks(this.#store.tasks(), this.#meta.plan, false);
  }

  /** What the markers task found, once it is done (kept with the asset when the job is). */
  markersAnalysis(run: number): MarkersAnalysis | null {
    if (this.#meta.job?.run !== run) return null;
    const result = this.#store.task("markers")?.result;
    return result?.kind === "markers" ? result.analysis : null;
  }

  /** The job finished (published ready) or failed: no more work, late writes swept up. */
  async close(run: number, status: "done" | "failed"): Promise<void> {
    if (!this.#current(run)) return;
    this.#saveMeta({
      ...this.#meta,
      status,
      sweepAt: status === "failed" ? Date.now() + SWEEP_DELAY_MS : null,
    });
    await this.#arm();
  }

  // ---- The queue consumer ----------------------------------------------

  /**
   * Takes the most urgent queued task for one attempt (the lowest rung's
   * chunks in film order first); null when none is waiting (the ticket was
   * a duplicate, or another transcoder took the task already).
   */
  async claim(run: number): Promise<Claim | null> {
    const job = this.#current(run);
    if (!job) return null;
    for (const task of this.#store.inState("queued")) {
      const claimed = this.#store.transition(
        task.id,
        { from: ["queued"], attempt: task.attempt },
        "dispatching",
        { attempt: task.attempt + 1, leaseExpiresAt: Date.now() + DISPATCH_LEASE_MS },
      );
      if (!claimed) continue;
      await this.#arm();
      const spec: TaskSpec =
        claimed.spec.kind === "probe"
          ? { ...claimed.spec, availableBytes: Math.max(1, this.#meta.source?.readableBytes ?? 1) }
          : claimed.spec;
      return {
        taskId: claimed.id,
        attempt: claimed.attempt,
        spec,
        assetId: job.assetId,
        source: {
          byteLength: job.byteLength,
          startSeconds: this.#meta.probe?.startSeconds ?? null,
          videoIndex: this.#meta.probe?.videoIndex ?? null,
        },
      };
    }
    return null;
  }

  /** A transcoder took the claimed attempt. */
  async dispatched(run: number, taskId: string, attempt: number, instance: string): Promise<void> {
    if (!this.#current(run)) return;
    const now = Date.now();
    const claimed = this.#store.task(taskId);
    const task = this.#store.transition(taskId, { from: ["dispatching"], attempt }, "running", {
      instance,
      starts: (claimed?.starts ?? 0) + 1,
      leaseExpiresAt: now + this.#limits().leaseMs,
      waitingSince: null,
      startedAt: claimed?.startedAt ?? now,
    });
    if (task?.kind === "probe") await this.#recordProgress("probing");
    await this.#arm();
  }

  /**
   * No transcoder was free: the task waits (visibly), and the consumer sends
   * it again later. Returns how long it has been waiting (ms).
   */
  async undispatched(run: number, taskId: string, attempt: number): Promise<number> {
    if (!this.#current(run)) return 0;
    const now = Date.now();
    const waitingSince = this.#store.task(taskId)?.waitingSince ?? now;
    this.#store.transition(taskId, { from: ["dispatching"], attempt }, "queued", {
      waitingSince,
      enqueuedAt: now,
      leaseExpiresAt: null,
    });
    await this.#arm();
    return now - waitingSince;
  }

  // ---- The transcoders (through the ingest Worker's routes) ------------

  /** Whether this attempt may still read and write for the job. */
  authorize(grant: TaskGrant): Authorization {
    if (this.#meta.status === "cancelled") return "cancelled";
    const task = this.#store.task(grant.taskId);
    const current =
      this.#meta.status === "active" &&
      this.#meta.job?.run === grant.run &&
      task?.attempt === grant.attempt &&
      (task.state === "dispatching" || task.state === "running");
    return current ? "ok" : "superseded";
  }

  /** Keeps the attempt's lease; false when the attempt is over. */
  async heartbeat(grant: TaskGrant, beat: Heartbeat): Promise<boolean> {
    if (this.authorize(grant) !== "ok") return false;
    // The first heartbeat may beat the consumer's word that the transcoder took the task.
    this.#store.transition(
      grant.taskId,
      { from: ["dispatching"], attempt: grant.attempt },
      "running",
      {
        startedAt: Date.now(),
      },
    );
    const partial = beat.tracks
      ? mergeTracks(this.#store.task(grant.taskId)?.partial, beat.tracks)
      : null;
    const kept = this.#store.heartbeat(
      grant.taskId,
      grant.attempt,
      Date.now() + this.#limits().leaseMs,
      beat.progress,
      partial,
    );
    if (kept && partial) await this.#grow();
    return kept;
  }

  /**
   * The attempt finished: whether its work was taken (not when the attempt
   * was no longer current), and which transcoder did it (to hand it the
   * job's next task).
   */
  async complete(grant: TaskGrant, result: TaskResult): Promise<Report> {
    if (this.authorize(grant) !== "ok") return REFUSED;
    const task = this.#store.task(grant.taskId);
    if (!task || task.kind !== result.kind) return REFUSED;
    const done = this.#store.transition(
      grant.taskId,
      { from: ["dispatching", "running"], attempt: grant.attempt },
      "done",
      {
        result,
        progress: 1,
        finishedAt: Date.now(),
        leaseExpiresAt: null,
      },
    );
    if (!done) return REFUSED;
    if (result.kind === "probe") {
      this.#saveMeta({
        ...this.#meta,
        probe: { startSeconds: result.source.startSeconds, videoIndex: result.source.video.index },
      });
      await this.#milestone({ kind: "probed", result });
    } else if (result.kind === "analyse") {
      await this.#milestone({ kind: "analysed", complexity: result.complexity });
    } else if (result.kind !== "markers") {
      await this.#grow();
    }
    await this.#recordProgress(null);
    await this.#checkEncoded();
    await this.#arm();
    return { accepted: true, instance: task.instance };
  }

  /** The attempt failed: bad input fails the job; anything else is retried while attempts remain. */
  async fail(grant: TaskGrant, failure: TaskFailure): Promise<Report> {
    if (this.authorize(grant) !== "ok") return REFUSED;
    const instance = this.#store.task(grant.taskId)?.instance ?? null;
    if (!failure.retryable) {
      await this.#fail(failure.error);
      return { accepted: true, instance };
    }
    await this.#retryOrFail(grant.taskId, grant.attempt, failure.error.message);
    return { accepted: true, instance };
  }

  // ---- The admin jobs API ----------------------------------------------

  grid(): BoardGrid {
    return boardGrid(this.#meta, this.#store.tasks());
  }

  /** Stops every task (their transcoders get 409 on their next call); outputs are swept up. */
  async cancel(): Promise<void> {
    this.#saveMeta({ ...this.#meta, status: "cancelled", sweepAt: Date.now() + SWEEP_DELAY_MS });
    await this.#arm();
  }

  // ---- Internals ---------------------------------------------------------

  #current(run: number): BoardJob | null {
    const job = this.#meta.job;
    return job && job.run === run && this.#meta.status === "active" ? job : null;
  }

  #limits() {
    const settings = config(this.env);
    return {
      leaseMs: settings.TASK_LEASE_SECONDS * 1000,
      maxAttempts: settings.TASK_MAX_ATTEMPTS,
      waitDeadlineMs: settings.TRANSCODER_WAIT_DEADLINE_SECONDS * 1000,
    };
  }

  #saveMeta(meta: BoardMeta): void {
    this.#meta = meta;
    this.#store.writeMeta(meta);
  }

  /** Queues every blocked task the source now allows, in priority order. */
  async #release(): Promise<void> {
    const job = this.#current(this.#meta.job?.run ?? 0);
    if (!job) return;
    const aheadSeconds = config(this.env).ENCODE_AHEAD_SECONDS;
    const ready = this.#store
      .inState("blocked")
      .filter((task) => mayRelease(this.#meta, task, aheadSeconds));
    const now = Date.now();
    const queued = ready.flatMap(
      (task) =>
        this.#store.transition(task.id, { from: ["blocked"] }, "queued", { enqueuedAt: now }) ?? [],
    );
    await this.#send(job, queued);
    await this.#arm();
  }

  async #send(job: BoardJob, tasks: readonly TaskRow[]): Promise<void> {
    for (let i = 0; i < tasks.length; i += 100) {
      await this.env.TRANSCODE_QUEUE.sendBatch(
        tasks.slice(i, i + 100).map(() => ({ body: { jobId: job.jobId, run: job.run } })),
      );
    }
  }

  async #retryOrFail(taskId: string, attempt: number, reason: string): Promise<void> {
    const job = this.#meta.job;
    const task = this.#store.task(taskId);
    if (!job || !task) return;
    const failures = task.failures + 1;
    if (failures >= this.#limits().maxAttempts) {
      await this.#fail({
        code: "task_failed",
        message: `The ${describeTask(task)} failed ${failures} times; the last time: ${reason}`,
      });
      return;
    }
    const requeued = this.#store.transition(
      taskId,
      { from: ["dispatching", "running"], attempt },
      "queued",
      {
        failures,
        error: reason,
        instance: null,
        leaseExpiresAt: null,
        enqueuedAt: Date.now(),
        progress: 0,
      },
    );
    if (requeued) await this.#send(job, [requeued]);
  }

  async #fail(error: { code: string; message: string }): Promise<void> {
    if (this.#meta.status !== "active") return;
    this.#saveMeta({ ...this.#meta, status: "failed", sweepAt: Date.now() + SWEEP_DELAY_MS });
    await this.#milestone({ kind: "failed", error });
    await this.#arm();
  }

  async #checkEncoded(): Promise<void> {
    if (!this.#meta.planComplete || this.#meta.status !== "active") return;
    const tasks = this.#store.tasks();
    if (tasks.length === 0 || tasks.some((task) => task.state !== "done")) return;
    await this.#growing;
    await this.#milestone({ kind: "encoded" });
  }

  /** Rewrites the growing playlists when the playable part got longer (one publication at a time). */
  #grow(): Promise<void> {
    this.#growing = this.#growing
      .then(async () => {
        const job = this.#meta.job;
        const plan = this.#meta.plan;
        if (
          !job ||
          !plan ||
          this.#meta.status !== "active" ||
          this.#meta.announced.includes("encoded")
        )
          return;
        const published = await publishGrowth(
          { media: this.env.MEDIA, assetId: job.assetId },
          plan,
          collectTracks(this.#store.tasks(), plan, true),
          this.#meta.published,
        );
        if (!published) return;
        this.#saveMeta({ ...this.#meta, published: published.counts });
        if (!this.#meta.announced.includes("playable")) {
          await this.#milestone({ kind: "playable", presentation: published.presentation });
        }
      })
      .catch((error: unknown) =>
        console.error("task board: publishing growth failed", String(error)),
      );
    return this.#growing;
  }

  /** Tells the Workflow (once per kind); kept and retried from the alarm when it cannot be told now. */
  async #milestone(milestone: Milestone): Promise<void> {
    if (this.#meta.announced.includes(milestone.kind)) return;
    this.#saveMeta({
      ...this.#meta,
      announced: [...this.#meta.announced, milestone.kind],
      milestones: [...this.#meta.milestones, milestone],
    });
    await this.#flushMilestones();
  }

  async #flushMilestones(): Promise<void> {
    const job = this.#meta.job;
    if (!job) return;
    while (this.#meta.milestones.length > 0) {
      const [next, ...rest] = this.#meta.milestones;
      try {
        const instance = await this.env.INGEST_JOBS.get(workflowInstanceId(job.jobId, job.run));
        await instance.sendEvent({ type: "milestone", payload: { run: job.run, ...next } });
      } catch (error) {
        console.error("task board: could not tell the workflow; retrying", String(error));
        await this.ctx.storage.setAlarm(Date.now() + MILESTONE_RETRY_MS);
        return;
      }
      this.#saveMeta({ ...this.#meta, milestones: rest });
    }
  }

  async #recordProgress(stage: "probing" | null): Promise<void> {
    const job = this.#meta.job;
    if (!job) return;
    const progress = jobProgress(this.#meta, this.#store.tasks());
    await recordJobProgress(database(this.env.DB), job.jobId, job.run, {
      stage: stage ?? (this.#meta.plan ? "encoding" : this.#meta.probe ? "analysing" : "probing"),
      progress,
    }).catch((error: unknown) => console.error("task board: progress not recorded", String(error)));
  }

  /** The next moment something may need doing: a lease running out, a lost message, a deadline, a sweep. */
  async #arm(): Promise<void> {
    const times: number[] = [];
    if (this.#meta.milestones.length > 0) times.push(Date.now() + MILESTONE_RETRY_MS);
    if (this.#meta.sweepAt !== null) times.push(this.#meta.sweepAt);
    if (this.#meta.status === "active") {
      const { waitDeadlineMs } = this.#limits();
      for (const task of this.#store.inState("queued", "dispatching", "running")) {
        if (task.leaseExpiresAt !== null) times.push(task.leaseExpiresAt);
        if (task.state === "queued") {
          times.push((task.enqueuedAt ?? Date.now()) + REDISPATCH_MS);
          if (task.waitingSince !== null) times.push(task.waitingSince + waitDeadlineMs);
        }
      }
    }
    if (times.length === 0) return;
    const next = Math.min(...times);
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > next) await this.ctx.storage.setAlarm(next);
  }

  override async alarm(): Promise<void> {
    await this.#flushMilestones();
    const now = Date.now();
    const job = this.#meta.job;
    if (this.#meta.sweepAt !== null && this.#meta.sweepAt <= now && job) {
      await removeAssetOutputs(this.env.MEDIA, job.assetId);
      this.#saveMeta({ ...this.#meta, sweepAt: null });
    }
    if (this.#meta.status === "active" && job) {
      const { waitDeadlineMs } = this.#limits();
      for (const task of this.#store.inState("dispatching", "running")) {
        if ((task.leaseExpiresAt ?? Infinity) > now) continue;
        const reason =
          task.state === "running"
            ? `its transcoder (${task.instance ?? "unknown"}) stopped answering`
            : "no transcoder took it in time";
        if (task.state === "running") await this.#retryOrFail(task.id, task.attempt, reason);
        else await this.undispatched(job.run, task.id, task.attempt);
      }
      const lost: TaskRow[] = [];
      for (const task of this.#store.inState("queued")) {
        if (task.waitingSince !== null && task.waitingSince + waitDeadlineMs <= now) {
          await this.#fail({
            code: "no_transcoder",
            message: `No transcoder was free to take the job's tasks for ${Math.round(waitDeadlineMs / 1000)} s.`,
          });
          break;
        }
        if ((task.enqueuedAt ?? 0) + REDISPATCH_MS <= now) {
          const resent = this.#store.transition(task.id, { from: ["queued"] }, "queued", {
            enqueuedAt: now,
          });
          if (resent) lost.push(resent);
        }
      }
      if (this.#meta.status === "active") await this.#send(job, lost);
    }
    await this.#arm();
  }
}

/** The audio pass's segments so far: what earlier heartbeats brought, plus a heartbeat's new ones. */
function mergeTracks(known: TaskResult | null | undefined, update: TrackOutput[]): TaskResult {
  const tracks = new Map(
    (known?.kind === "audio" ? known.tracks : []).map((track) => [track.id, track]),
  );
  for (const track of update) {
    const before = tracks.get(track.id)?.segments ?? [];
    const last = before.at(-1)?.number ?? -1;
    tracks.set(track.id, {
      ...track,
      segments: [...before, ...track.segments.filter((segment) => segment.number > last)],
    });
  }
  return { kind: "audio", tracks: [...tracks.values()] };
}

function describeTask(task: TaskRow): string {
  if (task.spec.kind === "video") {
    const rungs = task.spec.rungs.map((rung) => rung.id).join("–");
    return `encoding of chunk ${task.spec.chunk.index} (${rungs})`;
  }
  return `${task.kind} task`;
}
