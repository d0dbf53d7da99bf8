/**
 * A sliding-window rate limiter: one object per (tier, caller), named
 * `<tier>:<caller>`. It keeps the exact time of every counted request inside
 * the longest window (a sliding log, not an approximation), so a limit of 10
 * lets exactly 10 through however many arrive at once.
 *
 * Exactness comes from the object's single thread: `consume` reads the log,
 * decides and records synchronously, so no two calls interleave. The log is
 * kept in memory for that and mirrored in storage (one key per request), so
 * an eviction does not reset a caller's count: the object reloads the log
 * when it wakes. The mirror is written with `allowUnconfirmed`, so an answer
 * does not wait for the disk (every request waits for this object; that
 * wait cost about 1 ms locally); if the machine died before the write
 * landed, the last requests would be forgotten, which a limiter can afford.
 *
 * An alarm deletes everything once the longest window has passed without a
 * request, so idle callers cost no storage. It is written once and moved when
 * it fires, not on every request.
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

interface Hit {
  at: number;
  key: string;
}

const PREFIX = "hit:";
const UNCONFIRMED = { allowUnconfirmed: true };
/** How long a log outlives its last request when the window is unknown (after an eviction). */
const MAX_WINDOW_MS = 60 * 60_000;

export class RateLimiter extends DurableObject<Env> {
  /** Counted requests, oldest first. */
  private hits: Hit[] = [];
  private sequence = 0;
  private alarmSet = false;
  /** The longest window callers have used, remembered for the alarm. */
  private longestWindowMs = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      const stored = await ctx.storage.list<number>({ prefix: PREFIX });
      this.hits = [...stored].map(([key, at]) => ({ key, at })).sort((a, b) => a.at - b.at);
      this.alarmSet = (await ctx.storage.getAlarm()) !== null;
    });
  }

  private forgetBefore(cutoff: number): void {
    let expired = 0;
    while (expired < this.hits.length && this.hits[expired]!.at <= cutoff) expired++;
    if (expired === 0) return;
    const gone = this.hits.splice(0, expired).map((hit) => hit.key);
    void this.ctx.storage.delete(gone, UNCONFIRMED);
  }

  /** How many counted requests fall after `since`. */
  private countSince(since: number): number {
    let index = this.hits.length;
    while (index > 0 && this.hits[index - 1]!.at > since) index--;
    return this.hits.length - index;
  }

  /**
   * Counts one request against every window if all of them have room;
   * otherwise counts nothing and says how long to wait.
   */
  async consume(windows: RateWindow[], now = Date.now()): Promise<RateLimitDecision> {
    const [main] = windows;
    if (!main) throw new Error("consume needs at least one window");
    const longest = Math.max(...windows.map((window) => window.windowMs));
    this.longestWindowMs = Math.max(this.longestWindowMs, longest);
    this.forgetBefore(now - longest);

    let retryAfterMs = 0;
    for (const window of windows) {
      const inWindow = this.countSince(now - window.windowMs);
      // The window is full when its limit-th newest hit is inside it; the
      // wait is until that hit slides out.
      if (inWindow >= window.limit) {
        const filling = this.hits[this.hits.length - window.limit]!;
        retryAfterMs = Math.max(retryAfterMs, filling.at + window.windowMs - now);
      }
    }

    const allowed = retryAfterMs === 0;
    if (allowed) {
      const key = `${PREFIX}${String(now).padStart(15, "0")}:${this.sequence++}`;
      this.hits.push({ at: now, key });
      void this.ctx.storage.put(key, now, UNCONFIRMED);
      if (!this.alarmSet) {
        this.alarmSet = true;
        void this.ctx.storage.setAlarm(now + longest, UNCONFIRMED);
      }
    }
    const count = this.countSince(now - main.windowMs);
    const oldest = this.hits[this.hits.length - count]?.at ?? now;
    return {
      allowed,
      limit: main.limit,
      remaining: Math.max(0, main.limit - count),
      resetAt: oldest + main.windowMs,
      retryAfterMs,
    };
  }

  /**
   * Cleans up once the longest window has passed since the last request:
   * while requests keep coming, the alarm moves to the newest one's expiry;
   * then everything is deleted.
   */
  override async alarm(): Promise<void> {
    const window = this.longestWindowMs || MAX_WINDOW_MS;
    const latest = this.hits.at(-1)?.at;
    if (latest !== undefined && latest + window > Date.now()) {
      await this.ctx.storage.setAlarm(latest + window);
      return;
    }
    await this.ctx.storage.deleteAll();
    this.hits = [];
    this.alarmSet = false;
  }
}
