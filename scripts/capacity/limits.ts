/**
 * The documented Cloudflare limits the capacity model holds each store to,
 * each with the page that documents it, so a reader can check the number
 * and notice when Cloudflare changes it. A soft limit is Cloudflare's
 * guidance rather than a hard refusal (a Durable Object's ~1,000 requests
 * a second depends on the work per request); the model flags going over
 * either kind the same way.
 */

export interface Limit {
  /** What it bounds, as the docs put it. */
  what: string;
  value: number;
  unit: string;
  soft: boolean;
  url: string;
}

const D1_LIMITS = "https://developers.cloudflare.com/d1/platform/limits/";
const DO_LIMITS = "https://developers.cloudflare.com/durable-objects/platform/limits/";
const KV_LIMITS = "https://developers.cloudflare.com/kv/platform/limits/";
const AE_LIMITS = "https://developers.cloudflare.com/analytics/analytics-engine/limits/";

export const LIMITS = {
  d1DatabaseBytes: {
    what: "D1: maximum database size (Workers Paid); cannot be increased",
    value: 10e9,
    unit: "bytes",
    soft: false,
    url: D1_LIMITS,
  },
  d1QueryMsPerSecond: {
    what: "D1: a database is single-threaded, one query at a time; 1 ms queries ≈ 1,000 queries/s, 100 ms ≈ 10",
    value: 1_000,
    unit: "ms of queries per second",
    soft: true,
    url: D1_LIMITS,
  },
  d1ReadReplicas: {
    what: "D1 read replication: a replica in each of 6 regions (ENAM, WNAM, WEUR, EEUR, APAC, OC), used only through the Sessions API; writes go to the primary",
    value: 6,
    unit: "replicas",
    soft: false,
    url: "https://developers.cloudflare.com/d1/best-practices/read-replication/",
  },
  durableObjectRequestsPerSecond: {
    what: "Durable Objects: an individual object has a soft limit of 1,000 requests per second",
    value: 1_000,
    unit: "requests/s per object",
    soft: true,
    url: DO_LIMITS,
  },
  durableObjectBytes: {
    what: "Durable Objects (SQLite-backed): storage per object",
    value: 10e9,
    unit: "bytes",
    soft: false,
    url: DO_LIMITS,
  },
  kvWritesPerKeyPerSecond: {
    what: "Workers KV: writes to the same key",
    value: 1,
    unit: "writes/s per key",
    soft: false,
    url: KV_LIMITS,
  },
  kvPropagationSeconds: {
    what: "Workers KV: changes may take up to 60 s or more to be visible elsewhere; negative lookups are cached too",
    value: 60,
    unit: "seconds",
    soft: true,
    url: "https://developers.cloudflare.com/kv/concepts/how-kv-works/",
  },
  r2WritesPerKeyPerSecond: {
    what: "R2: concurrent writes to the same object name (key)",
    value: 1,
    unit: "writes/s per key",
    soft: false,
    url: "https://developers.cloudflare.com/r2/platform/limits/",
  },
  queueMessagesPerSecond: {
    what: "Queues: per-queue message throughput (send() throws Too Many Requests above it)",
    value: 5_000,
    unit: "messages/s per queue",
    soft: false,
    url: "https://developers.cloudflare.com/queues/platform/limits/",
  },
  analyticsEnginePointsPerInvocation: {
    what: "Workers Analytics Engine: data points written per Worker invocation",
    value: 250,
    unit: "points per invocation",
    soft: false,
    url: AE_LIMITS,
  },
  analyticsEngineRetentionDays: {
    what: "Workers Analytics Engine: data is stored for three months",
    value: 90,
    unit: "days",
    soft: false,
    url: AE_LIMITS,
  },
  cacheApiDataCenters: {
    what: "Workers Cache API: contents do not replicate outside the data center that wrote them",
    value: 1,
    unit: "data center per entry",
    soft: false,
    url: "https://developers.cloudflare.com/workers/runtime-apis/cache/",
  },
} satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;
