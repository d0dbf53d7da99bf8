/**
 * The RequestMetrics shards (durable-objects/src/request-metrics.ts, named in
 * lib/metrics/request-stats.ts): where an isolate's flush goes, and the
 * totals over every shard that GET /metrics reports.
 */
import {
  mergeRequestStats,
  requestMetricsShardName,
  requestMetricsShardNames,
  type RequestStats,
} from "../../../../lib/metrics/request-stats.ts";

/** Adds one isolate's batch to its shard. */
export const recordRequestStats = (env: Env, shard: number, stats: RequestStats) =>
  env.REQUEST_METRICS.getByName(requestMetricsShardName(shard)).record(stats);

/**
 * Every shard's totals, added up. If a shard cannot answer, this fails
 * rather than return less: a counter that drops reads to Prometheus as a
 * reset, and the shard's whole count would come back as a burst of rate
 * once it answers again; a failed scrape is only a gap.
 */
export async function readRequestStats(env: Env): Promise<RequestStats> {
  const shards = await Promise.all(
    requestMetricsShardNames().map((name) => env.REQUEST_METRICS.getByName(name).snapshot()),
  );
  return mergeRequestStats(shards);
}
