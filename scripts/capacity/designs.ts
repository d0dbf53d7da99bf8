/**
 * Today's design and the new one as data: every store and Durable Object
 * class, what one instance is per, and which requests reach it, so the
 * model (model.ts) can hold each to its limits. Today's formulas are read
 * from the code as it stood before issue 12 (commit e1f580a), each naming
 * the module it comes from; the new design is the lead's for issue 12,
 * modelled as described, so what still does not fit shows up as OVER
 * rather than being designed away here.
 */
import { EXPOSURE_SHARDS } from "../../lib/experiments/exposure-shards.ts";
import { REQUEST_METRICS_SHARDS } from "../../lib/metrics/request-stats.ts";
import { MAX_EVENTS_PER_BATCH } from "../../lib/qoe/events.ts";
import { RATE_LIMIT_TIERS } from "../../lib/rate-limit/tiers.ts";
import { LIMITS } from "./limits.ts";
import {
  busiestShard,
  d1QueriesPerSecond,
  dailyTotal,
  type Busiest,
  type Design,
  type Size,
  type Store,
  type Traffic,
} from "./model.ts";
import type { Parameters } from "./parameters.ts";

const DAY_SECONDS = 86_400;
const MINUTES_PER_DAY = 1_440;

// --- limits as the busiest instance meets them --------------------------------

const objectRate = (rate: number): Busiest => ({
  rate,
  limit: LIMITS.durableObjectRequestsPerSecond.value,
  unit: "req/s",
  limitName: "durableObjectRequestsPerSecond",
});

const objectSize = (totalBytes: number, largestBytes: number): Size => ({
  totalBytes,
  largestBytes,
  limitBytes: LIMITS.durableObjectBytes.value,
});

const databaseSize = (bytes: number): Size => ({
  totalBytes: bytes,
  largestBytes: bytes,
  limitBytes: LIMITS.d1DatabaseBytes.value,
});

/** One D1 instance running this mix of reads and writes, one query at a time. */
const databaseRate = (reads: number, writes: number, p: Parameters): Busiest => ({
  rate: reads + writes,
  limit: d1QueriesPerSecond(reads, writes, p),
  unit: "queries/s",
  limitName: "d1QueryMsPerSecond",
});

const queueRate = (messages: number): Busiest => ({
  rate: messages,
  limit: LIMITS.queueMessagesPerSecond.value,
  unit: "msg/s",
  limitName: "queueMessagesPerSecond",
});

/** What the heaviest account (its streams, and the browsing that goes with them) sends one object. */
const heaviestAccount = (t: Traffic, rate: number) =>
  (rate / t.streams) * t.p.heaviestAccountStreams;

// --- what the code writes and keeps ---------------------------------------------

/**
 * The statements one QoE batch runs in D1 (workers/analytics/src/storage/
 * rollup-writes.ts): the batch id, the active view and engagement, then per
 * pass (all views, and each experiment variant) a rollup row, a rendition
 * row per rendition and a startup-histogram row on the view's first frame,
 * and per variant the experiment's unit row.
 */
function qoeStatementsPerBatch(p: Parameters): number {
  const passes = 1 + p.experimentVariantsPerView;
  const firstFramesPerBatch = p.qoeBatchIntervalSeconds / (p.meanViewMinutes * 60);
  return (
    3 + passes * (1 + p.qoeRenditionsPerBatch + firstFramesPerBatch) + p.experimentVariantsPerView
  );
}

/**
 * The mean account's own data: the account, its sign-in sessions and the
 * refresh tokens kept for reuse detection, its profiles with My List,
 * ratings and progress, and a year of views.
 */
export function accountBytes(t: Traffic): number {
  const { p } = t;
  const perProfile =
    p.profileBytes +
    (p.listEntriesPerProfile + p.ratingsPerProfile + p.progressEntriesPerProfile) *
      p.activityRowBytes;
  const refreshTokens =
    (dailyTotal(t.tokenRefreshes, p) * p.refreshTokenRetentionDays) / p.subscribers;
  const views = (t.dailyStarts * p.viewsRetentionDays) / p.subscribers;
  return (
    p.accountBytes +
    p.sessionsPerAccount * p.sessionBytes +
    refreshTokens * p.refreshTokenBytes +
    p.profilesPerAccount * perProfile +
    views * p.viewRowBytes
  );
}

