/**
 * What every task gets from the runner: its assignment, the way to the
 * source and the ingest Worker, an upload queue, a folder of its own, a
 * signal that stops it, and its heartbeats. Tasks are plain async functions
 * of a context and their spec that resolve with their result.
 */
import type { TaskAssignment } from "../../../lib/ingest/task-protocol.ts";
import type { TaskReporter } from "../heartbeats.ts";
import type { IngestClient } from "../ingest-client.ts";
import type { SourceInput } from "../media/source-input.ts";
import type { OutputUploads } from "../outputs/output-uploads.ts";

export interface TaskContext {
  assignment: TaskAssignment;
  /** The master, as ffmpeg and ffprobe read it. */
  source: SourceInput;
  /** For the job's small inputs (subtitle files). */
  ingest: IngestClient;
  uploads: OutputUploads;
  /** The task's own folder, removed when the task is over. */
  workDir: string;
  /** Aborted when the task must stop: every ffmpeg it started is killed. */
  signal: AbortSignal;
  /** Stops the whole task (its other work too) with `reason`. */
  stop(reason: unknown): void;
  report: TaskReporter;
}

/**
 * Runs steps side by side: the first failure stops the task (so the other
 * steps' ffmpeg processes are killed), and the result settles only once
 * every step has, so no step outlives the task and its folder.
 *
 * @example
 * const [complexity, subtitles] = await sideBySide(context, [measure(), convert()]);
 */
export async function sideBySide<T extends readonly unknown[]>(
  context: Pick<TaskContext, "stop">,
  steps: { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const watched = steps.map((step) =>
    step.catch((error: unknown) => {
      context.stop(error);
      throw error;
    }),
  );
  const settled = await Promise.allSettled(watched);
  const failed = settled.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
