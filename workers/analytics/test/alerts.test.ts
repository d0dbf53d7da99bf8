/**
 * The QoE alert rules run against rollup rows written here, with the
 * webhook going to a local receiver (testing/webhook-receiver.ts): a rule
 * over threshold opens one alert and sends one signed notification, stays
 * quiet while it keeps firing, and resolves (and says so) when it clears;
 * too little watch time or too few views never fire; the minute cron runs
 * the rules.
 */
import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { verifyWebhook } from "../../../lib/webhooks/signature.ts";
import type { ReceivedDelivery } from "../../../testing/received-delivery.ts";
import { alertConfig } from "../src/alert-config.ts";
import { evaluateAlerts } from "../src/alerts.ts";
import AnalyticsWorker from "../src/index.ts";

const MINUTE = 60_000;
/** Half a minute into 12:00, so the window is 11:55–12:00 and the last complete minute 11:59. */
const T = Date.parse("2026-11-20T12:00:30Z");
const windowStart = (now: number) => Math.floor(now / MINUTE) * MINUTE - 5 * MINUTE;

interface MinuteRow {
  views?: number;
  failed?: number;
  playedMs?: number;
  rebufferMs?: number;
  variant?: string;
}

/** The same rollup row for each of the five minutes before `now`'s minute. */
async function seedWindow(now: number, row: MinuteRow) {
  const from = windowStart(now);
  await env.DB.batch(
    Array.from({ length: 5 }, (_, i) =>
      env.DB.prepare(
        `insert into qoe_minute_rollups (minute, title_id, device_type, country, abr_policy, variant,
           views_started, failed_views, played_ms, rebuffer_ms)
         values (?, 't1', 'desktop', 'GB', 'marquee', ?, ?, ?, ?, ?)`,
      ).bind(
        from + i * MINUTE,
        row.variant ?? "",
        row.views ?? 1,
        row.failed ?? 0,
        row.playedMs ?? 0,
        row.rebufferMs ?? 0,
      ),
    ),
  );
}

async function alertRows() {
  const { results } = await env.DB.prepare(
    "select id, rule, value, threshold, fired_at, resolved_at, webhook_status from alerts order by fired_at",
  ).all<{
    id: string;
    rule: string;
    value: number;
    threshold: number;
    fired_at: number;
    resolved_at: number | null;
    webhook_status: number | null;
  }>();
  return results;
}

/** A receiver path of the test's own, and the env that sends alerts there. */
function withWebhook(status = 200, vars: Record<string, string> = {}) {
  const path = `/status/${status}?${crypto.randomUUID()}`;
  return { path, env: { ...env, ALERT_WEBHOOK_URL: `${env.WEBHOOK_RECEIVER}${path}`, ...vars } };
}

async function received(path: string): Promise<ReceivedDelivery[]> {
  const all = (await (
    await fetch(`${env.WEBHOOK_RECEIVER}/received`)
  ).json()) as ReceivedDelivery[];
  return all.filter((delivery) => delivery.path === path);
}

beforeEach(async () => {
  await env.DB.batch([
    env.DB.prepare("delete from alerts"),
    env.DB.prepare("delete from qoe_minute_rollups"),
    env.DB.prepare("delete from qoe_active_views"),
  ]);
});

