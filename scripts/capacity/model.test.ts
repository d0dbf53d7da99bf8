/** The capacity model's arithmetic: how its answers move when the parameters do. */
import { describe, expect, it } from "vitest";
import { NEW_DESIGN, TODAY, accountBytes } from "./designs.ts";
import {
  busiestShard,
  d1QueriesPerSecond,
  evaluate,
  meanVideoKbps,
  segmentDelivery,
  trafficOf,
  type Design,
  type Verdict,
} from "./model.ts";
import { PARAMETERS, type Parameters } from "./parameters.ts";
import { EXPOSURE_SHARDS } from "../../lib/experiments/exposure-shards.ts";

const p = PARAMETERS;

function verdictOf(design: Design, name: string, parameters: Parameters = p): Verdict {
  const verdict = evaluate(design, parameters).find((v) => v.store.name === name);
  if (!verdict) throw new Error(`${design.name} has no store ${name}`);
  return verdict;
}

/** The same service with `factor` times the audience: subscribers and peak streams together. */
const audienceTimes = (factor: number): Parameters => ({
  ...p,
  subscribers: p.subscribers * factor,
  peakConcurrentStreams: p.peakConcurrentStreams * factor,
});

describe("the account store (new design)", () => {
  it("takes twice the writes when the audience doubles, while its busiest object stays as busy", () => {
    const base = verdictOf(NEW_DESIGN, "Account (SQLite)");
    const doubled = verdictOf(NEW_DESIGN, "Account (SQLite)", audienceTimes(2));
    expect(doubled.load.writesPerSecond).toBeCloseTo(2 * base.load.writesPerSecond, 6);
    expect(doubled.load.readsPerSecond).toBeCloseTo(2 * base.load.readsPerSecond, 6);
    expect(doubled.instances).toBe(2 * base.instances);
    expect(doubled.load.busiest.rate).toBeCloseTo(base.load.busiest.rate, 9);
  });

  it("still fits at ten times the audience, where today's single database only gets worse", () => {
    const tenfold = audienceTimes(10);
    expect(verdictOf(NEW_DESIGN, "Account (SQLite)", tenfold).over).toBe(false);
    const today = verdictOf(TODAY, "D1 marquee (35 tables)");
    const todayTenfold = verdictOf(TODAY, "D1 marquee (35 tables)", tenfold);
    expect(todayTenfold.rateUse).toBeGreaterThan(9 * today.rateUse);
  });

  it("grows each account with a longer view history, by a view row per view kept", () => {
    const longer = { ...p, viewsRetentionDays: 2 * p.viewsRetentionDays };
    const t = trafficOf(p);
    const viewsPerAccount = (t.dailyStarts * p.viewsRetentionDays) / p.subscribers;
    expect(accountBytes(trafficOf(longer)) - accountBytes(t)).toBeCloseTo(
      viewsPerAccount * p.viewRowBytes,
      6,
    );
  });
});

describe("request metrics", () => {
  it("overloads the one global object at 30M streams and not one of 64 shards", () => {
    expect(p.peakConcurrentStreams).toBe(30e6);
    const global = verdictOf(TODAY, "RequestMetrics");
    const sharded = verdictOf(NEW_DESIGN, "RequestMetrics ×64");
    expect(global.over).toBe(true);
    expect(global.load.busiest.rate).toBeGreaterThan(global.load.busiest.limit);
    expect(sharded.over).toBe(false);
    // Both take every isolate's flushes; the shards split them.
    expect(sharded.load.writesPerSecond).toBeCloseTo(global.load.writesPerSecond, 6);
    expect(sharded.load.busiest.rate).toBeLessThan(global.load.busiest.rate / 50);
  });

  it("fits one object when the service is small enough to have few isolates", () => {
    expect(verdictOf(TODAY, "RequestMetrics", audienceTimes(1 / 100)).over).toBe(false);
  });
});

