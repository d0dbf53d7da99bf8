/**
 * A sliding-window rate limiter: one object per (tier, caller), named
 * `<tier>:<caller>`. It keeps the exact time of every counted request inside
 * the longest window (a sliding log, not an approximation), so a limit of 10
 * lets exactly 10 through however many arrive at once.
 *
 * Exactness comes from the object's single thread: `consume` does its
 * reads, decision and write synchronously, so no two calls interleave. The
 * log lives in the object's SQLite storage, so an eviction does not reset a
 * caller's count; an alarm deletes everything once the longest window has
 * passed without a request, so idle callers cost no storage. The alarm is
 * written once and moved when it fires, not on every request.
 *
 * `now` is a parameter so tests can move time; Workers always pass the
 * default.
 */
import { DurableObject } from "cloudflare:workers";
import type { RateWindow } from "../../lib/rate-limit/tiers.ts";

export interface RateLimitDecision {
  allowed: boolean;
  /** The limit of the first (main) window. */
  limit: number;
  /** Requests left in the main window after this one. */
  remaining: number;
  /** Unix ms when the oldest request counted in the main window leaves it. */
  resetAt: number;
  /** When refused: milliseconds until a request would be allowed. */
  retryAfterMs: number;
}

export class RateLimiter extends DurableObject<Env> {
  private readonly sql = this.ctx.storage.sql;
  private schemaReady = false;
  /** Whether a cleanup alarm is set; then consume() need not write one. */
  private alarmSet = false;
  /** The longest window callers have used, remembered for the alarm. */
  private longestWindowMs = 0;

  /** Creates the log table; again after the alarm has deleted everything. */
  private ensureSchema(): void {
    if (this.schemaReady) return;
    this.sql.exec("CREATE TABLE IF NOT EXISTS hits (at INTEGER NOT NULL)");
    this.sql.exec("CREATE INDEX IF NOT EXISTS hits_at ON hits (at)");
    this.schemaReady = true;
  }

  /**
   * Counts one request against every window if all of them have room;
   * otherwise counts nothing and says how long to wait.
   */
  async consume(windows: RateWindow[], now = Date.now()): Promise<RateLimitDecision> {
    const [main] = windows;
    if (!main) throw new Error("consume needs at least one window");
    const longest = Math.max(...windows.map((window) => window.windowMs));
    this.ensureSchema();
    this.sql.exec("DELETE FROM hits WHERE at <= ?", now - longest);

    let retryAfterMs = 0;
    for (const window of windows) {
      const since = now - window.windowMs;
      // The window is full when its limit-th newest hit is inside it; the
      // wait is until that hit slides out.
      const filling = this.sql
        .exec<{ at: number }>(
          "SELECT at FROM hits WHERE at > ? ORDER BY at DESC LIMIT 1 OFFSET ?",
          since,
          window.limit - 1,
        )
        .toArray()[0];
      if (filling) retryAfterMs = Math.max(retryAfterMs, filling.at + window.windowMs - now);
    }

    const allowed = retryAfterMs === 0;
    if (allowed) this.sql.exec("INSERT INTO hits (at) VALUES (?)", now);
    const { count, oldest } = this.sql
      .exec<{ count: number; oldest: number | null }>(
        "SELECT count(*) AS count, min(at) AS oldest FROM hits WHERE at > ?",
        now - main.windowMs,
      )
      .one();
    // Everything above ran without yielding, so concurrent calls cannot interleave.
    this.longestWindowMs = Math.max(this.longestWindowMs, longest);
    if (allowed && !this.alarmSet) {
      this.alarmSet = true;
      await this.ctx.storage.setAlarm(now + longest);
    }
    return {
      allowed,
      limit: main.limit,
      remaining: Math.max(0, main.limit - count),
      resetAt: (oldest ?? now) + main.windowMs,
      retryAfterMs,
    };
  }

  /**
   * Cleans up once the longest window has passed since the last request:
   * while requests keep coming, the alarm moves to the newest one's expiry
   * (so consume() writes no alarm per request); then everything is deleted.
   */
  override async alarm(): Promise<void> {
    this.ensureSchema();
    // After an eviction the window is forgotten; an hour outlasts every tier.
    const window = this.longestWindowMs || 60 * 60_000;
    const { latest } = this.sql
      .exec<{ latest: number | null }>("SELECT max(at) AS latest FROM hits")
      .one();
    if (latest !== null && latest + window > Date.now()) {
      await this.ctx.storage.setAlarm(latest + window);
      return;
    }
    await this.ctx.storage.deleteAll();
    this.schemaReady = false;
    this.alarmSet = false;
  }
}
