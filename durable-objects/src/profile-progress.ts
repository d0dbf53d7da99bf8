/**
 * Where one profile is in everything it watches (one object per profile,
 * named by its id, SQLite storage): one entry per title, for a series the
 * episode it is on.
 *
 * Reports come from every device the profile plays on, every 10 s, and can
 * arrive out of order. The report with the latest client timestamp wins;
 * on equal timestamps the one that arrived later wins (server order). A
 * client clock is trusted at most CLIENT_CLOCK_AHEAD_MS ahead of ours: a
 * timestamp further in the future counts as that much ahead, so one bad
 * clock cannot freeze a title's progress against every later report. At
 * 95% a title is complete; a series then moves on to its next episode at
 * the start, when the caller names one. Completed entries are forgotten
 * after 90 days.
 */
import { DurableObject } from "cloudflare:workers";
import { isComplete, STARTED_AT } from "../../lib/playback/progress-rules.ts";

export const COMPLETED_KEPT_MS = 90 * 24 * 60 * 60_000;
/** How far ahead of the server a device's clock may be and still be taken at its word. */
export const CLIENT_CLOCK_AHEAD_MS = 60_000;

/** A reading's time as far as ordering goes: the device's, but never far ahead of when we got it. */
const trustedTime = (clientTimestamp: number, receivedAt: number) =>
  Math.min(clientTimestamp, receivedAt + CLIENT_CLOCK_AHEAD_MS);

export interface ProgressReport {
  titleId: string;
  episodeId: string | null;
  positionSeconds: number;
  durationSeconds: number;
  rendition: string | null;
  deviceId: string;
  /** The device's clock when it took the reading (ms since the epoch). */
  clientTimestamp: number;
  /** The series' next episode, for moving on when this one completes. */
  nextEpisodeId: string | null;
}

export interface Progress {
  titleId: string;
  episodeId: string | null;
  positionSeconds: number;
  durationSeconds: number;
  completed: boolean;
  /** The series moved on to this episode when the last one completed: it starts from 0. */
  nextUp: boolean;
  rendition: string | null;
  deviceId: string;
  clientTimestamp: number;
  updatedAt: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS progress (
  title_id TEXT PRIMARY KEY,
  episode_id TEXT,
  position_seconds REAL NOT NULL,
  duration_seconds REAL NOT NULL,
  completed INTEGER NOT NULL,
  next_up INTEGER NOT NULL,
  rendition TEXT,
  device_id TEXT NOT NULL,
  client_timestamp INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS progress_recent ON progress (updated_at)`;

type Row = {
  title_id: string;
  episode_id: string | null;
  position_seconds: number;
  duration_seconds: number;
  completed: number;
  next_up: number;
  rendition: string | null;
  device_id: string;
  client_timestamp: number;
  updated_at: number;
};

const toProgress = (row: Row): Progress => ({
  titleId: row.title_id,
  episodeId: row.episode_id,
  positionSeconds: row.position_seconds,
  durationSeconds: row.duration_seconds,
  completed: row.completed === 1,
  nextUp: row.next_up === 1,
  rendition: row.rendition,
  deviceId: row.device_id,
  clientTimestamp: row.client_timestamp,
  updatedAt: row.updated_at,
});

export class ProfileProgress extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      ctx.storage.sql.exec(SCHEMA);
    });
  }

  private rows(query: string, ...bindings: unknown[]): Progress[] {
    return this.ctx.storage.sql
      .exec<Row>(query, ...bindings)
      .toArray()
      .map(toProgress);
  }

  /**
   * Records a report unless a later one (by client timestamp) is already
   * stored; returns what is stored afterwards, and whether this report won.
   */
  async report(
    report: ProgressReport,
    now = Date.now(),
  ): Promise<{ progress: Progress; accepted: boolean }> {
    const [stored] = this.rows("SELECT * FROM progress WHERE title_id = ?", report.titleId);
    const clientTimestamp = trustedTime(report.clientTimestamp, now);
    // Entries stored before the clamp existed are clamped the same way, against when they arrived.
    if (stored && trustedTime(stored.clientTimestamp, stored.updatedAt) > clientTimestamp) {
      return { progress: stored, accepted: false };
    }
    const completed = isComplete(report.positionSeconds, report.durationSeconds);
    // A finished episode hands over to the next one, from its start.
    const movesOn = completed && report.nextEpisodeId !== null;
    const entry: Progress = {
      titleId: report.titleId,
      episodeId: movesOn ? report.nextEpisodeId : report.episodeId,
      positionSeconds: movesOn ? 0 : report.positionSeconds,
      durationSeconds: report.durationSeconds,
      completed: completed && !movesOn,
      nextUp: movesOn,
      rendition: report.rendition,
      deviceId: report.deviceId,
      clientTimestamp,
      updatedAt: now,
    };
    this.ctx.storage.sql.exec(
      "INSERT OR REPLACE INTO progress VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      entry.titleId,
      entry.episodeId,
      entry.positionSeconds,
      entry.durationSeconds,
      entry.completed ? 1 : 0,
      entry.nextUp ? 1 : 0,
      entry.rendition,
      entry.deviceId,
      entry.clientTimestamp,
      entry.updatedAt,
    );
    if (entry.completed && (await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.setAlarm(now + COMPLETED_KEPT_MS);
    }
    return { progress: entry, accepted: true };
  }

  async get(titleId: string): Promise<Progress | null> {
    return this.rows("SELECT * FROM progress WHERE title_id = ?", titleId)[0] ?? null;
  }

  /**
   * Started (over 5% watched), unfinished titles, most recent first; a
   * series that moved on to its next episode is listed too.
   */
  async continueWatching(limit: number): Promise<Progress[]> {
    return this.rows(
      `SELECT * FROM progress WHERE completed = 0
         AND (position_seconds > duration_seconds * ? OR next_up = 1)
       ORDER BY updated_at DESC, title_id LIMIT ?`,
      STARTED_AT,
      limit,
    );
  }

  /** Forgets completed titles older than 90 days; looks again while any completed one is left. */
  override async alarm(): Promise<void> {
    const now = Date.now();
    this.ctx.storage.sql.exec(
      "DELETE FROM progress WHERE completed = 1 AND updated_at < ?",
      now - COMPLETED_KEPT_MS,
    );
    const [oldest] = this.rows(
      "SELECT * FROM progress WHERE completed = 1 ORDER BY updated_at LIMIT 1",
    );
    if (oldest) await this.ctx.storage.setAlarm(oldest.updatedAt + COMPLETED_KEPT_MS);
  }
}