describe("the rebuffer percentage rule", () => {
  it("fires once with a signed webhook, stays quiet while firing, and resolves", async () => {
    const { path, env: alerting } = withWebhook();
    // 4 minutes of watch time a minute, 3 % of it rebuffering: 20 minutes in the window.
    await seedWindow(T, { playedMs: 232_800, rebufferMs: 7_200 });

    const first = await evaluateAlerts(alerting, T);
    expect(first.fired).toEqual(["rebuffer_percentage"]);
    expect(first.outcomes.find((o) => o.rule === "rebuffer_percentage")).toMatchObject({
      threshold: 2,
      enoughData: true,
      firing: true,
    });
    const [alert] = await alertRows();
    expect(alert).toMatchObject({
      rule: "rebuffer_percentage",
      threshold: 2,
      fired_at: T,
      resolved_at: null,
      webhook_status: 200,
    });
    expect(alert!.value).toBeCloseTo(3);

    const [delivery] = await received(path);
    expect(delivery!.headers["marquee-event"]).toBe("alert.firing");
    expect(delivery!.headers["content-type"]).toBe("application/json");
    const signature = delivery!.headers["marquee-signature"]!;
    expect(
      await verifyWebhook(signature, env.ALERT_WEBHOOK_SECRET, delivery!.body, { now: T }),
    ).toBe(true);
    expect(await verifyWebhook(signature, "not-the-secret", delivery!.body, { now: T })).toBe(
      false,
    );
    const body = JSON.parse(delivery!.body) as { id: string; type: string; data: object };
    expect(body.id).toBe(delivery!.headers["marquee-delivery"]);
    expect(body).toMatchObject({
      type: "alert.firing",
      createdAt: new Date(T).toISOString(),
      data: {
        alertId: alert!.id,
        rule: "rebuffer_percentage",
        threshold: 2,
        firedAt: new Date(T).toISOString(),
        resolvedAt: null,
        window: {
          from: new Date(windowStart(T)).toISOString(),
          to: new Date(windowStart(T) + 5 * MINUTE).toISOString(),
        },
      },
    });

    // A minute later four of the five minutes are still in the window: still firing, no duplicate.
    const second = await evaluateAlerts(alerting, T + MINUTE);
    expect(second.outcomes.find((o) => o.rule === "rebuffer_percentage")?.firing).toBe(true);
    expect(second.fired).toEqual([]);
    expect(await alertRows()).toHaveLength(1);
    expect(await received(path)).toHaveLength(1);

    // Ten minutes on, five smooth minutes: it clears.
    const later = T + 10 * MINUTE;
    await seedWindow(later, { playedMs: 240_000 });
    const third = await evaluateAlerts(alerting, later);
    expect(third.resolved).toEqual(["rebuffer_percentage"]);
    expect(await alertRows()).toMatchObject([
      { id: alert!.id, resolved_at: later, webhook_status: 200 },
    ]);
    const deliveries = await received(path);
    expect(deliveries.map((d) => d.headers["marquee-event"])).toEqual([
      "alert.firing",
      "alert.resolved",
    ]);
    expect(JSON.parse(deliveries[1]!.body)).toMatchObject({
      type: "alert.resolved",
      data: { alertId: alert!.id, value: 0, resolvedAt: new Date(later).toISOString() },
    });
    expect(
      await verifyWebhook(
        deliveries[1]!.headers["marquee-signature"]!,
        env.ALERT_WEBHOOK_SECRET,
        deliveries[1]!.body,
        { now: later },
      ),
    ).toBe(true);

    // Clear and resolved: the next evaluation has nothing to do.
    const fourth = await evaluateAlerts(alerting, later + MINUTE);
    expect([fourth.fired, fourth.resolved]).toEqual([[], []]);
    expect(await received(path)).toHaveLength(2);
  });

  it("does not fire on too little watch time, however bad", async () => {
    const { path, env: alerting } = withWebhook();
    // One viewer for the whole window (5 minutes of watch time), 10 % of it stalled.
    await seedWindow(T, { playedMs: 54_000, rebufferMs: 6_000 });
    const run = await evaluateAlerts(alerting, T);
    const outcome = run.outcomes.find((o) => o.rule === "rebuffer_percentage")!;
    expect(outcome.value).toBeCloseTo(10);
    expect(outcome).toMatchObject({ enoughData: false, firing: false });
    expect(run.fired).toEqual([]);
    expect(await alertRows()).toEqual([]);
    expect(await received(path)).toEqual([]);
  });

  it("counts every view once: experiment variants' copies of a view are left out", async () => {
    const { env: alerting } = withWebhook();
    await seedWindow(T, { playedMs: 240_000 });
    await seedWindow(T, { playedMs: 100_000, rebufferMs: 100_000, variant: "exp-1:b" });
    const run = await evaluateAlerts(alerting, T);
    expect(run.outcomes.find((o) => o.rule === "rebuffer_percentage")?.value).toBe(0);
    expect(run.fired).toEqual([]);
  });
});