const catalogBytes = (p: Parameters) => p.catalogTitles * p.catalogBytesPerTitle;

/** QoE and engagement rows in D1 (workers/analytics): rollups, active views, batch ids, engagement_daily. */
function qoeD1Bytes(t: Traffic): number {
  const { p } = t;
  const passes = 1 + p.experimentVariantsPerView;
  const meanSlicesPerMinute = p.qoeSlicesPerMinute / p.peakToMeanRatio;
  const rollups =
    meanSlicesPerMinute *
    p.qoeRowsPerSlice *
    passes *
    MINUTES_PER_DAY *
    p.qoeRollupRetentionDays *
    p.qoeRowBytes;
  const activeViews =
    (t.streams / p.peakToMeanRatio) *
    MINUTES_PER_DAY *
    p.activeViewsRetentionDays *
    p.activeViewRowBytes;
  const batchIds = dailyTotal(t.qoeBatches, p) * p.qoeBatchIdRetentionDays * p.batchIdRowBytes;
  const engagement = t.dailyStarts * p.engagementRetentionDays * p.engagementRowBytes;
  return rollups + activeViews + batchIds + engagement;
}

/**
 * Today's one D1 database, query by query (workers/api/src/services and
 * storage): every profile-scoped route loads the active profile (isolate
 * memory holds it 10 s, but a device's next request rarely lands on the
 * same isolate); home reads views, ratings and My List (3) and hydrates
 * cards (at most once per isolate per memory lifetime); a title page reads
 * My List and the rating (2); search runs FTS; a start reads the video,
 * markers and next episode (3); a renewal the account and the video (2); a
 * token refresh reads token, account and profile (3) and writes a 3-statement
 * batch; a sign-in reads the account and writes session and token.
 */
function todaysD1Queries(t: Traffic): { reads: number; writes: number } {
  const { p } = t;
  const cardHydrations = Math.min(t.home, t.isolates / p.isolateMemorySeconds);
  const reads =
    t.profileRequests +
    3 * t.home +
    cardHydrations +
    2 * t.title +
    t.search +
    3 * t.starts +
    2 * t.renewals +
    3 * t.tokenRefreshes +
    t.signIns;
  const writes =
    qoeStatementsPerBatch(p) * t.qoeBatches +
    3 * t.tokenRefreshes +
    2 * t.signIns +
    // account, first profile, recovery codes
    3 * t.signUps +
    t.signOuts +
    // the final position (saveFinalPosition) and a views row, as the schema documents one per start
    t.stops +
    t.starts +
    t.listChanges +
    p.catalogEditsPerSecond;
  return { reads, writes };
}

/** The share of QoE batches today's D1 cannot take, which the analytics Worker queues instead. */
function refusedByTodaysD1(t: Traffic): number {
  const { reads, writes } = todaysD1Queries(t);
  return Math.max(0, 1 - d1QueriesPerSecond(reads, writes, t.p) / (reads + writes));
}

// --- stores in both designs -----------------------------------------------------

/**
 * The RateLimiter objects. Today the qoe tier counted per client IP, so a carrier-grade NAT's
 * viewers shared one object; it now counts per view (workers/api/src/services/qoe-callers.ts),
 * and a view sends one batch per interval.
 */
