/**
 * QoE events end to end through the api Worker and the analytics Worker:
 * batches in, rollups (real D1), metrics out. The generated session set
 * (testing/qoe-sessions.ts) is the ground truth: what the API reports must
 * equal the metrics recomputed from its raw events.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { tokenKeys } from "../../../lib/auth/signed-token.ts";
import { HISTOGRAM_RELATIVE_ACCURACY } from "../../../lib/qoe/histogram.ts";
import type { QoeEvent } from "../../../lib/qoe/events.ts";
import { signViewToken, type QoeView } from "../../../lib/qoe/view-token.ts";
import { mulberry32 } from "../../../scripts/demo-catalog/random.ts";
import { ENDED_GRACE_MS } from "../../../durable-objects/src/stream-sessions.ts";
import { generateView, metricsOfViews } from "../../../testing/qoe-sessions.ts";
import { env, expectError, request, staffToken, viewerToken } from "./helpers.ts";

let analyst: string;

beforeAll(async () => {
  analyst = (await staffToken("experiment_admin")).token;
});

function view(overrides: Partial<QoeView> = {}): QoeView {
  return {
    viewId: crypto.randomUUID(),
    profileId: crypto.randomUUID(),
    accountId: crypto.randomUUID(),
    titleId: crypto.randomUUID(),
    episodeId: null,
    deviceType: "desktop",
    country: "GB",
    abrPolicy: "hybrid-default",
    variants: [],
    ...overrides,
  };
}

/**
 * The view token startPlayback would sign for `qoeView`, with the playback
 * session it opens in the account's StreamSessions object (a view's batches
 * count only while its session is on).
 */
async function viewToken(qoeView: QoeView) {
  await openSession(qoeView);
  return signViewToken(await tokenKeys(env.JWT_SIGNING_KEYS), qoeView);
}

const sessionsOf = (qoeView: QoeView) => env.STREAM_SESSIONS.getByName(qoeView.accountId);

async function openSession(qoeView: QoeView) {
  const started = await sessionsOf(qoeView).start(
    {
      playbackSessionId: qoeView.viewId,
      authSessionId: crypto.randomUUID(),
      profileId: qoeView.profileId,
      deviceId: `device-${qoeView.viewId}`,
      deviceLabel: "QoE test",
      assetId: crypto.randomUUID(),
      titleId: qoeView.titleId,
      episodeId: qoeView.episodeId,
      maxHeight: 1080,
    },
    Number.MAX_SAFE_INTEGER,
    false,
  );
  expect(started.started).toBe(true);
}

function send(viewToken: string, events: QoeEvent[], batchId: string = crypto.randomUUID()) {
  return request("/api/qoe/events", { body: { viewToken, batchId, events } });
}

const at = Date.now();
const VIEW_START: QoeEvent = { type: "view_start", seq: 0, at };
const FIRST_FRAME: QoeEvent = { type: "first_frame", seq: 1, at, startupMs: 420 };

/** The window around now, as the read API takes it. */
function window() {
  return `from=${new Date(Date.now() - 5 * 60_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`;
}

interface Summary {
  metrics: {
    views: number;
    startupTimeMs: { p50: number | null; p95: number | null; mean: number | null };
    rebufferPercentage: number | null;
    rebufferFrequencyPerMinute: number | null;
    playbackFailurePercentage: number | null;
    exitsBeforeVideoStartPercentage: number | null;
    averageBitrateKbps: number | null;
    upscalePercentage: number | null;
    watchHours: number;
    renditions: { height: number; share: number }[];
    viewerExperienceScore: number | null;
  };
  startupDistribution: { views: number }[];
  dimensions: { abrPolicies: { value: string }[] };
}

async function summary(query: string): Promise<Summary> {
  const response = await request(`/api/qoe/summary?${window()}&${query}`, { token: analyst });
  expect(response.status).toBe(200);
  return (await response.json()) as Summary;
}

