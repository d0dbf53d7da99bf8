/**
 * Runs the QoE alert rules (lib/qoe/alert-rules.ts) once, on the minute
 * cron: reads the last five complete minutes of rollups and the last
 * complete minute's viewers, then, per rule,
 * - over threshold with no open alert: opens one (an `alerts` row) and
 *   POSTs `alert.firing` to ALERT_WEBHOOK_URL;
 * - still over threshold: nothing (one alert per episode, not per minute);
 * - clear with an alert open: resolves it and POSTs `alert.resolved`.
 * The alert's webhook_status is the HTTP status of its latest notification
 * (0: no answer; null: no webhook configured). A notification is tried
 * once: the alert itself is in D1 either way, and the next change of state
 * notifies again.
 */
import { viewersInMinute } from "../../../lib/qoe/active-views.ts";
import {
  openAlert,
  openAlerts,
  recordWebhookStatus,
  resolveAlert,
} from "../../../lib/qoe/alert-records.ts";
import { alertWindow, evaluateAlertRules, type RuleOutcome } from "../../../lib/qoe/alert-rules.ts";
import { readQoe } from "../../../lib/qoe/rollup-reads.ts";
import { sendWebhook } from "../../../lib/webhooks/send.ts";
import { alertConfig, type AlertConfig } from "./alert-config.ts";
import type { AnalyticsBindings } from "./bindings.ts";

type AlertEvent = "alert.firing" | "alert.resolved";

/** What a notification says about its alert. */
interface AlertNotice {
  id: string;
  rule: string;
  /** The rule's measure at this evaluation (null: nothing to measure). */
  value: number | null;
  threshold: number;
  firedAt: number;
  resolvedAt: number | null;
}

export interface AlertRun {
  outcomes: RuleOutcome[];
  fired: string[];
  resolved: string[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

async function notify(
  db: D1Database,
  webhook: AlertConfig["webhook"],
  event: AlertEvent,
  alert: AlertNotice,
  now: number,
  window: { from: number; to: number },
): Promise<void> {
  if (!webhook) return;
  const deliveryId = crypto.randomUUID();
  const body = JSON.stringify({
    id: deliveryId,
    type: event,
    createdAt: iso(now),
    data: {
      alertId: alert.id,
      rule: alert.rule,
      value: alert.value,
      threshold: alert.threshold,
      firedAt: iso(alert.firedAt),
      resolvedAt: iso(alert.resolvedAt),
      window: { from: iso(window.from), to: iso(window.to) },
    },
  });
  const { status } = await sendWebhook({ ...webhook, event, deliveryId, body, now });
  await recordWebhookStatus(db, alert.id, status ?? 0);
}

/** One evaluation of every rule at `now`; what it found, opened and resolved. */
export async function evaluateAlerts(env: AnalyticsBindings, now = Date.now()): Promise<AlertRun> {
  const config = alertConfig(env);
  const window = alertWindow(now);
  const [qoe, concurrentViewers, open] = await Promise.all([
    readQoe(env.DB, { from: window.from, to: window.to }),
    viewersInMinute(env.DB, window.lastMinute),
    openAlerts(env.DB),
  ]);
  const outcomes = evaluateAlertRules({ window: qoe, concurrentViewers }, config.thresholds);
  const openByRule = new Map(open.map((alert) => [alert.rule, alert]));
  const run: AlertRun = { outcomes, fired: [], resolved: [] };

  for (const { rule, value, threshold, firing } of outcomes) {
    const current = openByRule.get(rule);
    if (firing && !current && value !== null) {
      const alert = { id: crypto.randomUUID(), rule, value, threshold, firedAt: now };
      // Another evaluation may have opened it meanwhile; only the one that did notifies.
      if (!(await openAlert(env.DB, alert))) continue;
      run.fired.push(rule);
      await notify(
        env.DB,
        config.webhook,
        "alert.firing",
        { ...alert, resolvedAt: null },
        now,
        window,
      );
    } else if (!firing && current) {
      if (!(await resolveAlert(env.DB, current.id, now))) continue;
      run.resolved.push(rule);
      const notice = { ...current, value, resolvedAt: now };
      await notify(env.DB, config.webhook, "alert.resolved", notice, now, window);
    }
  }
  return run;
}