const rateLimiter = (qoeKeyedBy: "ip" | "view"): Store => ({
  name: "RateLimiter",
  product: "Durable Object",
  shardedBy: `tier + caller (account, ${qoeKeyedBy === "ip" ? "IP" : "view"})`,
  instances: (t) => t.activeProfiles * 3,
  load: (t) => {
    const calls =
      t.profileRequests + t.qoeBatches + t.tokenRefreshes + t.signIns + t.signUps + t.signOuts;
    const busiestQoeCaller =
      (qoeKeyedBy === "ip" ? t.p.natViewers : 1) / t.p.qoeBatchIntervalSeconds;
    return {
      readsPerSecond: 0,
      writesPerSecond: calls,
      busiest: objectRate(Math.max(busiestQoeCaller, heaviestAccount(t, t.profileRequests))),
      size: objectSize(t.activeProfiles * 3 * t.p.smallObjectBytes, t.p.smallObjectBytes),
    };
  },
  whenOver: "One caller crowds its object: split the caller's key.",
});

const streamSessions: Store = {
  name: "StreamSessions",
  product: "Durable Object",
  shardedBy: "account id",
  instances: (t) => t.p.subscribers,
  load: (t) => {
    // isActive per segment (stream route), acceptsEventsFor per QoE batch (analytics Worker).
    const reads = (t.streams * t.p.sessionChecksPerSegment) / t.p.segmentSeconds + t.qoeBatches;
    // start, stop, renew, and touch on every progress report.
    const writes = t.starts + t.stops + t.renewals + t.progress;
    return {
      readsPerSecond: reads,
      writesPerSecond: writes,
      busiest: objectRate(heaviestAccount(t, reads + writes)),
      size: objectSize(t.p.subscribers * t.p.smallObjectBytes, t.p.smallObjectBytes),
    };
  },
  whenOver:
    "One account's players crowd its object: remember an active session longer per isolate.",
};

const kv: Store = {
  name: "KV (revocations, catalog cache)",
  product: "KV",
  shardedBy: "key",
  instances: () => 1,
  load: (t) => {
    const window = LIMITS.kvPropagationSeconds.value;
    // When a hot catalog key (trending row, generic home) expires, an isolate that misses it loads
    // D1 and writes it back (cache/read-through-cache.ts). A write is visible at once only where it
    // was made, and misses are cached elsewhere too, so at least every data center serving home
    // writes the key again within the propagation window.
    const hotKeyWrites = Math.min(t.p.dataCenters, t.home * window) / window;
    return {
      // The revocation check on every signed-in request; rows and generic homes; title details and similar.
      readsPerSecond: t.profileRequests + t.home + 2 * t.title,
      writesPerSecond: t.signOuts + hotKeyWrites,
      busiest: {
        rate: hotKeyWrites,
        limit: LIMITS.kvWritesPerKeyPerSecond.value,
        unit: "writes/s per key",
        limitName: "kvWritesPerKeyPerSecond",
      },
      size: null,
    };
  },
  whenOver:
    "Not answered by the new design: a hot key that expires is written back from every data " +
    "center that missed it. Write hot rows and generic homes from one place (the analytics cron, before they " +
    "expire) and never write back from the api; KV then sees one write per key per refresh.",
};

function media(hitRatio: (p: Parameters) => number): Store {
  return {
    name: "R2 MEDIA",
    product: "R2",
    shardedBy: "object key",
    // Every segment of every rung and the audio track.
    instances: (t) =>
      ((t.p.catalogVideos * t.p.meanVideoMinutes * 60) / t.p.segmentSeconds) *
      (t.p.ladderKbps.length + 1),
    load: (t) => {
      const { p } = t;
      const ladderKbps = p.ladderKbps.reduce((sum, kbps) => sum + kbps, 0) + p.audioKbps;
      const segmentWrites =
        (p.videoHoursIngestedPerDay * 3_600 * (p.ladderKbps.length + 1)) /
        p.segmentSeconds /
        DAY_SECONDS;
      return {
        readsPerSecond: t.segmentRequests * (1 - hitRatio(p)) + t.manifestReads,
        writesPerSecond: segmentWrites,
        // Each output key is written once per attempt, and an attempt lasts at least a lease.
        busiest: {
          rate: 1 / p.taskLeaseSeconds,
          limit: LIMITS.r2WritesPerKeyPerSecond.value,
          unit: "writes/s per key",
          limitName: "r2WritesPerKeyPerSecond",
        },
        size: {
          totalBytes: (p.catalogVideos * p.meanVideoMinutes * 60 * ladderKbps * 1_000) / 8,
          largestBytes: (Math.max(...p.ladderKbps) * 1_000 * p.segmentSeconds) / 8,
          limitBytes: null,
        },
      };
    },
    whenOver:
      "A key is rewritten faster than R2 allows: retries must not rewrite outputs in a loop.",
  };
}

