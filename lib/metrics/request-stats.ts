/**
 * Request counts and latency histograms, as the api Worker tallies them per
 * isolate and the RequestMetrics Durable Objects keep them for good: the
 * fixed latency buckets, the shape both sides exchange, the in-memory
 * tally that recording a request touches (a few Map operations, no I/O),
 * the shards' names and how their totals merge into one.
 *
 * Labels are bounded by construction: `route` is a registered route
 * pattern (never a URL), `method` one of the known methods or OTHER,
 * `status` a number.
 */
import { bucketIndex } from "./prometheus-text.ts";

/**
 * RequestMetrics objects sharing the api isolates' flushes. Worldwide, the
 * isolates of 30M concurrent streams flushing every few seconds reach tens
 * of thousands of writes a second (the capacity model, docs/scaling.md,
 * sizes it), far past the ~1,000 requests/s one Durable Object sustains;
 * 64 shards keep each under a few hundred a second. GET /metrics reads
 * every shard, so a scrape is 64 parallel RPCs. Changing the number
 * changes which objects a scrape adds up: Prometheus sees the counters
 * reset, so change it only with that in mind.
 */
export const REQUEST_METRICS_SHARDS = 64;

/** The object name of one shard (0 ≤ shard < REQUEST_METRICS_SHARDS). */
export const requestMetricsShardName = (shard: number): string => `shard-${shard}`;

/** Every shard's name, for the scrape that adds them up. */
export const requestMetricsShardNames = (): string[] =>
  Array.from({ length: REQUEST_METRICS_SHARDS }, (_, shard) => requestMetricsShardName(shard));

/**
 * A shard for an isolate to flush to for its whole life: random, so the
 * isolates spread evenly, and kept, so one isolate's batches stay in one object.
 */
export const randomRequestMetricsShard = (): number =>
  Math.floor(Math.random() * REQUEST_METRICS_SHARDS);

/** Upper bounds of the latency buckets in seconds (5 ms … 10 s, Prometheus's usual ladder). */
export const LATENCY_BUCKETS_SECONDS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
] as const;

export interface RequestCount {
  route: string;
  method: string;
  status: number;
  count: number;
}

export interface RequestLatency {
  route: string;
  method: string;
  /**
   * Requests per bucket, not cumulative: index i counts durations above
   * bucket i − 1 and up to LATENCY_BUCKETS_SECONDS[i]; the last index
   * (one past the bounds) counts those above 10 s.
   */
  buckets: number[];
  sumSeconds: number;
}

export interface RequestStats {
  counts: RequestCount[];
  latencies: RequestLatency[];
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** A method label: anything a client may invent becomes OTHER, so it cannot add series. */
export const methodLabel = (method: string) => (METHODS.has(method) ? method : "OTHER");

export const emptyBuckets = () => new Array<number>(LATENCY_BUCKETS_SECONDS.length + 1).fill(0);

/**
 * What one isolate has seen since its last flush.
 *
 * @example
 * const tally = new RequestTally();
 * tally.record("/api/titles/:id", "GET", 200, 12);
 * await stub.record(tally.drain());
 */
export class RequestTally {
  #counts = new Map<string, RequestCount>();
  #latencies = new Map<string, RequestLatency>();

  get isEmpty(): boolean {
    return this.#counts.size === 0;
  }

  record(route: string, method: string, status: number, durationMs: number): void {
    const label = methodLabel(method);
    this.#countEntry(route, label, status).count += 1;
    const latency = this.#latencyEntry(route, label);
    const seconds = durationMs / 1000;
    latency.buckets[bucketIndex(LATENCY_BUCKETS_SECONDS, seconds)]! += 1;
    latency.sumSeconds += seconds;
  }

  /** Adds counts back, e.g. those of a flush that failed, to go with the next one. */
  merge(stats: RequestStats): void {
    for (const { route, method, status, count } of stats.counts) {
      this.#countEntry(route, method, status).count += count;
    }
    for (const { route, method, buckets, sumSeconds } of stats.latencies) {
      const latency = this.#latencyEntry(route, method);
      buckets.forEach((count, index) => (latency.buckets[index]! += count));
      latency.sumSeconds += sumSeconds;
    }
  }

  /** Everything tallied so far; the tally starts again from nothing. */
  drain(): RequestStats {
    const stats = { counts: [...this.#counts.values()], latencies: [...this.#latencies.values()] };
    this.#counts = new Map();
    this.#latencies = new Map();
    return stats;
  }

  // Method and status never contain a space and the route comes last, so keys cannot collide.
  #countEntry(route: string, method: string, status: number): RequestCount {
    const key = `${method} ${status} ${route}`;
    let entry = this.#counts.get(key);
    if (!entry) this.#counts.set(key, (entry = { route, method, status, count: 0 }));
    return entry;
  }

  #latencyEntry(route: string, method: string): RequestLatency {
    const key = `${method} ${route}`;
    let entry = this.#latencies.get(key);
    if (!entry) {
      this.#latencies.set(key, (entry = { route, method, buckets: emptyBuckets(), sumSeconds: 0 }));
    }
    return entry;
  }
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The shards' totals as one: counts, histogram buckets and sums add. Series
 * come out ordered by route, method (and status), as one shard's snapshot
 * orders them, so the exposition reads the same whatever the shard count.
 * A shard never written to contributes its empty snapshot: nothing.
 *
 * @example
 * mergeRequestStats(await Promise.all(stubs.map((stub) => stub.snapshot())));
 */
export function mergeRequestStats(shards: readonly RequestStats[]): RequestStats {
  const total = new RequestTally();
  for (const stats of shards) total.merge(stats);
  const { counts, latencies } = total.drain();
  counts.sort(
    (a, b) => byText(a.route, b.route) || byText(a.method, b.method) || a.status - b.status,
  );
  latencies.sort((a, b) => byText(a.route, b.route) || byText(a.method, b.method));
  return { counts, latencies };
}
