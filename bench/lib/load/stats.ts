/**
 * What bench:load counts, one window (a ramp step) at a time: each route's
 * latencies and errors, and where the stream route says each immutable
 * stream file came from (`X-Marquee-Cache`). A request counts in the window
 * in which it finished.
 */

/** Every request bench:load makes, under the names its tables print. */
export const ROUTES = {
  // Setup, before the clock starts.
  register: "POST /api/auth/register",
  login: "POST /api/auth/login",
  createProfile: "POST /api/profiles",
  selectProfile: "POST /api/profiles/:id/select",
  // A viewer.
  account: "GET /api/account",
  profiles: "GET /api/profiles",
  home: "GET /api/home",
  hero: "GET /api/titles/:id (hero)",
  start: "POST /api/playback",
  master: "GET stream master.m3u8",
  playlist: "GET stream media playlist",
  init: "GET stream init segment",
  segment: "GET stream media segment",
  progress: "PUT /api/progress",
  qoe: "POST /api/qoe/events",
  renewGrant: "POST /api/playback/:id/refresh",
  renewToken: "POST /api/auth/refresh",
  stop: "DELETE /api/playback/:id",
  health: "GET /api/health (baseline)",
} as const;
export type Route = (typeof ROUTES)[keyof typeof ROUTES];

/** A request that got no answer at all (refused connection, reset, timeout). */
export const NO_ANSWER = 0;

interface RouteWindow {
  durations: number[];
  errors: number;
  /** "429", "503", "no answer"… → how many, to say what the errors were. */
  failures: Map<string, number>;
}

/** Where the immutable stream files (init and media segments) of a window came from. */
export interface CacheCounts {
  hit: number;
  miss: number;
  /** Answered without X-Marquee-Cache: counted as an R2 read, since nothing says otherwise. */
  absent: number;
}

export class StatsWindow {
  readonly routes = new Map<Route, RouteWindow>();
  readonly cache: CacheCounts = { hit: 0, miss: 0, absent: 0 };
  /** Media segments answered with 2xx (video and audio), and their bytes. */
  segmentsServed = 0;
  segmentBytes = 0;

  private route(route: Route): RouteWindow {
    let window = this.routes.get(route);
    if (!window) {
      window = { durations: [], errors: 0, failures: new Map() };
      this.routes.set(route, window);
    }
    return window;
  }

  /** One finished request: `status` NO_ANSWER when it failed without an answer. */
  record(route: Route, ms: number, status: number, cacheOutcome: string | null, bytes = 0): void {
    const window = this.route(route);
    window.durations.push(ms);
    const ok = status >= 200 && status < 400;
    if (!ok) {
      window.errors++;
      const kind = status === NO_ANSWER ? "no answer" : String(status);
      window.failures.set(kind, (window.failures.get(kind) ?? 0) + 1);
    }
    if (ok && (route === ROUTES.segment || route === ROUTES.init)) {
      if (cacheOutcome === "hit") this.cache.hit++;
      else if (cacheOutcome === "miss") this.cache.miss++;
      else this.cache.absent++;
      if (route === ROUTES.segment) {
        this.segmentsServed++;
        this.segmentBytes += bytes;
      }
    }
  }

  summary(route: Route): RouteSummary | null {
    const window = this.routes.get(route);
    if (!window) return null;
    const sorted = [...window.durations].sort((a, b) => a - b);
    return {
      requests: sorted.length,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      errors: window.errors,
      failures: [...window.failures].map(([kind, count]) => `${count}× ${kind}`).join(", "),
    };
  }

  /** Every route's requests together. */
  get requests(): number {
    let requests = 0;
    for (const window of this.routes.values()) requests += window.durations.length;
    return requests;
  }

  /** Every route's errors together. */
  get errors(): number {
    let errors = 0;
    for (const window of this.routes.values()) errors += window.errors;
    return errors;
  }
}

export interface RouteSummary {
  requests: number;
  p50: number;
  p99: number;
  errors: number;
  failures: string;
}

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** R2 reads per immutable stream file served: misses (and answers without the header) over all. */
export function r2ReadsPerSegment({ hit, miss, absent }: CacheCounts): number {
  const served = hit + miss + absent;
  return served === 0 ? Number.NaN : (miss + absent) / served;
}

/** The window requests are counted in; the ramp swaps in a fresh one at each step. */
export class Recorder {
  current = new StatsWindow();

  /** Closes the current window and opens the next; returns the closed one. */
  rotate(): StatsWindow {
    const closed = this.current;
    this.current = new StatsWindow();
    return closed;
  }
}
