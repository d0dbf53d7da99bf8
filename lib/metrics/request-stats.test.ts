/** The per-isolate request tally: what it counts, where durations land, and draining and merging. */
import { describe, expect, it } from "vitest";
import { bucketIndex } from "./prometheus-text.ts";
import { LATENCY_BUCKETS_SECONDS, methodLabel, RequestTally } from "./request-stats.ts";

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