const analyticsEngine: Store = {
  name: "Analytics Engine marquee_qoe",
  product: "Analytics Engine",
  shardedBy: "one dataset (index: view id)",
  instances: () => 1,
  load: (t) => ({
    readsPerSecond: 0,
    // Every QoE event (analytics Worker) and a CMCD point per video segment (stream route).
    writesPerSecond: t.qoeEvents + t.videoSegments,
    // The QoE route writes a whole batch in one invocation.
    busiest: {
      rate: MAX_EVENTS_PER_BATCH,
      limit: LIMITS.analyticsEnginePointsPerInvocation.value,
      unit: "points/invocation",
      limitName: "analyticsEnginePointsPerInvocation",
    },
    size: null,
  }),
  whenOver:
    "One invocation writes too many points: lower MAX_EVENTS_PER_BATCH (lib/qoe/events.ts).",
};

const transcodeQueue: Store = {
  name: "Queue marquee-transcode",
  product: "Queue",
  shardedBy: "one queue",
  instances: () => 1,
  load: (t) => {
    const tasks =
      (t.p.videoHoursIngestedPerDay * 60 * t.p.transcodeTasksPerFilmMinute) / DAY_SECONDS;
    return { readsPerSecond: tasks, writesPerSecond: tasks, busiest: queueRate(tasks), size: null };
  },
  whenOver: "Ingest outgrew one queue: spread tasks over several.",
};

const webhookQueue: Store = {
  name: "Queue marquee-webhooks",
  product: "Queue",
  shardedBy: "one queue",
  instances: () => 1,
  load: (t) => {
    const jobsPerDay = (t.p.videoHoursIngestedPerDay * 60) / t.p.meanVideoMinutes;
    const deliveries = (jobsPerDay * t.p.webhookDeliveriesPerJob) / DAY_SECONDS;
    return {
      readsPerSecond: deliveries,
      writesPerSecond: deliveries,
      busiest: queueRate(deliveries),
      size: null,
    };
  },
  whenOver: "Deliveries outgrew one queue: spread them over several.",
};

const taskBoards: Store = {
  name: "TaskBoard (ingest)",
  product: "Durable Object",
  shardedBy: "job",
  instances: (t) => (t.p.videoHoursIngestedPerDay * 60) / t.p.meanVideoMinutes,
  load: (t) => {
    // Every transcoder may work one job, each heartbeating its task.
    const heartbeats = t.p.transcoderInstances / t.p.heartbeatSeconds;
    const tasksPerJob = t.p.meanVideoMinutes * t.p.transcodeTasksPerFilmMinute;
    return {
      readsPerSecond: 0,
      writesPerSecond: heartbeats,
      busiest: objectRate(heartbeats),
      size: objectSize(tasksPerJob * t.p.smallObjectBytes, tasksPerJob * t.p.smallObjectBytes),
    };
  },
  whenOver: "Too many transcoders heartbeat one job: lengthen the heartbeat interval.",
};

const uploadSessions: Store = {
  name: "UploadSession (ingest)",
  product: "Durable Object",
  shardedBy: "upload",
  instances: (t) => (t.p.videoHoursIngestedPerDay * 60) / t.p.meanVideoMinutes,
  load: (t) => {
    const patches = t.p.uploadBitsPerSecond / 8 / t.p.uploadPartBytes;
    return {
      readsPerSecond: 0,
      writesPerSecond: patches,
      busiest: objectRate(patches),
      // The tail bytes not yet a whole part.
      size: objectSize(t.p.uploadPartBytes, t.p.uploadPartBytes),
    };
  },
  whenOver: "PATCHes arrive faster than one object takes them: use larger parts.",
};

