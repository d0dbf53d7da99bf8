/**
 * The QoE alert rules, as pure decisions: given the rollups of the last
 * five complete minutes and the viewers of the last complete minute, which
 * rules are over their thresholds. Values come from the shared metric
 * definitions (metrics.ts), so an alert and the dashboard never disagree.
 * The analytics Worker runs them every minute (workers/analytics/src/alerts.ts).
 *
 * A rate over a handful of views is noise, so the two percentage rules
 * only fire with enough behind them:
 * - rebuffer percentage: at least MIN_WATCH_MS_FOR_REBUFFER (10 minutes)
 *   of watch time in the window, e.g. two viewers watching throughout; at
 *   2 % that is 12 s of stalling, more than one unlucky stall;
 * - playback failure percentage: at least MIN_VIEWS_FOR_FAILURE (20)
 *   views started in the window, so one failure is at most 5 %.
 * Below that a rule is clear (and an alert it raised resolves).
 */
import { lastCompleteMinute } from "./active-views.ts";
import { watchTimeMs } from "./metrics.ts";
import type { QoeRead } from "./rollup-reads.ts";

export const ALERT_RULES = [
  "rebuffer_percentage",
  "playback_failure_percentage",
  "concurrent_viewers",
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export const ALERT_WINDOW_MS = 5 * 60_000;
export const MIN_WATCH_MS_FOR_REBUFFER = 10 * 60_000;
export const MIN_VIEWS_FOR_FAILURE = 20;

export type AlertThresholds = Record<AlertRule, number>;

export interface AlertInputs {
  /** The rollups (every view, variant "") of the window. */
  window: Pick<QoeRead, "totals" | "metrics">;
  /** Distinct views active in the last complete minute. */
  concurrentViewers: number;
}

export interface RuleOutcome {
  rule: AlertRule;
  /** The rule's measure now; null when there is nothing to measure. */
  value: number | null;
  threshold: number;
  /** Whether the window had enough views or watch time for the value to count. */
  enoughData: boolean;
  firing: boolean;
}

/**
 * The minutes the rules look at: the five complete minutes before `now`
 * (the current minute is still filling) and the last complete one.
 */
export function alertWindow(now: number) {
  const lastMinute = lastCompleteMinute(now);
  const to = lastMinute + 60_000;
  return { from: to - ALERT_WINDOW_MS, to, lastMinute };
}

/** Every rule's outcome, in ALERT_RULES order. */
export function evaluateAlertRules(
  inputs: AlertInputs,
  thresholds: AlertThresholds,
): RuleOutcome[] {
  const { totals, metrics } = inputs.window;
  const measured: Record<AlertRule, { value: number | null; enoughData: boolean }> = {
    rebuffer_percentage: {
      value: metrics.rebufferPercentage,
      enoughData: watchTimeMs(totals) >= MIN_WATCH_MS_FOR_REBUFFER,
    },
    playback_failure_percentage: {
      value: metrics.playbackFailurePercentage,
      enoughData: totals.viewsStarted >= MIN_VIEWS_FOR_FAILURE,
    },
    concurrent_viewers: { value: inputs.concurrentViewers, enoughData: true },
  };
  return ALERT_RULES.map((rule) => {
    const { value, enoughData } = measured[rule];
    const threshold = thresholds[rule];
    return {
      rule,
      value,
      threshold,
      enoughData,
      firing: enoughData && value !== null && value > threshold,
    };
  });
}
