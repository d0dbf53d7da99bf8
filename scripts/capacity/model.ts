/**
 * The capacity model's arithmetic. `trafficOf` turns the parameters into
 * request rates at the peak; `evaluate` holds each store of a design to its
 * limits; the helpers say what a D1 database sustains and how a rate
 * spreads over hashed shards. Which store takes which request is data, in
 * designs.ts: nothing here knows a particular store, so the same sums judge
 * today's design and the new one.
 */
import { LIMITS, type LimitName } from "./limits.ts";
import type { Parameters } from "./parameters.ts";

const DAY_SECONDS = 86_400;

export type Product = "D1" | "Durable Object" | "KV" | "R2" | "Queue" | "Analytics Engine";

/** The peak's request rates (per second) and populations, derived once from the parameters. */
export interface Traffic {
  p: Parameters;
  streams: number;
  activeProfiles: number;
  profiles: number;
  home: number;
  title: number;
  search: number;
  listChanges: number;
  segmentRequests: number;
  videoSegments: number;
  progress: number;
  qoeBatches: number;
  qoeEvents: number;
  starts: number;
  stops: number;
  renewals: number;
  manifestReads: number;
  tokenRefreshes: number;
  signIns: number;
  signUps: number;
  signOuts: number;
  /** Requests that load the session's active profile (every profile-scoped route). */
  profileRequests: number;
  /** Everything the api Worker serves, segments included. */
  apiRequests: number;
  isolates: number;
  /** Video at the viewing mix plus audio. */
  meanKbps: number;
  viewerBitsPerSecond: number;
  /** A day's play starts (views), from the peak rate. */
  dailyStarts: number;
}

/** A daily total as a rate at the peak. */
const peakRate = (perDay: number, p: Parameters) => (perDay / DAY_SECONDS) * p.peakToMeanRatio;

/** A peak rate as a daily total. */
export const dailyTotal = (peakPerSecond: number, p: Parameters) =>
  (peakPerSecond * DAY_SECONDS) / p.peakToMeanRatio;

export function trafficOf(p: Parameters): Traffic {
  const streams = p.peakConcurrentStreams;
  const activeProfiles = streams * p.activeProfilesPerStream;
  const perProfileHour = (count: number) => (activeProfiles * count) / 3_600;
  const home = perProfileHour(p.homePerProfileHour);
  const title = perProfileHour(p.titlePerProfileHour);
  const search = perProfileHour(p.searchPerProfileHour);
  const listChanges = perProfileHour(p.listOrRatingChangesPerProfileHour);
  const segmentRequests = (streams * p.tracksPerSegment) / p.segmentSeconds;
  const progress = streams / p.progressIntervalSeconds;
  const qoeBatches = streams / p.qoeBatchIntervalSeconds;
  const starts = streams / (p.meanViewMinutes * 60);
  const renewals = streams / p.grantRenewalSeconds;
  const manifestReads = starts * p.manifestReadsPerStart;
  // One device per active profile: each refreshes its access token as it expires.
  const tokenRefreshes = activeProfiles / p.accessTokenTtlSeconds;
  const signIns = peakRate(p.subscribers * p.signInsPerSubscriberDay, p);
  const signUps = peakRate(p.subscribers * p.signUpsPerSubscriberDay, p);
  const signOuts = peakRate(p.subscribers * p.signOutsPerSubscriberDay, p);
  // In steady state every start ends in a stop.
  const stops = starts;
  const profileRequests =
    home + title + search + listChanges + progress + starts + stops + renewals;
  const apiRequests =
    segmentRequests +
    manifestReads +
    profileRequests +
    qoeBatches +
    tokenRefreshes +
    signIns +
    signUps +
    signOuts;
  const meanKbps = meanVideoKbps(p) + p.audioKbps;
  return {
    p,
    streams,
    activeProfiles,
    profiles: p.subscribers * p.profilesPerAccount,
    home,
    title,
    search,
    listChanges,
    segmentRequests,
    videoSegments: streams / p.segmentSeconds,
    progress,
    qoeBatches,
    qoeEvents: qoeBatches * p.qoeEventsPerBatch,
    starts,
    stops,
    renewals,
    manifestReads,
    tokenRefreshes,
    signIns,
    signUps,
    signOuts,
    profileRequests,
    apiRequests,
    isolates: apiRequests / p.requestsPerIsolateSecond,
    meanKbps,
    viewerBitsPerSecond: streams * meanKbps * 1_000,
    dailyStarts: dailyTotal(starts, p),
  };
}