// --- today ------------------------------------------------------------------------

const todaysDatabase: Store = {
  name: "D1 marquee (35 tables)",
  product: "D1",
  shardedBy: "one for everything",
  instances: () => 1,
  load: (t) => {
    const { reads, writes } = todaysD1Queries(t);
    const bytes = t.p.subscribers * accountBytes(t) + qoeD1Bytes(t) + catalogBytes(t.p);
    return {
      readsPerSecond: reads,
      writesPerSecond: writes,
      busiest: databaseRate(reads, writes, t.p),
      size: databaseSize(bytes),
    };
  },
  whenOver:
    "One SQLite primary holds everything. Account data moves to a Durable Object per account, " +
    "QoE goes to Analytics Engine only, the catalog stays behind read replicas.",
};

const profileProgress: Store = {
  name: "ProfileProgress",
  product: "Durable Object",
  shardedBy: "profile id",
  instances: (t) => t.profiles,
  load: (t) => {
    // continueWatching (home), get (title page, start, stop); report every 10 s per player.
    const reads = t.home + t.title + t.starts + t.stops;
    return {
      readsPerSecond: reads,
      writesPerSecond: t.progress,
      busiest: objectRate(heaviestAccount(t, reads + t.progress)),
      size: objectSize(
        t.profiles * t.p.progressEntriesPerProfile * t.p.activityRowBytes,
        t.p.progressEntriesPerProfile * t.p.activityRowBytes,
      ),
    };
  },
  whenOver: "One profile's players crowd its object: report progress less often.",
};

/** Exposure reports: one per home or playback start for the profiles the experiment covers. */
const exposures = (t: Traffic) =>
  (t.home + t.starts) * t.p.exposureReportsPerSurfaceRequest * t.p.largestExperimentShare;

const exposedBytes = (t: Traffic) =>
  t.profiles * t.p.exposedProfileShareOverRun * t.p.largestExperimentShare * t.p.exposureRowBytes;

const oneExperimentState: Store = {
  name: "ExperimentState",
  product: "Durable Object",
  shardedBy: "experiment (one object)",
  instances: () => 1,
  load: (t) => ({
    readsPerSecond: 0,
    writesPerSecond: exposures(t),
    busiest: objectRate(exposures(t)),
    size: objectSize(exposedBytes(t), exposedBytes(t)),
  }),
  whenOver:
    "Every exposed profile writes the experiment's one object, and it keeps a row per profile. " +
    `The new design shards exposures over ${EXPOSURE_SHARDS} objects by profile hash.`,
};

const oneRequestMetrics: Store = {
  name: "RequestMetrics",
  product: "Durable Object",
  shardedBy: "one object (global)",
  instances: () => 1,
  load: (t) => {
    const flushes = t.isolates / t.p.metricsFlushSeconds;
    const scrapes = 1 / t.p.metricsScrapeSeconds;
    return {
      readsPerSecond: scrapes,
      writesPerSecond: flushes,
      busiest: objectRate(flushes + scrapes),
      size: null,
    };
  },
  whenOver:
    "Every api isolate flushes to the one object every 5 s. The new design flushes each " +
    `isolate to one of ${REQUEST_METRICS_SHARDS} shards and sums them for /metrics.`,
};

const rollupQueue: Store = {
  name: "Queue marquee-qoe-rollups",
  product: "Queue",
  shardedBy: "one queue",
  instances: () => 1,
  load: (t) => {
    const queued = t.qoeBatches * refusedByTodaysD1(t);
    return {
      readsPerSecond: queued,
      writesPerSecond: queued,
      busiest: queueRate(queued),
      size: null,
    };
  },
  whenOver:
    "It takes the batches D1 refuses, which at this load is nearly all of them. With Analytics " +
    "Engine as the system of record there are no production rollups to queue.",
};