describe("QoE events", () => {
  it("rollups equal the metrics recomputed from the raw events of a generated session set", async () => {
    const random = mulberry32(20261121);
    const policy = `test-${crypto.randomUUID().slice(0, 8)}`;
    const views = Array.from({ length: 60 }, () => generateView(random));
    for (const generated of views) {
      const token = await viewToken(
        view({ abrPolicy: policy, deviceType: random() < 0.5 ? "desktop" : "mobile" }),
      );
      for (const batch of generated.batches) expect((await send(token, batch)).status).toBe(202);
    }

    const expected = metricsOfViews(views.map((generated) => generated.events));
    const { metrics, startupDistribution, dimensions } = await summary(`abrPolicy=${policy}`);
    expect(metrics.views).toBe(expected.views);
    expect(metrics.startupTimeMs.mean).toBeCloseTo(expected.startupMean!, 6);
    for (const [reported, exact] of [
      [metrics.startupTimeMs.p50, expected.startupP50],
      [metrics.startupTimeMs.p95, expected.startupP95],
    ] as const) {
      expect(Math.abs(reported! - exact!) / exact!).toBeLessThanOrEqual(
        HISTOGRAM_RELATIVE_ACCURACY + 1e-9,
      );
    }
    expect(metrics.rebufferPercentage).toBeCloseTo(expected.rebufferPercentage, 9);
    expect(metrics.rebufferFrequencyPerMinute).toBeCloseTo(expected.rebufferFrequencyPerMinute, 9);
    expect(metrics.playbackFailurePercentage).toBeCloseTo(expected.playbackFailurePercentage, 9);
    expect(metrics.exitsBeforeVideoStartPercentage).toBeCloseTo(
      expected.exitsBeforeVideoStartPercentage,
      9,
    );
    expect(metrics.averageBitrateKbps).toBeCloseTo(expected.averageBitrateKbps, 6);
    expect(metrics.upscalePercentage).toBeCloseTo(expected.upscalePercentage, 9);
    expect(metrics.watchHours).toBeCloseTo(expected.watchHours, 9);
    expect(metrics.renditions.reduce((sum, rendition) => sum + rendition.share, 0)).toBeCloseTo(
      1,
      9,
    );
    expect(metrics.viewerExperienceScore).toBeGreaterThan(0);
    expect(metrics.viewerExperienceScore).toBeLessThanOrEqual(100);
    const started = views.filter((generated) =>
      generated.events.some((event) => event.type === "first_frame"),
    ).length;
    expect(startupDistribution.reduce((sum, bin) => sum + bin.views, 0)).toBe(started);
    expect(dimensions.abrPolicies.map((option) => option.value)).toContain(policy);

    // A slice is the subset's own metrics: mobile views only.
    const mobile = await summary(`abrPolicy=${policy}&deviceType=mobile`);
    expect(mobile.metrics.views).toBeLessThan(expected.views);
    expect(mobile.metrics.views).toBeGreaterThan(0);
  }, 120_000);

  it("counts a batch sent twice once", async () => {
    const policy = `dup-${crypto.randomUUID().slice(0, 8)}`;
    const token = await viewToken(view({ abrPolicy: policy }));
    const batchId = crypto.randomUUID();
    const first = await send(token, [VIEW_START, FIRST_FRAME], batchId);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ accepted: 2, duplicate: false });
    const again = await send(token, [VIEW_START, FIRST_FRAME], batchId);
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ accepted: 0, duplicate: true });
    expect((await summary(`abrPolicy=${policy}`)).metrics.views).toBe(1);
  });

  it("counts a view in an experiment on its variant's slice too", async () => {
    const experimentId = crypto.randomUUID();
    const qoeView = view({ variants: [`${experimentId}:treatment`] });
    const token = await viewToken(qoeView);
    expect((await send(token, [VIEW_START, FIRST_FRAME])).status).toBe(202);
    const treatment = await summary(`variant=${experimentId}:treatment`);
    expect(treatment.metrics.views).toBe(1);
    expect(treatment.metrics.startupTimeMs.mean).toBe(420);
    expect((await summary(`variant=${experimentId}:control`)).metrics.views).toBe(0);
    const unit = await env.DB.prepare(
      "select variant, views from experiment_unit_metrics where experiment_id = ? and profile_id = ?",
    )
      .bind(experimentId, qoeView.profileId)
      .first();
    expect(unit).toEqual({ variant: "treatment", views: 1 });
  });

  it("queues a batch while the rollup store is unavailable and applies it later", async () => {
    const policy = `queued-${crypto.randomUUID().slice(0, 8)}`;
    const token = await viewToken(view({ abrPolicy: policy }));
    // A real failure of the store: the table the batch must write is gone for a moment.
    await env.DB.exec("alter table qoe_minute_rollups rename to qoe_minute_rollups_away");
    let response: Response;
    try {
      response = await send(token, [VIEW_START, FIRST_FRAME]);
    } finally {
      await env.DB.exec("alter table qoe_minute_rollups_away rename to qoe_minute_rollups");
    }
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 2, duplicate: false });
    // Nothing of the batch was written by the failed transaction.
    const histogram = await env.DB.prepare(
      "select count(*) as n from qoe_startup_histogram where abr_policy = ?",
    )
      .bind(policy)
      .first<{ n: number }>();
    expect(histogram!.n).toBe(0);
    // The queue consumer applies it once the store is back.
    await expect
      .poll(async () => (await summary(`abrPolicy=${policy}`)).metrics.views, {
        timeout: 20_000,
        interval: 500,
      })
      .toBe(1);
  }, 30_000);

  it("refuses a bad batch whole and stores none of it", async () => {
    const policy = `bad-${crypto.randomUUID().slice(0, 8)}`;
    const token = await viewToken(view({ abrPolicy: policy }));
    const bad = [VIEW_START, { type: "first_frame", seq: 1, at, startupMs: -5 }] as QoeEvent[];
    await expectError(await send(token, bad), 400, "validation_failed");
    await expectError(
      await send(token, [{ ...VIEW_START, type: "nonsense" } as unknown as QoeEvent]),
      400,
    );
    await expectError(await send(token, []), 400, "validation_failed");
    const tooMany = Array.from({ length: 101 }, (_, seq) => ({ ...VIEW_START, seq }));
    await expectError(await send(token, tooMany), 400, "validation_failed");
    const huge = [
      { type: "error", seq: 0, at, fatal: false, code: "x".repeat(40_000) },
    ] as QoeEvent[];
    await expectError(await send(token, huge), 413);
    await expectError(
      await request("/api/qoe/events", {
        body: "{not json",
        headers: { "content-type": "application/json" },
      }),
      400,
    );
    expect((await summary(`abrPolicy=${policy}`)).metrics.views).toBe(0);
  });

  it("refuses a forged, expired or foreign token with 401", async () => {
    const token = await viewToken(view());
    const [header, payload] = token.split(".");
    await expectError(
      await send(`${header}.${payload}.forged`, [VIEW_START]),
      401,
      "invalid_view_token",
    );
    await expectError(await send("not-a-token", [VIEW_START]), 401, "invalid_view_token");
    // An access token is not a view token (another audience).
    const { token: accessToken } = await viewerToken();
    await expectError(await send(accessToken, [VIEW_START]), 401, "invalid_view_token");
  });

  it("refuses a view whose playback session never existed, or ended over a minute ago, with 403", async () => {
    const never = view();
    const unopened = await signViewToken(await tokenKeys(env.JWT_SIGNING_KEYS), never);
    await expectError(await send(unopened, [VIEW_START]), 403, "view_ended");

    const stopped = view();
    const token = await viewToken(stopped);
    expect((await send(token, [VIEW_START])).status).toBe(202);
    // Its last batch may race the stop: just after, it still counts…
    await sessionsOf(stopped).stop(stopped.viewId);
    expect((await send(token, [FIRST_FRAME])).status).toBe(202);

    // …a minute after, the token is worth nothing (a session ended as if that long ago).
    const ended = view();
    const endedToken = await viewToken(ended);
    await sessionsOf(ended).stop(ended.viewId, Date.now() - ENDED_GRACE_MS - 1000);
    await expectError(await send(endedToken, [VIEW_START]), 403, "view_ended");
  });

  /** The statuses of `count` one-event batches sent one after another from `ip`. */
  async function burst(ip: string, count: number, viewTokenFor: (i: number) => string) {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      const response = await request("/api/qoe/events", {
        ip,
        body: {
          viewToken: viewTokenFor(i),
          batchId: crypto.randomUUID(),
          events: [{ ...VIEW_START, seq: i }],
        },
      });
      statuses.push(response.status);
    }
    return statuses;
  }

  it("rate-limits one view's batches", async () => {
    const token = await viewToken(view());
    const statuses = await burst("10.250.0.1", 125, () => token);
    expect(statuses.filter((status) => status === 202)).toHaveLength(120);
    expect(statuses.at(-1)).toBe(429);
  }, 60_000);

  it("counts batches per view, so viewers behind one address are not refused together", async () => {
    const ip = "10.250.0.2";
    // Forged batches exhaust the address's own allowance (each refused 401 by the analytics Worker)…
    const forged = await burst(ip, 121, () => "not-a-view-token");
    expect(forged.filter((status) => status === 401)).toHaveLength(120);
    expect(forged.at(-1)).toBe(429);
    // …while viewers with valid views behind the same address still count on their own.
    const tokens = await Promise.all([viewToken(view()), viewToken(view())]);
    const viewers = await burst(ip, 10, (i) => tokens[i % 2]!);
    expect(viewers).toEqual(Array(10).fill(202));
  }, 60_000);
});

