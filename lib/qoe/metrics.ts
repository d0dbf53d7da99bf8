/**
 * The QoE metrics, defined as Mux Data defines them (docs/analytics.md has
 * the definitions and their sources), computed from rollup totals: sums of
 * the qoe_minute_rollups columns over any minutes and slices, the merged
 * startup histogram and the time played per rendition. The dashboards, the
 * API, the alert rules and the experiment results all read metrics through
 * this one module.
 */
import { z } from "zod";
import { percentile, type Histogram } from "./histogram.ts";

/** Sums of the additive rollup columns (lib/db/schema.ts qoeMinuteRollups). */
export interface QoeTotals {
  viewsStarted: number;
  firstFrames: number;
  startupMsSum: number;
  startupMsSumSquares: number;
  exitsBeforeStart: number;
  failedViews: number;
  nonFatalErrors: number;
  rebufferCount: number;
  rebufferMs: number;
  playedMs: number;
  bitrateKbpsMs: number;
  upscaledMs: number;
  droppedFrames: number;
  renditionSwitches: number;
  seeks: number;
  pauses: number;
  viewsEnded: number;
  completions: number;
}

export const TOTAL_COLUMNS = {
  viewsStarted: "views_started",
  firstFrames: "first_frames",
  startupMsSum: "startup_ms_sum",
  startupMsSumSquares: "startup_ms_sum_squares",
  exitsBeforeStart: "exits_before_start",
  failedViews: "failed_views",
  nonFatalErrors: "non_fatal_errors",
  rebufferCount: "rebuffer_count",
  rebufferMs: "rebuffer_ms",
  playedMs: "played_ms",
  bitrateKbpsMs: "bitrate_kbps_ms",
  upscaledMs: "upscaled_ms",
  droppedFrames: "dropped_frames",
  renditionSwitches: "rendition_switches",
  seeks: "seeks",
  pauses: "pauses",
  viewsEnded: "views_ended",
  completions: "completions",
} as const satisfies Record<keyof QoeTotals, string>;

export const emptyTotals = (): QoeTotals =>
  Object.fromEntries(Object.keys(TOTAL_COLUMNS).map((key) => [key, 0])) as unknown as QoeTotals;

export function addTotals(into: QoeTotals, from: QoeTotals): QoeTotals {
  for (const key of Object.keys(TOTAL_COLUMNS) as (keyof QoeTotals)[]) into[key] += from[key];
  return into;
}

/** Milliseconds played at one rendition. */
export interface RenditionShare {
  height: number;
  bitrateKbps: number;
  playedMs: number;
}

const Percentage = z.number().nullable();

export const QoeMetricsSchema = z.object({
  views: z.number().int(),
  /** Video Startup Time: Play pressed → first frame, over views that reached it. */
  startupTimeMs: z.object({
    p50: z.number().nullable(),
    p95: z.number().nullable(),
    mean: z.number().nullable(),
  }),
  /** Rebuffer Percentage: rebuffering time / watch time (startup + playing + rebuffering). */
  rebufferPercentage: Percentage,
  /** Rebuffer Frequency: rebuffer events per minute of watch time. */
  rebufferFrequencyPerMinute: z.number().nullable(),
  /** Playback Failure Percentage: views that ended in a fatal error / views. */
  playbackFailurePercentage: Percentage,
  /** Exits Before Video Start: views left before their first frame, without an error / views. */
  exitsBeforeVideoStartPercentage: Percentage,
  /** Time-weighted average bitrate of what was played, kbps. */
  averageBitrateKbps: z.number().nullable(),
  /** Share of play time at each rendition, tallest first. */
  renditions: z.array(
    z.object({ height: z.number().int(), bitrateKbps: z.number().int(), share: z.number() }),
  ),
  /** Upscale Percentage: of the time played, the share shown larger than its rendition. */
  upscalePercentage: Percentage,
  /** Watch time in hours (startup + playing + rebuffering). */
  watchHours: z.number(),
  /** The overall viewer-experience score, 0–100 ({@link viewerExperienceScore}); null with no views. */
  viewerExperienceScore: z.number().nullable(),
});
export type QoeMetrics = z.infer<typeof QoeMetricsSchema>;

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const percent = (part: number, whole: number) => {
  const value = ratio(part, whole);
  return value === null ? null : value * 100;
};
const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

export const watchTimeMs = (totals: QoeTotals) =>
  totals.startupMsSum + totals.playedMs + totals.rebufferMs;

/**
 * The overall score, 0–100: the weighted mean of four component scores,
 * each 0–1, following Mux's Viewer Experience components:
 * - playback success (weight 0.35): 1 − (failures + exits before start) / views;
 * - startup (0.20): 1 at a median startup of 500 ms or less, falling linearly to 0 at 10 s;
 * - smoothness (0.30): 1 / (1 + 10 × rebuffer ratio + 0.5 × rebuffers per minute)
 *   (2 % rebuffering alone gives 0.83);
 * - picture quality (0.15): 1 − the upscaled share of play time.
 * A component with no data yet (no first frame, nothing played) counts as 1.
 */
export function viewerExperienceScore(metrics: Omit<QoeMetrics, "viewerExperienceScore">) {
  if (metrics.views === 0) return null;
  const failures =
    ((metrics.playbackFailurePercentage ?? 0) + (metrics.exitsBeforeVideoStartPercentage ?? 0)) /
    100;
  const success = clamp01(1 - failures);
  const p50 = metrics.startupTimeMs.p50;
  const startup = p50 === null ? 1 : clamp01((10_000 - p50) / (10_000 - 500));
  const smoothness =
    1 /
    (1 +
      10 * ((metrics.rebufferPercentage ?? 0) / 100) +
      0.5 * (metrics.rebufferFrequencyPerMinute ?? 0));
  const quality = clamp01(1 - (metrics.upscalePercentage ?? 0) / 100);
  return 100 * (0.35 * success + 0.2 * startup + 0.3 * smoothness + 0.15 * quality);
}

export function qoeMetrics(
  totals: QoeTotals,
  startupHistogram: Histogram,
  renditions: RenditionShare[],
): QoeMetrics {
  const watchMs = watchTimeMs(totals);
  const playedByRendition = renditions.reduce((sum, rendition) => sum + rendition.playedMs, 0);
  const metrics = {
    views: totals.viewsStarted,
    startupTimeMs: {
      p50: percentile(startupHistogram, 0.5),
      p95: percentile(startupHistogram, 0.95),
      mean: ratio(totals.startupMsSum, totals.firstFrames),
    },
    rebufferPercentage: percent(totals.rebufferMs, watchMs),
    rebufferFrequencyPerMinute: ratio(totals.rebufferCount, watchMs / 60_000),
    playbackFailurePercentage: percent(totals.failedViews, totals.viewsStarted),
    exitsBeforeVideoStartPercentage: percent(totals.exitsBeforeStart, totals.viewsStarted),
    averageBitrateKbps: ratio(totals.bitrateKbpsMs, totals.playedMs),
    renditions: renditions
      .filter((rendition) => rendition.playedMs > 0)
      .map((rendition) => ({
        height: rendition.height,
        bitrateKbps: rendition.bitrateKbps,
        share: rendition.playedMs / playedByRendition,
      }))
      .sort((a, b) => b.height - a.height || b.bitrateKbps - a.bitrateKbps),
    upscalePercentage: percent(totals.upscaledMs, totals.playedMs),
    watchHours: watchMs / 3_600_000,
  };
  return { ...metrics, viewerExperienceScore: viewerExperienceScore(metrics) };
}