export const TODAY: Design = {
  name: "today",
  edgeCacheHitRatio: () => 0,
  stores: [
    todaysDatabase,
    rateLimiter("ip"),
    streamSessions,
    profileProgress,
    oneExperimentState,
    oneRequestMetrics,
    kv,
    media(() => 0),
    analyticsEngine,
    rollupQueue,
    transcodeQueue,
    webhookQueue,
    taskBoards,
    uploadSessions,
  ],
};

// --- the new design -----------------------------------------------------------------

const accountStore: Store = {
  name: "Account (SQLite)",
  product: "Durable Object",
  shardedBy: "account id",
  instances: (t) => t.p.subscribers,
  load: (t) => {
    // The active profile on every profile-scoped route, home's activity and Continue Watching,
    // a title page's list/rating/progress, a start's saved position, a renewal's account.
    const reads = t.profileRequests + t.home + t.title + t.starts + t.renewals;
    // Progress reports, a views row per start, final positions, token rotation, sessions,
    // new accounts, revocations, My List and ratings.
    const writes =
      t.progress +
      t.starts +
      t.stops +
      t.tokenRefreshes +
      t.signIns +
      t.signUps +
      t.signOuts +
      t.listChanges;
    const mean = accountBytes(t);
    return {
      readsPerSecond: reads,
      writesPerSecond: writes,
      busiest: objectRate(heaviestAccount(t, reads + writes)),
      size: objectSize(t.p.subscribers * mean, mean * t.p.heaviestAccountDataMultiple),
    };
  },
  whenOver: "One household crowds its object: give progress its own object per profile again.",
};

const emailIndex: Store = {
  name: "EmailIndex",
  product: "Durable Object",
  shardedBy: "normalised email",
  instances: (t) => t.p.subscribers,
  load: (t) => {
    // One caller gets at most the auth tier's burst on one address.
    const { burst } = RATE_LIMIT_TIERS.auth;
    return {
      readsPerSecond: t.signIns,
      writesPerSecond: t.signUps,
      busiest: objectRate(burst.limit / (burst.windowMs / 1_000)),
      size: objectSize(t.p.subscribers * t.p.emailIndexBytes, t.p.emailIndexBytes),
    };
  },
  whenOver: "One address is hammered: rate-limit sign-in per address before its object.",
};

/**
 * The catalog database behind read replicas (Sessions API): what still
 * reaches D1 after isolate memory and KV. Search runs FTS every time; home
 * hydrates cards once per isolate per memory lifetime; a start reads the
 * video, markers and next episode, a renewal the video (storage/playback.ts,
 * not cached today). Writes are admin edits, on the primary.
 */
const replicatedCatalog: Store = {
  name: "D1 catalog (replicated)",
  product: "D1",
  shardedBy: "one database, 6 read replicas",
  instances: () => 1 + LIMITS.d1ReadReplicas.value,
  load: (t) => {
    const { p } = t;
    const cardHydrations = Math.min(t.home, t.isolates / p.isolateMemorySeconds);
    const reads = t.search + cardHydrations + 3 * t.starts + t.renewals;
    const writes = p.catalogEditsPerSecond;
    const replica = databaseRate(reads * p.largestRegionReadShare, 0, p);
    const primary = databaseRate(0, writes, p);
    return {
      readsPerSecond: reads,
      writesPerSecond: writes,
      busiest: replica.rate / replica.limit >= primary.rate / primary.limit ? replica : primary,
      size: databaseSize(catalogBytes(p)),
    };
  },
  whenOver:
    "Still over: replicas only spread the reads. Per-playback lookups (video, markers and next " +
    "episode at each start, the video at each 9-minute renewal) and search reach D1 every time. " +
    "Cache the playback lookups like title details (isolate memory → KV, dropped with the title) " +
    "and search responses per (query, maturity, page); D1 then sees cache refills only.",
};

/** The events that feed cross-account aggregates: play starts, My List and ratings, sign-ups. */
const aggregateEvents = (t: Traffic) => t.starts + t.listChanges + t.signUps;

