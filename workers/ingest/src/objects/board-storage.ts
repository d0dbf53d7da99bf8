/**
 * The TaskBoard's own SQLite storage: one row of job state and one row per
 * task. Every state change is one synchronous statement (or a synchronous
 * transaction), so no two RPCs interleaving at an await can both win a
 * claim or both finish a task.
 */
import type { TaskKind, TaskResult, TaskSpec } from "../../../../lib/ingest/task-protocol.ts";

export const TASK_STATES = [
  "blocked",
  "queued",
  "dispatching",
  "running",
  "done",
  "failed",
] as const;
/**
 * blocked: waiting for source bytes; queued: sent to the queue, waiting for
 * a transcoder; dispatching: claimed, being offered to transcoders;
 * running: a transcoder holds it (heartbeating); done; failed (for good).
 */
export type TaskState = (typeof TASK_STATES)[number];

export interface TaskRow {
  id: string;
  kind: TaskKind;
  spec: TaskSpec;
  /** Lower runs first. */
  priority: number;
  /** How much of the master must be readable before it can start; null: all of it. */
  needsBytes: number | null;
  /** Its share of the job's work, for the progress figure. */
  weight: number;
  /**
   * Work ahead of the analysis (a later chunk's lowest rung, planned while
   * the master uploads): started only while the upload has long to go
   * (task-schedule.ts `mayRelease`).
   */
  ahead: boolean;
  state: TaskState;
  /** Goes up at every claim (each claim signs a token for it). */
  attempt: number;
  /** How many times a transcoder took it. */
  starts: number;
  failures: number;
  leaseExpiresAt: number | null;
  enqueuedAt: number | null;
  /** Since when it has been waiting for a transcoder, if it is. */
  waitingSince: number | null;
  instance: string | null;
  progress: number;
  startedAt: number | null;
  finishedAt: number | null;
  error: string | null;
  result: TaskResult | null;
  /** The audio pass's segments so far (from heartbeats), before its result. */
  partial: TaskResult | null;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS tasks (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    spec TEXT NOT NULL,
    priority INTEGER NOT NULL,
    needs_bytes INTEGER,
    weight REAL NOT NULL,
    ahead INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL,
    attempt INTEGER NOT NULL DEFAULT 0,
    starts INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    lease_expires_at INTEGER,
    enqueued_at INTEGER,
    waiting_since INTEGER,
    instance TEXT,
    progress REAL NOT NULL DEFAULT 0,
    started_at INTEGER,
    finished_at INTEGER,
    error TEXT,
    result TEXT,
    partial TEXT
  );
  CREATE INDEX IF NOT EXISTS tasks_state ON tasks (state, priority);
`;

interface TaskRecord extends Record<string, SqlStorageValue> {
  id: string;
  kind: string;
  spec: string;
  priority: number;
  needs_bytes: number | null;
  weight: number;
  ahead: number;
  state: string;
  attempt: number;
  starts: number;
  failures: number;
  lease_expires_at: number | null;
  enqueued_at: number | null;
  waiting_since: number | null;
  instance: string | null;
  progress: number;
  started_at: number | null;
  finished_at: number | null;
  error: string | null;
  result: string | null;
  partial: string | null;
}

const parse = <T>(text: string | null): T | null =>
  text === null ? null : (JSON.parse(text) as T);

function toRow(record: TaskRecord): TaskRow {
  return {
    id: record.id,
    kind: record.kind as TaskKind,
    spec: JSON.parse(record.spec) as TaskSpec,
    priority: record.priority,
    needsBytes: record.needs_bytes,
    weight: record.weight,
    ahead: record.ahead === 1,
    state: record.state as TaskState,
    attempt: record.attempt,
    starts: record.starts,
    failures: record.failures,
    leaseExpiresAt: record.lease_expires_at,
    enqueuedAt: record.enqueued_at,
    waitingSince: record.waiting_since,
    instance: record.instance,
    progress: record.progress,
    startedAt: record.started_at,
    finishedAt: record.finished_at,
    error: record.error,
    result: parse<TaskResult>(record.result),
    partial: parse<TaskResult>(record.partial),
  };
}

export class BoardStorage {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
    sql.exec(SCHEMA);
  }

  readMeta<T>(): T | null {
    const row = this.#sql.exec<{ state: string }>("SELECT state FROM meta").toArray()[0];
    return row ? (JSON.parse(row.state) as T) : null;
  }

  writeMeta(meta: unknown): void {
    this.#sql.exec(
      "INSERT INTO meta (id, state) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state",
      JSON.stringify(meta),
    );
  }

  /** Forgets every task (a new run starts from nothing). */
  clearTasks(): void {
    this.#sql.exec("DELETE FROM tasks");
  }

  /** Adds tasks that are not there yet (a re-run workflow step adds the same ids again). */
  insertTasks(
    tasks: readonly Pick<
      TaskRow,
      "id" | "kind" | "spec" | "priority" | "needsBytes" | "weight" | "ahead"
    >[],
  ): void {
    for (const task of tasks) {
      this.#sql.exec(
        `INSERT INTO tasks (id, kind, spec, priority, needs_bytes, weight, ahead, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'blocked') ON CONFLICT (id) DO NOTHING`,
        task.id,
        task.kind,
        JSON.stringify(task.spec),
        task.priority,
        task.needsBytes,
        task.weight,
        task.ahead ? 1 : 0,
      );
    }
  }

  /** Removes a task if it is still in one of `states`; whether it did. */
  remove(id: string, states: readonly TaskState[]): boolean {
    const cursor = this.#sql.exec(
      `DELETE FROM tasks WHERE id = ? AND state IN (${states.map(() => "?").join(", ")})`,
      id,
      ...states,
    );
    return cursor.rowsWritten > 0;
  }

  task(id: string): TaskRow | null {
    const record = this.#sql.exec<TaskRecord>("SELECT * FROM tasks WHERE id = ?", id).toArray()[0];
    return record ? toRow(record) : null;
  }

  tasks(): TaskRow[] {
    return this.#sql
      .exec<TaskRecord>("SELECT * FROM tasks ORDER BY priority, id")
      .toArray()
      .map(toRow);
  }

  inState(...states: TaskState[]): TaskRow[] {
    return this.#sql
      .exec<TaskRecord>(
        `SELECT * FROM tasks WHERE state IN (${states.map(() => "?").join(", ")}) ORDER BY priority, id`,
        ...states,
      )
      .toArray()
      .map(toRow);
  }

  /**
   * Moves a task from one of `from` to `to` with the given changes, only if
   * it is still in one of `from` (and, when given, still at `attempt`).
   * Returns the task as it is afterwards, or null when nothing changed.
   */
  transition(
    id: string,
    guard: { from: readonly TaskState[]; attempt?: number },
    to: TaskState,
    changes: Partial<Omit<TaskRow, "id" | "kind" | "spec" | "state">> = {},
  ): TaskRow | null {
    const columns: Record<string, SqlStorageValue> = { state: to };
    for (const [key, value] of Object.entries(changes)) {
      const column = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      columns[column] =
        key === "result" || key === "partial"
          ? value === null
            ? null
            : JSON.stringify(value)
          : (value as SqlStorageValue);
    }
    const assignments = Object.keys(columns).map((column) => `${column} = ?`);
    const conditions = [`id = ?`, `state IN (${guard.from.map(() => "?").join(", ")})`];
    const values: SqlStorageValue[] = [...Object.values(columns), id, ...guard.from];
    if (guard.attempt !== undefined) {
      conditions.push("attempt = ?");
      values.push(guard.attempt);
    }
    const cursor = this.#sql.exec(
      `UPDATE tasks SET ${assignments.join(", ")} WHERE ${conditions.join(" AND ")}`,
      ...values,
    );
    return cursor.rowsWritten > 0 ? this.task(id) : null;
  }

  /** Updates a running task's lease and progress (a heartbeat); false when it is not that attempt any more. */
  heartbeat(
    id: string,
    attempt: number,
    leaseExpiresAt: number,
    progress: number,
    partial: TaskResult | null,
  ): boolean {
    const cursor = this.#sql.exec(
      `UPDATE tasks SET lease_expires_at = ?, progress = ?, partial = coalesce(?, partial)
       WHERE id = ? AND attempt = ? AND state = 'running'`,
      leaseExpiresAt,
      progress,
      partial === null ? null : JSON.stringify(partial),
      id,
      attempt,
    );
    return cursor.rowsWritten > 0;
  }
}
