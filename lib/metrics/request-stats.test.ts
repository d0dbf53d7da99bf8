/**
 * The per-isolate request tally (what it counts, where durations land, and
 * draining and merging), the shards' names, and merging the shards' totals.
 */
import { describe, expect, it } from "vitest";
import { bucketIndex } from "./prometheus-text.ts";
import {
  LATENCY_BUCKETS_SECONDS,
  mergeRequestStats,
  methodLabel,
  randomRequestMetricsShard,
  REQUEST_METRICS_SHARDS,
  requestMetricsShardNames,
  RequestTally,
  type RequestStats,
} from "./request-stats.ts";

describe("bucketIndex", () => {
  it("puts a value in the first bucket whose bound it does not exceed", () => {
    const bounds = LATENCY_BUCKETS_SECONDS;
    expect(bucketIndex(bounds, 0)).toBe(0);
    expect(bucketIndex(bounds, 0.005)).toBe(0);
    expect(bucketIndex(bounds, 0.0051)).toBe(1);
    expect(bucketIndex(bounds, 10)).toBe(bounds.length - 1);
    expect(bucketIndex(bounds, 10.001)).toBe(bounds.length);
  });
});

describe("RequestTally", () => {
  it("counts per route, method and status and sums latency per route and method", () => {
    const tally = new RequestTally();
    expect(tally.isEmpty).toBe(true);
    tally.record("/api/titles/:id", "GET", 200, 3);
    tally.record("/api/titles/:id", "GET", 200, 30);
    tally.record("/api/titles/:id", "GET", 404, 12_000);
    tally.record("/api/titles/:id", "BREW", 405, 1);
    const { counts, latencies } = tally.drain();
    expect(counts).toEqual([
      { route: "/api/titles/:id", method: "GET", status: 200, count: 2 },
      { route: "/api/titles/:id", method: "GET", status: 404, count: 1 },
      { route: "/api/titles/:id", method: "OTHER", status: 405, count: 1 },
    ]);
    const get = latencies.find((latency) => latency.method === "GET")!;
    expect(get.buckets).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(get.sumSeconds).toBeCloseTo(12.033);
    expect(tally.isEmpty).toBe(true);
    expect(tally.drain()).toEqual({ counts: [], latencies: [] });
  });

  it("takes drained counts back after a failed flush, adding to what came since", () => {
    const tally = new RequestTally();
    tally.record("/a", "POST", 201, 1);
    const failed = tally.drain();
    tally.record("/a", "POST", 201, 1);
    tally.merge(failed);
    const { counts, latencies } = tally.drain();
    expect(counts).toEqual([{ route: "/a", method: "POST", status: 201, count: 2 }]);
    expect(latencies[0]!.buckets[0]).toBe(2);
    expect(latencies[0]!.sumSeconds).toBeCloseTo(0.002);
  });

  it("labels only known methods", () => {
    expect(["GET", "DELETE", "OPTIONS", "get", "PROPFIND"].map(methodLabel)).toEqual([
      "GET",
      "DELETE",
      "OPTIONS",
      "OTHER",
      "OTHER",
    ]);
  });
});

const drained = (...requests: [string, string, number, number][]): RequestStats => {
  const tally = new RequestTally();
  for (const [route, method, status, ms] of requests) tally.record(route, method, status, ms);
  return tally.drain();
};

describe("request metrics shards", () => {
  it("names 64 distinct shards and picks one of them", () => {
    const names = requestMetricsShardNames();
    expect(names).toHaveLength(REQUEST_METRICS_SHARDS);
    expect(new Set(names).size).toBe(REQUEST_METRICS_SHARDS);
    const picked = new Set(Array.from({ length: 2_000 }, randomRequestMetricsShard));
    expect([...picked].every((shard) => names[shard] !== undefined)).toBe(true);
    // 2,000 picks leave a given shard out with probability (63/64)^2000, about 2e-14.
    expect(picked.size).toBe(REQUEST_METRICS_SHARDS);
  });
});

describe("mergeRequestStats", () => {
  it("adds counts, histogram buckets and sums across shards", () => {
    const one = drained(["/b", "GET", 200, 3], ["/a", "POST", 201, 40], ["/b", "GET", 500, 20_000]);
    const other = drained(["/b", "GET", 200, 30], ["/a", "POST", 201, 4]);
    const { counts, latencies } = mergeRequestStats([one, other]);
    expect(counts).toEqual([
      { route: "/a", method: "POST", status: 201, count: 2 },
      { route: "/b", method: "GET", status: 200, count: 2 },
      { route: "/b", method: "GET", status: 500, count: 1 },
    ]);
    expect(latencies.map(({ route, method }) => `${method} ${route}`)).toEqual([
      "POST /a",
      "GET /b",
    ]);
    // 3 ms in the first bucket, 30 ms in the 50 ms one, 20 s above every bound.
    expect(latencies[1]!.buckets).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(latencies[1]!.sumSeconds).toBeCloseTo(20.033);
    expect(latencies[0]!.buckets).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(latencies[0]!.sumSeconds).toBeCloseTo(0.044);
  });

  it("orders series by route, method and status, as one shard's snapshot does", () => {
    const merged = mergeRequestStats([
      drained(["/z", "GET", 404, 1], ["/a", "PUT", 200, 1]),
      drained(["/z", "GET", 200, 1], ["/a", "GET", 200, 1]),
    ]);
    expect(
      merged.counts.map(({ route, method, status }) => `${route} ${method} ${status}`),
    ).toEqual(["/a GET 200", "/a PUT 200", "/z GET 200", "/z GET 404"]);
    expect(merged.latencies.map(({ route, method }) => `${route} ${method}`)).toEqual([
      "/a GET",
      "/a PUT",
      "/z GET",
    ]);
  });

  it("takes shards never written to as nothing", () => {
    const empty = { counts: [], latencies: [] };
    expect(mergeRequestStats([])).toEqual(empty);
    expect(mergeRequestStats([empty, empty])).toEqual(empty);
    const one = drained(["/a", "GET", 200, 3]);
    const expected = structuredClone(one);
    expect(mergeRequestStats([empty, one, empty])).toEqual(expected);
  });

  it("leaves the shards' own totals alone", () => {
    const one = drained(["/a", "GET", 200, 3]);
    const before = structuredClone(one);
    mergeRequestStats([one, drained(["/a", "GET", 200, 3])]);
    expect(one).toEqual(before);
  });
});
