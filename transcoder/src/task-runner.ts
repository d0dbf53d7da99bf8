/**
 * One attempt of one task, start to finish: a folder of its own,
 * heartbeats while it runs, its outputs uploaded as they are finished, and
 * at the end `complete` with the result (once every output is stored) or
 * `fail` (retryable unless the file itself is bad), whose answer may hand
 * over the job's next task for this transcoder. A 409 from any call means
 * the attempt is over: every ffmpeg is killed at once, uploads stop, and
 * neither `complete` nor `fail` is sent. Never throws: the server runs it
 * in the background and only needs to know when the slot is free (or what
 * to run next).
 *
 * Environment: TRANSCODER_HEARTBEAT_MS (3000), TRANSCODER_WORK_DIR (else
 * the OS temp dir).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  TaskResultSchema,
  type TaskAssignment,
  type TaskFailure,
  type TaskResult,
} from "../../lib/ingest/task-protocol.ts";
import { InputError } from "./errors.ts";
import { Heartbeats } from "./heartbeats.ts";
import { AttemptOver, IngestClient } from "./ingest-client.ts";
import { log } from "./log.ts";
import { OutputUploads } from "./outputs/output-uploads.ts";
import { analyseTask } from "./tasks/analyse-task.ts";
import { audioTask } from "./tasks/audio-task.ts";
import { markersTask } from "./tasks/markers-task.ts";
import { probeTask } from "./tasks/probe-task.ts";
import type { TaskContext } from "./tasks/task-context.ts";
import { videoTask } from "./tasks/video-task.ts";

/** completed: `complete` was accepted; failed: `fail` was; stopped: the attempt ended otherwise. */
export type TaskOutcome = "completed" | "failed" | "stopped";

export interface TaskEnd {
  outcome: TaskOutcome;
  /** The job's next task, handed over in the answer to `complete` or `fail`: run it at once. */
  next: TaskAssignment | null;
}

const DEFAULT_HEARTBEAT_MS = 3000;
const MAX_MESSAGE_LENGTH = 2000;

/**
 * @example
 * const { outcome, next } = await runTask(TaskAssignmentSchema.parse(body)); // "completed", null
 */
export async function runTask(assignment: TaskAssignment): Promise<TaskEnd> {
  const { taskId, ingestUrl, token } = assignment;
  // The attempt ends on a 409; the work also stops on the task's first failure.
  const attempt = new AbortController();
  const work = new AbortController();
  attempt.signal.addEventListener("abort", () => work.abort(attempt.signal.reason), { once: true });
  const ingest = new IngestClient(ingestUrl, token, attempt.signal);
  const heartbeats = new Heartbeats(
    (heartbeat) => ingest.heartbeat(taskId, heartbeat),
    Number(process.env.TRANSCODER_HEARTBEAT_MS) || DEFAULT_HEARTBEAT_MS,
    (over) => attempt.abort(over),
  );
  const workDir = await mkdtemp(join(process.env.TRANSCODER_WORK_DIR || tmpdir(), "task-"));
  // A 409 from any call (an upload, a download) ends the attempt, not just the work.
  const stop = (reason: unknown) =>
    reason instanceof AttemptOver ? attempt.abort(reason) : work.abort(reason);
  const uploadClient = new IngestClient(ingestUrl, token, work.signal);
  const context: TaskContext = {
    assignment,
    source: ingest.source,
    ingest: uploadClient,
    uploads: new OutputUploads(uploadClient, stop),
    workDir,
    signal: work.signal,
    stop,
    report: heartbeats,
  };
  const started = Date.now();
  log("info", "task started", {
    jobId: assignment.jobId,
    taskId,
    kind: assignment.spec.kind,
    attempt: assignment.attempt,
  });
  heartbeats.start();
  try {
    const settled = await settle(context);
    await heartbeats.stop();
    if (attempt.signal.aborted) return { outcome: "stopped", next: null };
    if (settled.ok) {
      return { outcome: "completed", next: await ingest.complete(taskId, settled.result) };
    }
    return { outcome: "failed", next: await ingest.fail(taskId, settled.failure) };
  } catch (error) {
    // complete or fail could not be delivered (or a 409 answered them): the lease will run out.
    if (!(error instanceof AttemptOver))
      log("error", "task report failed", { taskId, error: String(error) });
    return { outcome: "stopped", next: null };
  } finally {
    work.abort(new Error("The task is over."));
    await heartbeats.stop();
    await rm(workDir, { recursive: true, force: true });
    log("info", "task ended", { jobId: assignment.jobId, taskId, ms: Date.now() - started });
  }
}

type Settled = { ok: true; result: TaskResult } | { ok: false; failure: TaskFailure };

/** Runs the task's own work and turns its outcome into what the ingest Worker is told. */
async function settle(context: TaskContext): Promise<Settled> {
  try {
    const result = TaskResultSchema.parse(await runSpec(context));
    return { ok: true, result };
  } catch (error) {
    // When the work was stopped, the first cause is the reason, not the abort it caused.
    const cause: unknown = context.signal.aborted ? context.signal.reason : error;
    // The attempt is over: nothing more is said (runTask's catch).
    if (cause instanceof AttemptOver) throw cause;
    const input = cause instanceof InputError;
    if (!input)
      log("error", "task failed", { taskId: context.assignment.taskId, error: String(cause) });
    const message = (cause instanceof Error ? cause.message : String(cause)) || "Unknown failure";
    return {
      ok: false,
      failure: {
        error: {
          code: input ? cause.code : "transcode_failed",
          message: message.slice(0, MAX_MESSAGE_LENGTH),
        },
        retryable: !input,
      },
    };
  }
}

function runSpec(context: TaskContext): Promise<TaskResult> {
  const { spec } = context.assignment;
  switch (spec.kind) {
    case "probe":
      return probeTask(context, spec);
    case "analyse":
      return analyseTask(context, spec);
    case "audio":
      return audioTask(context, spec);
    case "video":
      return videoTask(context, spec);
    case "markers":
      return markersTask(context, spec);
  }
}
