/** The alert rules' window and decisions, on totals made up here. */
import { describe, expect, it } from "vitest";
import { alertWindow, evaluateAlertRules, MIN_VIEWS_FOR_FAILURE } from "./alert-rules.ts";
import { emptyTotals, qoeMetrics, type QoeTotals } from "./metrics.ts";

const thresholds = {
  rebuffer_percentage: 2,
  playback_failure_percentage: 5,
  concurrent_viewers: 10,
};
const window = (totals: Partial<QoeTotals>) => {
  const all = { ...emptyTotals(), ...totals };
  return { totals: all, metrics: qoeMetrics(all, new Map(), []) };
};

describe("alertWindow", () => {
  it("is the five complete minutes before now, and the last of them", () => {
    const noon = Date.parse("2026-11-20T12:00:00Z");
    for (const now of [noon, noon + 59_999]) {
      expect(alertWindow(now)).toEqual({
        from: noon - 5 * 60_000,
        to: noon,
        lastMinute: noon - 60_000,
      });
    }
  });
});

describe("evaluateAlertRules", () => {
  it("fires strictly above a threshold", () => {
    const outcomes = evaluateAlertRules(
      { window: window({ viewsStarted: 100, failedViews: 5 }), concurrentViewers: 11 },
      thresholds,
    );
    expect(outcomes.map((o) => [o.rule, o.firing])).toEqual([
      ["rebuffer_percentage", false],
      ["playback_failure_percentage", false],
      ["concurrent_viewers", true],
    ]);
  });

  it("has no rebuffer value without watch time, and never fires then", () => {
    const [rebuffer] = evaluateAlertRules({ window: window({}), concurrentViewers: 0 }, thresholds);
    expect(rebuffer).toMatchObject({ value: null, enoughData: false, firing: false });
  });

  it("needs enough views started for the failure rule", () => {
    const failing = (views: number) =>
      evaluateAlertRules(
        { window: window({ viewsStarted: views, failedViews: views }), concurrentViewers: 0 },
        thresholds,
      )[1]!;
    expect(failing(MIN_VIEWS_FOR_FAILURE - 1)).toMatchObject({ value: 100, firing: false });
    expect(failing(MIN_VIEWS_FOR_FAILURE)).toMatchObject({ value: 100, firing: true });
  });
});
