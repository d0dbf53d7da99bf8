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
 * ended session's segment fetches stop within one segment duration. An
 * ended session is remembered for ENDED_GRACE_MS, so the view's last QoE
 * batch (sent as the page closes, racing the stop) still counts; after
 * that its view token is refused (`acceptsEventsFor`).
 */
import { DurableObject } from "cloudflare:workers";

export const STALE_AFTER_MS = 2 * 60_000;
/** How long after its end a session's view still takes QoE batches (its last one races the stop). */
export const ENDED_GRACE_MS = 60_000;

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

export type RenewOutcome =
  | { renewed: true; session: StreamSession }
  | { renewed: false; reason: "ended" }
  | { renewed: false; reason: "stream_limit"; playing: StreamSession[] };

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
);
CREATE TABLE IF NOT EXISTS ended (
  playback_session_id TEXT PRIMARY KEY,
  ended_at INTEGER NOT NULL
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

  /** Ends the sessions matching `where`, remembering when (see ENDED_GRACE_MS); returns them. */
  private endWhere(now: number, where: string, ...bindings: unknown[]): StreamSession[] {
    const ended = this.sql<Row>(`DELETE FROM sessions WHERE ${where} RETURNING *`, ...bindings);
    for (const row of ended) {
      this.sql("INSERT OR REPLACE INTO ended VALUES (?, ?)", row.playback_session_id, now);
    }
    return ended.map(toSession);
  }

  /** Ends sessions not heard from in time; returns the ones still playing, oldest first. */
  private playing(now: number): StreamSession[] {
    this.endWhere(now, "last_seen_at < ?", now - STALE_AFTER_MS);
    this.sql("DELETE FROM ended WHERE ended_at < ?", now - ENDED_GRACE_MS);
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
    this.endWhere(now, "device_id = ?", session.deviceId);
    const playing = this.playing(now);
    const over = playing.length + 1 - limit;
    if (over > 0 && !endOldest) return { started: false, playing };
    const ended = over > 0 ? playing.slice(0, over) : [];
    for (const old of ended) {
      this.endWhere(now, "playback_session_id = ?", old.playbackSessionId);
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

  /**
   * A renewal within `limit` streams as the plan allows now: a session that
   * has ended is refused; over a limit lowered since the start, the streams
   * that started last are the ones ended (as a start over the limit would
   * have been refused), and the rest renew.
   */
  async renew(playbackSessionId: string, limit: number, now = Date.now()): Promise<RenewOutcome> {
    const playing = this.playing(now);
    const rank = playing.findIndex((s) => s.playbackSessionId === playbackSessionId);
    if (rank === -1) return { renewed: false, reason: "ended" };
    if (rank >= limit) {
      this.endWhere(now, "playback_session_id = ?", playbackSessionId);
      return { renewed: false, reason: "stream_limit", playing: playing.slice(0, limit) };
    }
    await this.touch(playbackSessionId, now);
    return { renewed: true, session: { ...playing[rank]!, lastSeenAt: now } };
  }

  async isActive(playbackSessionId: string, now = Date.now()): Promise<boolean> {
    return this.playing(now).some((s) => s.playbackSessionId === playbackSessionId);
  }

  /** The session, if it is still playing. */
  async get(playbackSessionId: string, now = Date.now()): Promise<StreamSession | null> {
    return this.playing(now).find((s) => s.playbackSessionId === playbackSessionId) ?? null;
  }

  /**
   * Whether the view of this session may still report QoE: while it plays,
   * and for ENDED_GRACE_MS after it ended; never for a session this
   * account never had.
   */
  async acceptsEventsFor(playbackSessionId: string, now = Date.now()): Promise<boolean> {
    if (this.playing(now).some((s) => s.playbackSessionId === playbackSessionId)) return true;
    return (
      this.sql("SELECT 1 FROM ended WHERE playback_session_id = ?", playbackSessionId).length > 0
    );
  }

  async stop(playbackSessionId: string, now = Date.now()): Promise<void> {
    this.endWhere(now, "playback_session_id = ?", playbackSessionId);
    await this.scheduleCleanup(now);
  }

  /** Ends every playback of a sign-in session (sign-out, a revoked device). */
  async stopForAuthSession(authSessionId: string, now = Date.now()): Promise<void> {
    this.endWhere(now, "auth_session_id = ?", authSessionId);
    await this.scheduleCleanup(now);
  }

  async list(now = Date.now()): Promise<StreamSession[]> {
    return this.playing(now);
  }

  private async scheduleCleanup(now: number): Promise<void> {
    if ((await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.setAlarm(now + STALE_AFTER_MS);
    }
  }

  /** Ends stale sessions and forgets ended ones, and looks again later while any is left. */
  override async alarm(): Promise<void> {
    const now = Date.now();
    const playing = this.playing(now).length;
    const ended = this.sql("SELECT 1 FROM ended LIMIT 1").length;
    if (playing + ended > 0) await this.ctx.storage.setAlarm(now + STALE_AFTER_MS);
  }
}
