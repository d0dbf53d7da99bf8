/**
 * Each task a transcoder ran, read back from its log lines ("task started"
 * and "task ended", JSON with a time): which task, when it started and
 * ended, and how long it took.
 */

export interface TaskTiming {
  taskId: string;
  /** The transcoder process that ran it. */
  pid: number;
  kind: string;
  /** Milliseconds since the epoch. */
  startedAt: number;
  endedAt: number;
  seconds: number;
}

interface LogLine {
  message?: string;
  time?: string;
  taskId?: string;
  kind?: string;
  worker?: string;
  pid?: number;
}

/**
 * The timings of every task that ended, in the order they started, and the
 * tasks that started and have not yet ended. A transcoder logs "task ended"
 * after its report is answered, which can be just after the job is ready:
 * a reader waits until nothing is running, or it loses the last task.
 */
export function taskTimings(log: string): { ended: TaskTiming[]; running: string[] } {
  const started = new Map<string, { at: number; kind: string }>();
  const timings: TaskTiming[] = [];
  for (const text of log.split("\n")) {
    if (!text.startsWith("{")) continue;
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      continue;
    }
    if (line.worker !== "transcoder" || !line.taskId || !line.time) continue;
    const at = Date.parse(line.time);
    if (line.message === "task started") started.set(line.taskId, { at, kind: line.kind ?? "" });
    if (line.message === "task ended") {
      const start = started.get(line.taskId);
      if (!start) continue;
      started.delete(line.taskId);
      timings.push({
        taskId: line.taskId,
        pid: line.pid ?? 0,
        kind: start.kind,
        startedAt: start.at,
        endedAt: at,
        seconds: (at - start.at) / 1000,
      });
    }
  }
  return { ended: timings.sort((a, b) => a.startedAt - b.startedAt), running: [...started.keys()] };
}