const eventsQueue: Store = {
  name: "Queue events → aggregates",
  product: "Queue",
  shardedBy: "one queue",
  instances: () => 1,
  load: (t) => {
    const messages = aggregateEvents(t) / t.p.eventsPerQueueMessage;
    return {
      readsPerSecond: messages,
      writesPerSecond: messages,
      busiest: queueRate(messages),
      size: null,
    };
  },
  whenOver:
    "Still over: one message per event passes a queue's 5,000 messages/s. Batch events in each " +
    "isolate into one message every few seconds (and split over a few queues), or write them to " +
    "Analytics Engine and build the aggregates from its SQL API on a schedule.",
};

const aggregatesDatabase: Store = {
  name: "D1 aggregates",
  product: "D1",
  shardedBy: "one database",
  instances: () => 1,
  load: (t) => {
    const { p } = t;
    const writes = aggregateEvents(t) * p.aggregateUpsertsPerEvent;
    // Admin user search over every account, a week of hourly title counts, 100 neighbours a title.
    const userSearch = p.subscribers * p.userSearchRowBytes;
    const trending = p.catalogTitles * 24 * 7 * p.activityRowBytes;
    const similarity = p.catalogTitles * 100 * p.activityRowBytes;
    return {
      readsPerSecond: 0,
      writesPerSecond: writes,
      busiest: databaseRate(0, writes, p),
      size: databaseSize(userSearch + trending + similarity),
    };
  },
  whenOver:
    "Still over: upserting per event is more than one SQLite writer does, and an index of every " +
    "account for admin user search alone passes 10 GB. Fold events before D1 (per isolate, or " +
    "aggregate in Analytics Engine) so D1 takes a few writes per title per minute; find users by " +
    "exact email through EmailIndex, and shard a prefix index by email hash over several databases.",
};

const shardedRequestMetrics: Store = {
  name: `RequestMetrics ×${REQUEST_METRICS_SHARDS}`,
  product: "Durable Object",
  shardedBy: `isolate hash (${REQUEST_METRICS_SHARDS} shards)`,
  instances: (t) => t.p.metricsShards,
  load: (t) => {
    const flushes = t.isolates / t.p.metricsFlushSeconds;
    const scrapes = t.p.metricsShards / t.p.metricsScrapeSeconds;
    return {
      readsPerSecond: scrapes,
      writesPerSecond: flushes,
      busiest: objectRate(
        busiestShard(flushes, t.p.metricsShards, t.isolates) + 1 / t.p.metricsScrapeSeconds,
      ),
      size: null,
    };
  },
  whenOver: "Add shards: each isolate still flushes once per interval.",
};

const shardedExperimentState: Store = {
  name: `ExperimentState ×${EXPOSURE_SHARDS}`,
  product: "Durable Object",
  shardedBy: `experiment + profile hash (${EXPOSURE_SHARDS})`,
  instances: (t) => t.p.experimentShards,
  load: (t) => {
    const { p } = t;
    const exposed = t.activeProfiles * p.largestExperimentShare;
    return {
      readsPerSecond: 0,
      writesPerSecond: exposures(t),
      busiest: objectRate(busiestShard(exposures(t), p.experimentShards, exposed)),
      size: objectSize(exposedBytes(t), exposedBytes(t) / p.experimentShards),
    };
  },
  whenOver:
    "Add shards, or record the first exposure in the profile's Account object (touched anyway) " +
    "and forward only first exposures: the api's dedupe is per isolate, so nearly every home " +
    "page and start reports.",
};

export const NEW_DESIGN: Design = {
  name: "new",
  edgeCacheHitRatio: (p) => p.edgeCacheHitRatio,
  stores: [
    accountStore,
    emailIndex,
    replicatedCatalog,
    aggregatesDatabase,
    rateLimiter("view"),
    streamSessions,
    shardedExperimentState,
    shardedRequestMetrics,
    kv,
    media((p) => p.edgeCacheHitRatio),
    analyticsEngine,
    eventsQueue,
    transcodeQueue,
    webhookQueue,
    taskBoards,
    uploadSessions,
  ],
};

export const DESIGNS: Design[] = [TODAY, NEW_DESIGN];
