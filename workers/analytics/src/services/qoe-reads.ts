/**
 * The QoE dashboard's reads: a window's metrics with the startup
 * distribution and the filter options, and the same metrics as a time
 * series with concurrent viewers.
 */
import { ApiError } from "../../../../lib/http/api-error.ts";
import { bucketValue } from "../../../../lib/qoe/histogram.ts";
import {
  MINUTE_MS,
  readQoe,
  readQoeTimeseries,
  type QoeFilter,
} from "../../../../lib/qoe/rollup-reads.ts";
import { MAX_WINDOW_DAYS, STEP_MINUTES } from "../schemas/qoe.ts";
import { concurrentViewersPerStep, dimensionsOf } from "../storage/qoe-dimensions.ts";

export interface QoeQuery {
  from?: string;
  to?: string;
  titleId?: string;
  deviceType?: string;
  country?: string;
  abrPolicy?: string;
  variant?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_POINTS = 300;

/** The window as whole minutes: `from` rounded down, `to` rounded up. */
function filterOf(query: QoeQuery, now: number): QoeFilter {
  const to = query.to ? Date.parse(query.to) : now;
  const from = query.from ? Date.parse(query.from) : to - DAY_MS;
  if (!(from < to))
    throw new ApiError(400, "invalid_window", "The window's start must be before its end.");
  if (to - from > MAX_WINDOW_DAYS * DAY_MS)
    throw new ApiError(400, "invalid_window", `A window covers at most ${MAX_WINDOW_DAYS} days.`);
  const { from: _from, to: _to, ...slice } = query;
  return {
    ...slice,
    from: from - (from % MINUTE_MS),
    to: Math.ceil(to / MINUTE_MS) * MINUTE_MS,
  };
}

const windowOf = (filter: QoeFilter) => ({
  from: new Date(filter.from).toISOString(),
  to: new Date(filter.to).toISOString(),
});

/** Display bins of the startup distribution: upper bounds in ms, the last open-ended. */
const STARTUP_BINS = [250, 500, 1000, 2000, 4000, 8000, null] as const;
const seconds = (ms: number) => `${ms / 1000}`;

function startupDistribution(histogram: Map<number, number>) {
  const bins = STARTUP_BINS.map((upToMs, index) => {
    const lower = index === 0 ? 0 : STARTUP_BINS[index - 1]!;
    return {
      label: upToMs === null ? `${seconds(lower)} s +` : `${seconds(lower)}–${seconds(upToMs)} s`,
      upToMs,
      views: 0,
    };
  });
  for (const [bucket, views] of histogram) {
    const value = bucketValue(bucket);
    const bin = bins.find((candidate) => candidate.upToMs === null || value <= candidate.upToMs)!;
    bin.views += views;
  }
  return bins;
}

export async function qoeSummary(db: D1Database, query: QoeQuery, now = Date.now()) {
  const filter = filterOf(query, now);
  const [read, dimensions] = await Promise.all([readQoe(db, filter), dimensionsOf(db, filter)]);
  return {
    window: windowOf(filter),
    metrics: read.metrics,
    startupDistribution: startupDistribution(read.startupHistogram),
    dimensions,
  };
}

export async function qoeTimeseries(
  db: D1Database,
  query: QoeQuery & { stepMinutes?: number },
  now = Date.now(),
) {
  const filter = filterOf(query, now);
  const spanMinutes = (filter.to - filter.from) / MINUTE_MS;
  const stepMinutes =
    query.stepMinutes ?? STEP_MINUTES.find((step) => spanMinutes / step <= MAX_POINTS) ?? 1440;
  const stepMs = stepMinutes * MINUTE_MS;
  if (spanMinutes / stepMinutes > MAX_POINTS * 10)
    throw new ApiError(
      400,
      "invalid_step",
      "That step gives too many points; choose a longer one.",
    );
  const [reads, concurrent] = await Promise.all([
    readQoeTimeseries(db, filter, stepMs),
    concurrentViewersPerStep(db, filter, stepMs),
  ]);
  return {
    window: windowOf(filter),
    stepMinutes,
    points: reads.map(({ start, metrics }, step) => ({
      start: new Date(start).toISOString(),
      views: metrics.views,
      startupP50Ms: metrics.startupTimeMs.p50,
      startupP95Ms: metrics.startupTimeMs.p95,
      rebufferPercentage: metrics.rebufferPercentage,
      playbackFailurePercentage: metrics.playbackFailurePercentage,
      exitsBeforeVideoStartPercentage: metrics.exitsBeforeVideoStartPercentage,
      averageBitrateKbps: metrics.averageBitrateKbps,
      upscalePercentage: metrics.upscalePercentage,
      viewerExperienceScore: metrics.viewerExperienceScore,
      watchHours: metrics.watchHours,
      concurrentViewers: concurrent.get(step) ?? 0,
    })),
  };
}