describe("the other rules", () => {
  it("fires on playback failures only with enough views started", async () => {
    const { env: alerting } = withWebhook();
    // 3 views a minute, one failing: 33 %, but 15 views in the window are fewer than 20.
    await seedWindow(T, { views: 3, failed: 1 });
    expect((await evaluateAlerts(alerting, T)).fired).toEqual([]);
    // Ten minutes on, 5 views a minute, one failing (20 %): 25 views in the window.
    const later = T + 10 * MINUTE;
    await seedWindow(later, { views: 5, failed: 1 });
    const run = await evaluateAlerts(alerting, later);
    expect(run.fired).toEqual(["playback_failure_percentage"]);
    expect(run.outcomes.find((o) => o.rule === "playback_failure_percentage")).toMatchObject({
      value: 20,
      threshold: 5,
    });
  });

  it("fires on concurrent viewers in the last complete minute above ALERT_CONCURRENT_VIEWERS", async () => {
    const { path, env: alerting } = withWebhook(200, { ALERT_CONCURRENT_VIEWERS: "2" });
    const lastMinute = windowStart(T) + 4 * MINUTE;
    const active = (minute: number, view: string) =>
      env.DB.prepare(
        "insert into qoe_active_views (minute, view_id, title_id) values (?, ?, 't1')",
      ).bind(minute, view);
    // Two views in the last complete minute: at the threshold, not above it.
    await env.DB.batch([active(lastMinute, "a"), active(lastMinute, "b")]);
    expect((await evaluateAlerts(alerting, T)).fired).toEqual([]);
    // A third one, and views in other minutes that do not count.
    await env.DB.batch([
      active(lastMinute, "c"),
      active(lastMinute - MINUTE, "d"),
      active(lastMinute + MINUTE, "e"),
    ]);
    const run = await evaluateAlerts(alerting, T);
    expect(run.fired).toEqual(["concurrent_viewers"]);
    expect(JSON.parse((await received(path))[0]!.body)).toMatchObject({
      data: { rule: "concurrent_viewers", value: 3, threshold: 2 },
    });
  });

  it("records the webhook's answer, and sends nothing without ALERT_WEBHOOK_URL", async () => {
    await seedWindow(T, { views: 5, failed: 2 });
    const { path, env: failing } = withWebhook(500);
    await evaluateAlerts(failing, T);
    expect(await alertRows()).toMatchObject([{ webhook_status: 500 }]);
    expect(await received(path)).toHaveLength(1);

    await env.DB.prepare("delete from alerts").run();
    // wrangler.toml leaves ALERT_WEBHOOK_URL empty: the alert is recorded, no webhook is sent.
    expect((await evaluateAlerts(env, T)).fired).toEqual(["playback_failure_percentage"]);
    expect(await alertRows()).toMatchObject([{ webhook_status: null }]);
  });
});

describe("the schedule and the settings", () => {
  it("runs the rules on the minute cron and refuses a cron it has no job for", async () => {
    await seedWindow(T, { views: 5, failed: 2 });
    const worker = new AnalyticsWorker(createExecutionContext(), env);
    await worker.scheduled(createScheduledController({ scheduledTime: T, cron: "* * * * *" }));
    expect(await alertRows()).toMatchObject([
      { rule: "playback_failure_percentage", fired_at: T, value: 40 },
    ]);
    await expect(
      worker.scheduled(createScheduledController({ scheduledTime: T, cron: "0 * * * *" })),
    ).rejects.toThrow(/no job/);
  });

  it("needs a long enough secret with a webhook URL, and https unless the receiver is local", () => {
    const settings = (vars: Record<string, string | undefined>) => () =>
      alertConfig({ ...env, ...vars });
    expect(settings({ ALERT_WEBHOOK_URL: "https://hooks.example/alerts" })).not.toThrow();
    expect(
      settings({
        ALERT_WEBHOOK_URL: "https://hooks.example/alerts",
        ALERT_WEBHOOK_SECRET: "short",
      }),
    ).toThrow(/ALERT_WEBHOOK_SECRET/);
    expect(settings({ ALERT_WEBHOOK_URL: "http://hooks.example/alerts" })).toThrow(/https/);
    expect(settings({ ALERT_CONCURRENT_VIEWERS: "many" })).toThrow();
    expect(alertConfig(env).thresholds).toEqual({
      rebuffer_percentage: 2,
      playback_failure_percentage: 5,
      concurrent_viewers: 10_000,
    });
  });
});
