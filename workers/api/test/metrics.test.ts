/**
 * GET /metrics through the real Worker: refused without the metrics token,
 * and otherwise a document the Prometheus project's own parser reads
 * (testing/prometheus-parser.ts) whose numbers are right: requests made
 * here are counted under their route pattern, their latency histogram is
 * cumulative, and the streaming metrics equal the sums of rollup rows
 * seeded here (the all-views rows only). Request counts are kept in
 * RequestMetrics shards: a scrape adds up every shard, and one isolate's
 * flushes all go to one shard.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  requestMetricsShardName,
  requestMetricsShardNames,
  RequestTally,
} from "../../../lib/metrics/request-stats.ts";
import {
  parseExposition,
  parserMissing,
  sample,
  type ParsedFamily,
} from "../../../testing/prometheus-families.ts";
import { env, expectError, request } from "./helpers.ts";

const missing = await parserMissing(env.PROMETHEUS_PARSER);

async function scrape(): Promise<Map<string, ParsedFamily>> {
  const response = await request("/metrics", { token: env.METRICS_TOKEN });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
  return parseExposition(env.PROMETHEUS_PARSER, await response.text());
}

const number = (value: unknown) => {
  expect(typeof value).toBe("number");
  return value as number;
};

describe("GET /metrics without the metrics token", () => {
  it.each([
    ["no Authorization header", {}],
    ["a wrong token", { authorization: `Bearer ${"x".repeat(43)}` }],
    ["the token under another scheme", { authorization: `Basic ${env.METRICS_TOKEN}` }],
    ["a prefix of the token", { authorization: `Bearer ${env.METRICS_TOKEN.slice(0, -1)}` }],
  ])("answers %s with 401", async (_, headers) => {
    const response = await request("/metrics", { headers });
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    await expectError(response, 401, "unauthenticated");
  });

  it("does not take a user's access token instead", async () => {
    const response = await request("/metrics", { token: "not-the-metrics-token" });
    await expectError(response, 401, "unauthenticated");
  });
});

it("is documented with its security scheme", async () => {
  const document = (await (await request("/api/openapi.json")).json()) as {
    paths: Record<string, { get?: { operationId: string; security: object[] } }>;
    components: { securitySchemes: Record<string, { type: string; scheme: string }> };
  };
  expect(document.paths["/metrics"]?.get).toMatchObject({
    operationId: "getMetrics",
    security: [{ metricsToken: [] }],
  });
  expect(document.components.securitySchemes.metricsToken).toMatchObject({
    type: "http",
    scheme: "bearer",
  });
});

describe.skipIf(missing)(`GET /metrics, parsed${missing ? ` (skipped: ${missing})` : ""}`, () => {
  it("counts requests per route pattern, method and status, with a cumulative histogram", async () => {
    const route = { route: "/api/titles/:titleId", method: "GET" };
    const before = await scrape();
    const N = 7;
    for (let i = 0; i < N; i++) {
      // Ids differ per request; the label is the pattern, so they all count together. Without a
      // token the route's own access check answers, and is counted under the route's pattern.
      expect((await request(`/api/titles/${crypto.randomUUID()}`)).status).toBe(401);
    }
    const after = await scrape();

    const count = (families: Map<string, ParsedFamily>) =>
      Number(
        sample(families.get("http_requests"), "http_requests_total", { ...route, status: "401" }) ??
          0,
      );
    expect(count(after) - count(before)).toBe(N);
    expect(after.get("http_requests")?.type).toBe("counter");
    // No label carries a URL: every route label is a registered pattern.
    for (const { labels } of after.get("http_requests")!.samples) {
      expect(labels.route).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    }

    const latency = after.get("http_request_duration_seconds")!;
    expect(latency.type).toBe("histogram");
    const latencyCount = (families: Map<string, ParsedFamily>) =>
      Number(
        sample(
          families.get("http_request_duration_seconds"),
          "http_request_duration_seconds_count",
          route,
        ) ?? 0,
      );
    expect(latencyCount(after) - latencyCount(before)).toBe(N);

    // Every series: buckets never decrease with le, end at +Inf, and +Inf equals _count.
    const series = new Map<string, { le: string; value: number }[]>();
    for (const { name, labels, value } of latency.samples) {
      if (name !== "http_request_duration_seconds_bucket") continue;
      const { le, ...rest } = labels;
      const key = JSON.stringify(rest);
      series.set(key, [...(series.get(key) ?? []), { le: le!, value: number(value) }]);
    }
    expect(series.size).toBeGreaterThan(0);
    for (const [key, buckets] of series) {
      const bounds = buckets.map((bucket) => (bucket.le === "+Inf" ? Infinity : Number(bucket.le)));
      expect(bounds).toEqual([...bounds].sort((a, b) => a - b));
      expect(bounds.at(-1)).toBe(Infinity);
      expect(bounds[0]).toBe(0.005);
      const values = buckets.map((bucket) => bucket.value);
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect(sample(latency, "http_request_duration_seconds_count", JSON.parse(key))).toBe(
        values.at(-1),
      );
    }
  });

  it("counts its own scrapes too", async () => {
    const scrapes = (families: Map<string, ParsedFamily>) =>
      Number(
        sample(families.get("http_requests"), "http_requests_total", {
          route: "/metrics",
          method: "GET",
          status: "200",
        }) ?? 0,
      );
    const first = scrapes(await scrape());
    // The first scrape is counted once it has answered; the second sees it.
    expect(scrapes(await scrape())).toBe(first + 1);
  });

  describe("across the RequestMetrics shards", () => {
    const shard = (n: number) => env.REQUEST_METRICS.getByName(requestMetricsShardName(n));

    it("adds up counts, histogram buckets and sums recorded in two different shards", async () => {
      // A label no real route has, so only what is recorded here moves it.
      const route = { route: "/test/two-shards", method: "GET" };
      const value = (
        families: Map<string, ParsedFamily>,
        family: string,
        name: string,
        labels = {},
      ) => Number(sample(families.get(family), name, { ...route, ...labels }) ?? 0);
      const requests = (families: Map<string, ParsedFamily>, status: string) =>
        value(families, "http_requests", "http_requests_total", { status });
      const latency = (families: Map<string, ParsedFamily>, suffix: string, labels = {}) =>
        value(
          families,
          "http_request_duration_seconds",
          `http_request_duration_seconds_${suffix}`,
          labels,
        );

      const before = await scrape();
      const three = new RequestTally();
      three.record(route.route, route.method, 200, 3);
      three.record(route.route, route.method, 200, 40);
      const seventeen = new RequestTally();
      seventeen.record(route.route, route.method, 200, 20_000);
      seventeen.record(route.route, route.method, 503, 1);
      await Promise.all([shard(3).record(three.drain()), shard(17).record(seventeen.drain())]);
      const after = await scrape();

      const moved = (read: (families: Map<string, ParsedFamily>) => number) =>
        read(after) - read(before);
      expect(moved((f) => requests(f, "200"))).toBe(3);
      expect(moved((f) => requests(f, "503"))).toBe(1);
      expect(moved((f) => latency(f, "count"))).toBe(4);
      expect(moved((f) => latency(f, "sum"))).toBeCloseTo(20.044, 9);
      // Cumulative buckets: 1 ms and 3 ms by 5 ms, 40 ms by 50 ms, 20 s only at +Inf.
      expect(moved((f) => latency(f, "bucket", { le: "0.005" }))).toBe(2);
      expect(moved((f) => latency(f, "bucket", { le: "0.05" }))).toBe(3);
      expect(moved((f) => latency(f, "bucket", { le: "10" }))).toBe(3);
      expect(moved((f) => latency(f, "bucket", { le: "+Inf" }))).toBe(4);
    });

    it("keeps one isolate's flushes in one shard", async () => {
      // Only this file scrapes, so only this isolate's shard counts GET /metrics.
      const scrapesPerShard = async () =>
        (
          await Promise.all(
            requestMetricsShardNames().map((name) =>
              env.REQUEST_METRICS.getByName(name).snapshot(),
            ),
          )
        ).map(({ counts }) =>
          counts
            .filter(({ route, method }) => route === "/metrics" && method === "GET")
            .reduce((sum, { count }) => sum + count, 0),
        );
      const before = await scrapesPerShard();
      // Each scrape flushes the count of the one before it: three flushes, three scrapes sent.
      for (let i = 0; i < 4; i++) await scrape();
      const after = await scrapesPerShard();
      const grown = after.map((count, n) => count - before[n]!).filter((delta) => delta > 0);
      expect(grown).toHaveLength(1);
      expect(grown[0]).toBeGreaterThanOrEqual(3);
    });
  });

  describe("streaming metrics", () => {
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    const lastMinute = minute - 60_000;

    beforeAll(async () => {
      const rollup = (
        title: string,
        variant: string,
        [starts, rebuffers, failed, nonFatal]: number[],
      ) =>
        env.DB.prepare(
          `insert into qoe_minute_rollups (minute, title_id, device_type, country, abr_policy, variant,
             views_started, rebuffer_count, failed_views, non_fatal_errors)
           values (?, ?, 'desktop', 'GB', 'marquee', ?, ?, ?, ?, ?)`,
        ).bind(lastMinute - 120_000, title, variant, starts, rebuffers, failed, nonFatal);
      const rendition = (bitrateKbps: number, playedMs: number, variant = "") =>
        env.DB.prepare(
          `insert into qoe_rendition_time (minute, title_id, device_type, country, abr_policy, variant,
             height, bitrate_kbps, played_ms) values (?, 't1', 'desktop', 'GB', 'marquee', ?, 720, ?, ?)`,
        ).bind(lastMinute, variant, bitrateKbps, playedMs);
      const active = (at: number, view: string) =>
        env.DB.prepare(
          "insert into qoe_active_views (minute, view_id, title_id) values (?, ?, 't1')",
        ).bind(at, view);
      const alert = (rule: string, resolvedAt: number | null) =>
        env.DB.prepare(
          "insert into alerts (id, rule, value, threshold, fired_at, resolved_at) values (?, ?, 3, 2, ?, ?)",
        ).bind(crypto.randomUUID(), rule, lastMinute, resolvedAt);
      await env.DB.batch([
        rollup("t1", "", [3, 2, 1, 4]),
        rollup("t2", "", [4, 3, 0, 1]),
        // A view in an experiment is counted again on its variant's row; totals must skip it.
        rollup("t1", "exp-1:b", [100, 100, 100, 100]),
        rendition(800, 60_000),
        rendition(3000, 30_000),
        rendition(30_000, 1_000),
        rendition(800, 999_000, "exp-1:b"),
        // Three views in the last complete minute; the same three in the current one, so the
        // answer holds if the minute turns during the test. One earlier view does not count.
        ...["a", "b", "c"].flatMap((view) => [active(lastMinute, view), active(minute, view)]),
        active(lastMinute - 60_000, "earlier"),
        alert("rebuffer_percentage", null),
        alert("concurrent_viewers", lastMinute),
      ]);
    });

    it("sums the all-views rollups into the streaming counters", async () => {
      const families = await scrape();
      expect(families.get("streaming_starts")?.type).toBe("counter");
      expect(sample(families.get("streaming_starts"), "streaming_starts_total")).toBe(7);
      expect(sample(families.get("streaming_buffer_events"), "streaming_buffer_events_total")).toBe(
        5,
      );
      const errors = families.get("streaming_playback_errors");
      expect(sample(errors, "streaming_playback_errors_total", { fatal: "true" })).toBe(1);
      expect(sample(errors, "streaming_playback_errors_total", { fatal: "false" })).toBe(5);
    });

    it("histograms seconds played by rendition bitrate", async () => {
      const bitrate = (await scrape()).get("streaming_bitrate_kbps")!;
      expect(bitrate.type).toBe("histogram");
      expect(bitrate.help).toMatch(/one second of video played/);
      const bucket = (le: string) => sample(bitrate, "streaming_bitrate_kbps_bucket", { le });
      expect([bucket("500"), bucket("1000"), bucket("2500"), bucket("4000")]).toEqual([
        0, 60, 60, 90,
      ]);
      expect([bucket("25000"), bucket("+Inf")]).toEqual([90, 91]);
      expect(sample(bitrate, "streaming_bitrate_kbps_count")).toBe(91);
      expect(sample(bitrate, "streaming_bitrate_kbps_sum")).toBe(800 * 60 + 3000 * 30 + 30_000);
    });

    it("reports concurrent viewers and which alert rules are firing", async () => {
      const families = await scrape();
      expect(families.get("streaming_concurrent_viewers")).toMatchObject({
        type: "gauge",
        samples: [{ value: 3 }],
      });
      const firing = families.get("streaming_alerts_firing");
      expect(firing?.type).toBe("gauge");
      expect(sample(firing, "streaming_alerts_firing", { rule: "rebuffer_percentage" })).toBe(1);
      expect(sample(firing, "streaming_alerts_firing", { rule: "concurrent_viewers" })).toBe(0);
      expect(
        sample(firing, "streaming_alerts_firing", { rule: "playback_failure_percentage" }),
      ).toBe(0);
    });
  });
});
