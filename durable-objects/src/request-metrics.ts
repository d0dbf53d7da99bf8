/**
 * The api Worker's request counts and latency histograms, cumulative since
 * the object was created, for one shard of the api isolates: SQLite
 * storage, one of REQUEST_METRICS_SHARDS objects (lib/metrics/request-stats.ts
 * names them). Each api isolate tallies requests in memory and sends what
 * it has every few seconds (`record`) to the one shard it picked at random;
 * GET /metrics reads every shard's totals (`snapshot`) and adds them up.
 *
 * One object for every isolate would serialise tens of thousands of
 * flushes a second at full scale, over the ~1,000 requests/s a Durable
 * Object sustains; sharded, each takes a few hundred. A shard holds only
 * part of each count, so its numbers mean nothing alone.
 */
import { DurableObject } from "cloudflare:workers";
import { emptyBuckets, type RequestStats } from "../../lib/metrics/request-stats.ts";

// Buckets are stored by index into LATENCY_BUCKETS_SECONDS (the last one is +Inf); the bounds are fixed.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS request_counts (
  route TEXT NOT NULL,
  method TEXT NOT NULL,
  status INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (route, method, status)
);
CREATE TABLE IF NOT EXISTS request_latency_buckets (
  route TEXT NOT NULL,
  method TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (route, method, bucket)
);
CREATE TABLE IF NOT EXISTS request_latency_sums (
  route TEXT NOT NULL,
  method TEXT NOT NULL,
  sum_seconds REAL NOT NULL,
  PRIMARY KEY (route, method)
)`;

export class RequestMetrics extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      ctx.storage.sql.exec(SCHEMA);
    });
  }

  /** Adds one isolate's batch, in one transaction: it lands whole or not at all. */
  async record(stats: RequestStats): Promise<void> {
    this.ctx.storage.transactionSync(() => this.#add(stats));
  }

  #add(stats: RequestStats): void {
    const sql = this.ctx.storage.sql;
    for (const { route, method, status, count } of stats.counts) {
      sql.exec(
        `INSERT INTO request_counts VALUES (?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET count = count + excluded.count`,
        route,
        method,
        status,
        count,
      );
    }
    for (const { route, method, buckets, sumSeconds } of stats.latencies) {
      buckets.forEach((count, bucket) => {
        if (count === 0) return;
        sql.exec(
          `INSERT INTO request_latency_buckets VALUES (?, ?, ?, ?)
           ON CONFLICT DO UPDATE SET count = count + excluded.count`,
          route,
          method,
          bucket,
          count,
        );
      });
      sql.exec(
        `INSERT INTO request_latency_sums VALUES (?, ?, ?)
         ON CONFLICT DO UPDATE SET sum_seconds = sum_seconds + excluded.sum_seconds`,
        route,
        method,
        sumSeconds,
      );
    }
  }

  /** Every count and histogram so far. */
  async snapshot(): Promise<RequestStats> {
    const sql = this.ctx.storage.sql;
    const counts = sql
      .exec<{ route: string; method: string; status: number; count: number }>(
        "SELECT route, method, status, count FROM request_counts ORDER BY route, method, status",
      )
      .toArray();
    const latencies = sql
      .exec<{ route: string; method: string; sum_seconds: number }>(
        "SELECT route, method, sum_seconds FROM request_latency_sums ORDER BY route, method",
      )
      .toArray()
      .map(({ route, method, sum_seconds }) => ({
        route,
        method,
        buckets: emptyBuckets(),
        sumSeconds: sum_seconds,
      }));
    const byKey = new Map(
      latencies.map((latency) => [`${latency.method} ${latency.route}`, latency]),
    );
    for (const row of sql.exec<{ route: string; method: string; bucket: number; count: number }>(
      "SELECT route, method, bucket, count FROM request_latency_buckets",
    )) {
      const latency = byKey.get(`${row.method} ${row.route}`);
      if (latency && row.bucket < latency.buckets.length) latency.buckets[row.bucket] = row.count;
    }
    return { counts, latencies };
  }
}