describe("segment delivery", () => {
  it("cuts R2 reads and R2 egress by (1 − h) for an edge hit ratio h", () => {
    const uncached = segmentDelivery(p, 0);
    for (const h of [0.25, 0.5, 0.9, 0.99]) {
      const cached = segmentDelivery(p, h);
      expect(cached.r2ReadsPerSecond).toBeCloseTo((1 - h) * uncached.r2ReadsPerSecond, 3);
      expect(cached.r2BitsPerSecond).toBeCloseTo((1 - h) * uncached.r2BitsPerSecond, 0);
      // The viewers get the same bytes either way.
      expect(cached.viewerBitsPerSecond).toBe(uncached.viewerBitsPerSecond);
    }
  });

  it("reads R2 once per segment request today, and (1 − h) per request in the new design", () => {
    const t = trafficOf(p);
    expect(segmentDelivery(p, TODAY.edgeCacheHitRatio(p)).r2ReadsPerSecond).toBe(t.segmentRequests);
    // The R2 store's reads are segments plus the per-viewer manifests, which are not cached.
    const today = verdictOf(TODAY, "R2 MEDIA").load.readsPerSecond - t.manifestReads;
    const cached = verdictOf(NEW_DESIGN, "R2 MEDIA").load.readsPerSecond - t.manifestReads;
    expect(cached).toBeCloseTo((1 - p.edgeCacheHitRatio) * today, 3);
  });

  it("refuses a hit ratio outside [0, 1]", () => {
    expect(() => segmentDelivery(p, 1.5)).toThrow();
  });

  it("carries the ladder's viewing-weighted bit rate plus audio to every stream", () => {
    const uniform = { ...p, rungViewingShare: p.ladderKbps.map(() => 1 / p.ladderKbps.length) };
    const mean = p.ladderKbps.reduce((sum, kbps) => sum + kbps, 0) / p.ladderKbps.length;
    expect(meanVideoKbps(uniform)).toBeCloseTo(mean, 9);
    expect(segmentDelivery(uniform, 0).viewerBitsPerSecond).toBeCloseTo(
      p.peakConcurrentStreams * (mean + p.audioKbps) * 1_000,
      0,
    );
    expect(() => meanVideoKbps({ ...p, rungViewingShare: [1] })).toThrow();
    expect(() => meanVideoKbps({ ...p, rungViewingShare: p.ladderKbps.map(() => 0.5) })).toThrow();
  });
});

describe("a D1 database's throughput", () => {
  it("is 1,000 / the mean query's milliseconds", () => {
    expect(d1QueriesPerSecond(500, 0, p)).toBeCloseTo(1_000 / p.d1ReadMs, 9);
    expect(d1QueriesPerSecond(0, 500, p)).toBeCloseTo(1_000 / p.d1WriteMs, 9);
    const meanMs = (300 * p.d1ReadMs + 100 * p.d1WriteMs) / 400;
    expect(d1QueriesPerSecond(300, 100, p)).toBeCloseTo(1_000 / meanMs, 9);
  });

  it("halves when writes take twice as long", () => {
    const slower = { ...p, d1WriteMs: 2 * p.d1WriteMs };
    expect(d1QueriesPerSecond(0, 10, slower)).toBeCloseTo(d1QueriesPerSecond(0, 10, p) / 2, 9);
  });
});

describe("hashed shards", () => {
  it("give each shard its share when senders far outnumber shards", () => {
    expect(busiestShard(64_000, 64, 1e9) / 1_000).toBeCloseTo(1, 2);
  });

  it("put the busiest shard further above the mean the fewer senders each shard has", () => {
    const fewSenders = busiestShard(64_000, 64, 640);
    const manySenders = busiestShard(64_000, 64, 64_000);
    expect(fewSenders).toBeGreaterThan(manySenders);
    expect(manySenders).toBeGreaterThan(1_000);
  });

  it("spread one experiment's exposures over its shards", () => {
    const one = verdictOf(TODAY, "ExperimentState");
    const sharded = verdictOf(NEW_DESIGN, `ExperimentState ×${EXPOSURE_SHARDS}`);
    expect(sharded.load.busiest.rate).toBeCloseTo(one.load.busiest.rate / p.experimentShards, -1);
    const moreShards = verdictOf(NEW_DESIGN, `ExperimentState ×${EXPOSURE_SHARDS}`, {
      ...p,
      experimentShards: 2 * p.experimentShards,
    });
    expect(moreShards.load.busiest.rate).toBeCloseTo(sharded.load.busiest.rate / 2, -1);
    expect(moreShards.load.size!.largestBytes).toBeCloseTo(sharded.load.size!.largestBytes / 2, 0);
  });
});

describe("today's QoE rollups", () => {
  it("queue only the batches D1 cannot take", () => {
    expect(verdictOf(TODAY, "D1 marquee (35 tables)").over).toBe(true);
    expect(verdictOf(TODAY, "Queue marquee-qoe-rollups").load.writesPerSecond).toBeGreaterThan(0);
    // A service small enough for one database queues nothing.
    const small = audienceTimes(1e-6);
    expect(verdictOf(TODAY, "D1 marquee (35 tables)", small).rateUse).toBeLessThan(1);
    expect(verdictOf(TODAY, "Queue marquee-qoe-rollups", small).load.writesPerSecond).toBe(0);
  });
});

describe("every store of both designs", () => {
  it("has finite, non-negative rates and a positive limit", () => {
    for (const design of [TODAY, NEW_DESIGN]) {
      for (const { store, load } of evaluate(design, p)) {
        for (const rate of [load.readsPerSecond, load.writesPerSecond, load.busiest.rate])
          expect(Number.isFinite(rate) && rate >= 0, store.name).toBe(true);
        expect(load.busiest.limit, store.name).toBeGreaterThan(0);
      }
    }
  });
});
