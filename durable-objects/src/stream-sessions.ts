/**
 * The playback sessions of one account (one object per account, named by
 * its id): the concurrent-stream limit, and whether a session may still
 * fetch its stream.
 *
 * Policy when a start would go over the plan's limit (docs/playback.md):
 * by default it is refused, naming the devices that are playing; with
 * `endOldest` the session that started longest ago is ended instead. A
 * device that starts again replaces its own earlier session, so reloading
 * a page never counts twice. A session that has not been heard from (start,
 * refresh or progress) for STALE_AFTER_MS no longer counts: a closed laptop
 * must not hold a stream forever.
 *
 * Ending a session (stop, sign-out, the limit, an admin) is immediate here;
 * the segment route asks `isActive` (cached for at most two seconds), so an
 * ended session's segment fetches stop within one segment duration.
 */
import { DurableObject } from "cloudflare:workers";

export const STALE_AFTER_MS = 2 * 60_000;

export interface StreamSession {
  playbackSessionId: string;
  /** The sign-in session it belongs to: signing out ends its playback. */
  authSessionId: string;
  profileId: string;
  deviceId: string;
  deviceLabel: string;
  /** What is playing, so a refresh can grant the same again. */
  assetId: string;
  titleId: string;
  episodeId: string | null;
  maxHeight: number;
  startedAt: number;
  lastSeenAt: number;
}

export type StartOutcome =
  { started: true; ended: StreamSession[] } | { started: false; playing: StreamSession[] };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  playback_session_id TEXT PRIMARY KEY,
  auth_session_id TEXT NOT NULL,
  profile_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  device_label TEXT NOT NULL,
  asset_id TEXT NOT NULL,
  title_id TEXT NOT NULL,
  episode_id TEXT,
  max_height INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
)`;

type Row = {
  playback_session_id: string;
  auth_session_id: string;
  profile_id: string;
  device_id: string;
  device_label: string;
  asset_id: string;
  title_id: string;
  episode_id: string | null;
  max_height: number;
  started_at: number;
  last_seen_at: number;
};

const toSession = (row: Row): StreamSession => ({
  playbackSessionId: row.playback_session_id,
  authSessionId: row.auth_session_id,
  profileId: row.profile_id,
  deviceId: row.device_id,
  deviceLabel: row.device_label,
  assetId: row.asset_id,
  titleId: row.title_id,
  episodeId: row.episode_id,
  maxHeight: row.max_height,
  startedAt: row.started_at,
  lastSeenAt: row.last_seen_at,
});

export class StreamSessions extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      ctx.storage.sql.exec(SCHEMA);
    });
  }

  private sql<T extends Record<string, SqlStorageValue>>(query: string, ...bindings: unknown[]) {
    return this.ctx.storage.sql.exec<T>(query, ...bindings).toArray();
  }

  /** Forgets sessions not heard from in time; returns the ones still playing, oldest first. */
  private playing(now: number): StreamSession[] {
    this.sql("DELETE FROM sessions WHERE last_seen_at < ?", now - STALE_AFTER_MS);
    return this.sql<Row>("SELECT * FROM sessions ORDER BY started_at, playback_session_id").map(
      toSession,
    );
  }

  /** Opens a session within `limit` concurrent streams (see the policy above). */
  async start(
    session: Omit<StreamSession, "startedAt" | "lastSeenAt">,
    limit: number,
    endOldest: boolean,
    now = Date.now(),
  ): Promise<StartOutcome> {
    // The same device starting again replaces its own session.
    this.sql("DELETE FROM sessions WHERE device_id = ?", session.deviceId);
    const playing = this.playing(now);
    const over = playing.length + 1 - limit;
    if (over > 0 && !endOldest) return { started: false, playing };
    const ended = over > 0 ? playing.slice(0, over) : [];
    for (const old of ended) {
      this.sql("DELETE FROM sessions WHERE playback_session_id = ?", old.playbackSessionId);
    }
    this.sql(
      `INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      session.playbackSessionId,
      session.authSessionId,
      session.profileId,
      session.deviceId,
      session.deviceLabel,
      session.assetId,
      session.titleId,
      session.episodeId,
      session.maxHeight,
      now,
      now,
    );
    await this.scheduleCleanup(now);
    return { started: true, ended };
  }

  /** Marks a session as heard from; false when it has ended (or never existed). */
  async touch(playbackSessionId: string, now = Date.now()): Promise<boolean> {
    this.playing(now);
    const updated = this.ctx.storage.sql.exec(
      "UPDATE sessions SET last_seen_at = ? WHERE playback_session_id = ?",
      now,
      playbackSessionId,
    );
    return updated.rowsWritten > 0;
  }

  async isActive(playbackSessionId: string, now = Date.now()): Promise<boolean> {
    return this.playing(now).some((s) => s.playbackSessionId === playbackSessionId);
  }

  /** The session, if it is still playing. */
  async get(playbackSessionId: string, now = Date.now()): Promise<StreamSession | null> {
    return this.playing(now).find((s) => s.playbackSessionId === playbackSessionId) ?? null;
  }

  async stop(playbackSessionId: string): Promise<void> {
    this.sql("DELETE FROM sessions WHERE playback_session_id = ?", playbackSessionId);
  }

  /** Ends every playback of a sign-in session (sign-out, a revoked device). */
  async stopForAuthSession(authSessionId: string): Promise<void> {
    this.sql("DELETE FROM sessions WHERE auth_session_id = ?", authSessionId);
  }

  async list(now = Date.now()): Promise<StreamSession[]> {
    return this.playing(now);
  }

  private async scheduleCleanup(now: number): Promise<void> {
    if ((await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.setAlarm(now + STALE_AFTER_MS);
    }
  }

  /** Drops stale sessions, and looks again later while any is left. */
  override async alarm(): Promise<void> {
    const now = Date.now();
    if (this.playing(now).length > 0) await this.ctx.storage.setAlarm(now + STALE_AFTER_MS);
  }
}
