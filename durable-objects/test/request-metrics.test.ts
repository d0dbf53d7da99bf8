/**
 * One RequestMetrics shard on its own: batches from many isolates add up,
 * whatever their order, and a shard never written to answers empty.
 */
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { RequestTally } from "../../lib/metrics/request-stats.ts";

it("adds batches into cumulative counts and histograms", async () => {
  const metrics = env.REQUEST_METRICS.getByName(crypto.randomUUID());
  expect(await metrics.snapshot()).toEqual({ counts: [], latencies: [] });

  const first = new RequestTally();
  first.record("/api/titles/:id", "GET", 200, 3);
  first.record("/api/titles/:id", "GET", 404, 40);
  const second = new RequestTally();
  second.record("/api/titles/:id", "GET", 200, 20_000);
  second.record("/api/health", "HEAD", 200, 1);
  await metrics.record(first.drain());
  await metrics.record(second.drain());

  const { counts, latencies } = await metrics.snapshot();
  expect(counts).toEqual([
    { route: "/api/health", method: "HEAD", status: 200, count: 1 },
    { route: "/api/titles/:id", method: "GET", status: 200, count: 2 },
    { route: "/api/titles/:id", method: "GET", status: 404, count: 1 },
  ]);
  const titles = latencies.find((latency) => latency.route === "/api/titles/:id")!;
  // 3 ms in the first bucket, 40 ms in the 50 ms one, 20 s above every bound.
  expect(titles.buckets).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
  expect(titles.sumSeconds).toBeCloseTo(20.043);
});