/** The ladder's bit rates weighted by the share of viewing time on each rung. */
export function meanVideoKbps(p: Parameters): number {
  if (p.rungViewingShare.length !== p.ladderKbps.length)
    throw new Error("rungViewingShare needs one share per rung of ladderKbps");
  const total = p.rungViewingShare.reduce((sum, share) => sum + share, 0);
  if (Math.abs(total - 1) > 1e-9) throw new Error(`rungViewingShare sums to ${total}, not 1`);
  return p.ladderKbps.reduce((sum, kbps, rung) => sum + kbps * p.rungViewingShare[rung]!, 0);
}

/**
 * The rate of the busiest of `shards` shards when `sources` independent
 * senders (isolates, profiles) are spread over them by a hash: each shard
 * gets a binomial share of the senders, so the busiest sits about three
 * standard deviations above the mean.
 */
export function busiestShard(rate: number, shards: number, sources: number): number {
  const sendersPerShard = sources / shards;
  return (rate / shards) * (1 + 3 / Math.sqrt(Math.max(sendersPerShard, 1)));
}

/**
 * What one D1 database sustains for a mix of reads and writes: it runs one
 * query at a time, so queries/s ≈ 1,000 / the mean query's milliseconds.
 */
export function d1QueriesPerSecond(reads: number, writes: number, p: Parameters): number {
  const queries = reads + writes;
  const meanMs = queries === 0 ? p.d1ReadMs : (reads * p.d1ReadMs + writes * p.d1WriteMs) / queries;
  return LIMITS.d1QueryMsPerSecond.value / meanMs;
}

/** The busiest single instance (object, key, database, queue, invocation) against its limit. */
export interface Busiest {
  rate: number;
  limit: number;
  /** What `rate` and `limit` count, e.g. "req/s", "queries/s", "points/invocation". */
  unit: string;
  limitName: LimitName;
}

export interface Size {
  totalBytes: number;
  largestBytes: number;
  /** Null where the product has no per-instance size limit (KV, R2, Queues, Analytics Engine). */
  limitBytes: number | null;
}

export interface Load {
  readsPerSecond: number;
  writesPerSecond: number;
  busiest: Busiest;
  size: Size | null;
}

export interface Store {
  name: string;
  product: Product;
  /** What one instance is per: "account id", "one for everything". */
  shardedBy: string;
  instances: (t: Traffic) => number;
  load: (t: Traffic) => Load;
  /** Why it goes over and what answers it (for a store that fits: what would); printed when over. */
  whenOver: string;
}

export interface Design {
  name: string;
  stores: Store[];
  /** The share of segment requests the edge cache answers (0: every one reads R2). */
  edgeCacheHitRatio: (p: Parameters) => number;
}

export interface Verdict {
  store: Store;
  instances: number;
  load: Load;
  /** Busiest rate ÷ its limit. */
  rateUse: number;
  /** Largest instance's bytes ÷ its limit, where there is one. */
  sizeUse: number | null;
  over: boolean;
}

export function evaluate(design: Design, p: Parameters): Verdict[] {
  const traffic = trafficOf(p);
  return design.stores.map((store) => {
    const load = store.load(traffic);
    const rateUse = load.busiest.rate / load.busiest.limit;
    const sizeUse =
      load.size && load.size.limitBytes !== null
        ? load.size.largestBytes / load.size.limitBytes
        : null;
    return {
      store,
      instances: store.instances(traffic),
      load,
      rateUse,
      sizeUse,
      over: rateUse > 1 || (sizeUse ?? 0) > 1,
    };
  });
}

export interface SegmentDelivery {
  hitRatio: number;
  requestsPerSecond: number;
  r2ReadsPerSecond: number;
  viewerBitsPerSecond: number;
  r2BitsPerSecond: number;
}

/** Segment delivery at the peak when the edge cache answers `hitRatio` of segment requests. */
export function segmentDelivery(p: Parameters, hitRatio: number): SegmentDelivery {
  if (hitRatio < 0 || hitRatio > 1) throw new Error(`hit ratio ${hitRatio} is not in [0, 1]`);
  const t = trafficOf(p);
  return {
    hitRatio,
    requestsPerSecond: t.segmentRequests,
    r2ReadsPerSecond: t.segmentRequests * (1 - hitRatio),
    viewerBitsPerSecond: t.viewerBitsPerSecond,
    r2BitsPerSecond: t.viewerBitsPerSecond * (1 - hitRatio),
  };
}