describe("QoE and engagement reads", () => {
  it("need an experiment admin", async () => {
    await expectError(await request(`/api/qoe/summary?${window()}`), 401);
    const { token } = await viewerToken();
    await expectError(await request(`/api/qoe/summary?${window()}`, { token }), 403, "forbidden");
    await expectError(await request("/api/qoe/timeseries", { token }), 403, "forbidden");
    await expectError(await request("/api/engagement", { token }), 403, "forbidden");
    const content = (await staffToken("content_admin")).token;
    await expectError(await request("/api/engagement", { token: content }), 403, "forbidden");
  });

  it("refuse a bad window", async () => {
    const now = Date.now();
    const backwards = `from=${new Date(now).toISOString()}&to=${new Date(now - 60_000).toISOString()}`;
    await expectError(
      await request(`/api/qoe/summary?${backwards}`, { token: analyst }),
      400,
      "invalid_window",
    );
    const tooLong = `from=${new Date(now - 100 * 86_400_000).toISOString()}&to=${new Date(now).toISOString()}`;
    await expectError(
      await request(`/api/qoe/summary?${tooLong}`, { token: analyst }),
      400,
      "invalid_window",
    );
    await expectError(
      await request("/api/qoe/timeseries?stepMinutes=7", { token: analyst }),
      400,
      "validation_failed",
    );
    await expectError(
      await request("/api/qoe/summary?country=gbr", { token: analyst }),
      400,
      "validation_failed",
    );
    await expectError(
      await request("/api/engagement?from=2026-13-01", { token: analyst }),
      400,
      "validation_failed",
    );
    await expectError(
      await request("/api/engagement?from=2026-11-20&to=2026-11-01", { token: analyst }),
      400,
      "invalid_window",
    );
  });

  it("give a time series with this minute's views and concurrent viewers", async () => {
    const policy = `series-${crypto.randomUUID().slice(0, 8)}`;
    const titleId = crypto.randomUUID();
    for (let i = 0; i < 3; i++) {
      const token = await viewToken(view({ abrPolicy: policy, titleId }));
      expect((await send(token, [VIEW_START, FIRST_FRAME])).status).toBe(202);
    }
    const response = await request(
      `/api/qoe/timeseries?${window()}&abrPolicy=${policy}&titleId=${titleId}&stepMinutes=1`,
      { token: analyst },
    );
    expect(response.status).toBe(200);
    const series = (await response.json()) as {
      window: { from: string; to: string };
      stepMinutes: number;
      points: {
        start: string;
        views: number;
        startupP50Ms: number | null;
        concurrentViewers: number;
      }[];
    };
    expect(series.stepMinutes).toBe(1);
    const { from, to } = series.window;
    expect(series.points).toHaveLength((Date.parse(to) - Date.parse(from)) / 60_000);
    const busy = series.points.filter((point) => point.views > 0);
    expect(busy.reduce((sum, point) => sum + point.views, 0)).toBe(3);
    expect(busy.some((point) => point.concurrentViewers === 3)).toBe(true);
    expect(Math.abs(busy[0]!.startupP50Ms! - 420) / 420).toBeLessThanOrEqual(
      HISTOGRAM_RELATIVE_ACCURACY,
    );
  });

  it("report engagement per day: active profiles, hours, starts, completions and top titles", async () => {
    const { profileId } = await viewerToken();
    const titleId = crypto.randomUUID();
    const token = await viewToken(view({ profileId, titleId }));
    const events: QoeEvent[] = [
      VIEW_START,
      FIRST_FRAME,
      {
        type: "heartbeat",
        seq: 2,
        at,
        renditions: [{ height: 720, bitrateKbps: 2800, playedMs: 3_600_000 }],
        upscaledMs: 0,
        droppedFrames: 0,
      },
      { type: "view_end", seq: 3, at, reason: "ended", beforeFirstFrame: false, completed: true },
    ];
    expect((await send(token, events)).status).toBe(202);
    const today = new Date().toISOString().slice(0, 10);
    const response = await request(`/api/engagement?from=${today}&to=${today}`, { token: analyst });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      days: {
        day: string;
        activeProfiles: number;
        hoursWatched: number;
        starts: number;
        completions: number;
        topTitles: { id: string; hoursWatched: number }[];
      }[];
      totals: { activeProfiles: number; monthlyActiveProfiles: number };
    };
    expect(body.days).toHaveLength(1);
    const [day] = body.days;
    expect(day!.day).toBe(today);
    expect(day!.activeProfiles).toBeGreaterThanOrEqual(1);
    expect(day!.hoursWatched).toBeGreaterThanOrEqual(1);
    expect(day!.completions).toBeGreaterThanOrEqual(1);
    // An hour is more than any other test's view, so this title leads the day.
    expect(day!.topTitles[0]).toEqual({ id: titleId, name: titleId, hoursWatched: 1 });
    expect(body.totals.monthlyActiveProfiles).toBeGreaterThanOrEqual(body.totals.activeProfiles);
  });
});
