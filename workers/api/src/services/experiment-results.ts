/**
 * An experiment's results: per variant, its exposed profiles and each
 * metric the experiment lists, with a 95% interval of the variant's own
 * value and, against the control (the first variant), the difference, its
 * interval and a test; and a sample-ratio check of the exposures. The
 * formulas are in docs/experiments.md.
 *
 * - QoE (startup time, failures, exits, rebuffering, bitrate) comes from
 *   the rollups' per-experiment rows (`variant` = "<id>:<key>") over the
 *   experiment's window, start to min(end, now): one unit is one view.
 * - Engagement (watch time per exposed profile, completion rate) comes from
 *   experiment_unit_metrics; an exposed profile without a row watched
 *   nothing and counts as a zero.
 * - Exposures come from the experiment's Durable Object shards, summed.
 */
import type { ExperimentMetric } from "../../../../lib/experiments/definition.ts";
import {
  meanInterval,
  meanSample,
  rateInterval,
  sampleRatioCheck,
  twoProportionZTest,
  welchTTest,
  SAMPLE_RATIO_ALPHA,
  type Comparison,
  type Interval,
  type MeanSample,
  type RateSample,
} from "../../../../lib/experiments/stats.ts";
import { MINUTE_MS, readQoe, type QoeRead } from "../../../../lib/qoe/rollup-reads.ts";
import { notFound } from "../../../../lib/http/api-error.ts";
import { exposureCounts } from "../storage/experiment-exposures.ts";
import { findExperiment, unitMetricSums, type UnitMetricSums } from "../storage/experiments.ts";
import type { ServiceContext } from "./context.ts";

/** What one variant's metrics are computed from. */
interface VariantData {
  qoe: QoeRead;
  exposures: number;
  units: UnitMetricSums | undefined;
}

type Unit = "ms" | "percent" | "kbps";

/** How a metric is measured: a mean (Welch), a rate (z-test) or a ratio of sums (no test). */
type Measurement =
  | { kind: "mean"; unit: Unit; sample: MeanSample }
  | { kind: "rate"; unit: "percent"; sample: RateSample }
  | { kind: "ratio"; unit: Unit; value: number | null; sampleSize: number };

interface MetricDefinition {
  /** Which direction is an improvement, for reading a difference. */
  better: "higher" | "lower";
  measure(data: VariantData): Measurement;
}

/** The share of views that ended some way: a rate over views. */
const shareOfViews =
  (count: "failedViews" | "exitsBeforeStart") =>
  ({ qoe: { totals } }: VariantData): Measurement => ({
    kind: "rate",
    unit: "percent",
    sample: { successes: totals[count], trials: totals.viewsStarted },
  });

const RATIO_NOTE =
  "A ratio metric (a sum over a sum, such as rebuffering time over watch time): its variance needs per-view values, which the rollups do not keep, so it is shown without a test.";

const METRICS: Record<ExperimentMetric, MetricDefinition> = {
  startup_time: {
    better: "lower",
    measure: ({ qoe: { totals } }) => ({
      kind: "mean",
      unit: "ms",
      sample: meanSample(totals.firstFrames, totals.startupMsSum, totals.startupMsSumSquares),
    }),
  },
  playback_failure: { better: "lower", measure: shareOfViews("failedViews") },
  exits_before_start: { better: "lower", measure: shareOfViews("exitsBeforeStart") },
  rebuffer_percentage: {
    better: "lower",
    measure: ({ qoe: { metrics } }) => ({
      kind: "ratio",
      unit: "percent",
      value: metrics.rebufferPercentage,
      sampleSize: metrics.views,
    }),
  },
  average_bitrate: {
    better: "higher",
    measure: ({ qoe: { metrics } }) => ({
      kind: "ratio",
      unit: "kbps",
      value: metrics.averageBitrateKbps,
      sampleSize: metrics.views,
    }),
  },
  watch_time_per_profile: {
    better: "higher",
    // Every exposed profile is a unit; those with no row watched nothing.
    measure: ({ exposures, units }) => ({
      kind: "mean",
      unit: "ms",
      sample: meanSample(
        Math.max(exposures, units?.profiles ?? 0),
        units?.playedMs ?? 0,
        units?.playedMsSquares ?? 0,
      ),
    }),
  },
  completion_rate: {
    better: "higher",
    measure: ({ units }) => ({
      kind: "rate",
      unit: "percent",
      sample: { successes: units?.completions ?? 0, trials: units?.views ?? 0 },
    }),
  },
};

const percent = (value: number) => value * 100;
const percentInterval = (interval: Interval | null): Interval | null =>
  interval && [percent(interval[0]), percent(interval[1])];
/** A rate comparison in percentage points (the statistic and p-value do not change). */
const inPoints = (comparison: Comparison | null): Comparison | null =>
  comparison && {
    ...comparison,
    difference: percent(comparison.difference),
    interval: percentInterval(comparison.interval)!,
  };

function evaluate(
  metric: ExperimentMetric,
  control: VariantData,
  data: VariantData,
  isControl: boolean,
) {
  const { better, measure } = METRICS[metric];
  const own = measure(data);
  const base = measure(control);
  const common = { metric, kind: own.kind, unit: own.unit, better };
  if (own.kind === "mean" && base.kind === "mean") {
    return {
      ...common,
      sampleSize: own.sample.n,
      value: own.sample.n > 0 ? own.sample.mean : null,
      interval: meanInterval(own.sample),
      vsControl: isControl ? null : welchTTest(base.sample, own.sample),
      test: "welch" as const,
      note: null,
    };
  }
  if (own.kind === "rate" && base.kind === "rate") {
    const { successes, trials } = own.sample;
    return {
      ...common,
      sampleSize: trials,
      value: trials > 0 ? percent(successes / trials) : null,
      interval: percentInterval(rateInterval(own.sample)),
      vsControl: isControl ? null : inPoints(twoProportionZTest(base.sample, own.sample)),
      test: "z" as const,
      note: null,
    };
  }
  const ratio = own as Extract<Measurement, { kind: "ratio" }>;
  return {
    ...common,
    sampleSize: ratio.sampleSize,
    value: ratio.value,
    interval: null,
    vsControl: null,
    test: null,
    note: RATIO_NOTE,
  };
}

export async function experimentResults(ctx: ServiceContext, id: string, now = Date.now()) {
  const experiment = await findExperiment(ctx.db, id);
  if (!experiment) throw notFound("experiment");
  const started = experiment.startsAt !== null && experiment.startsAt.getTime() <= now;
  // Rollup rows are per minute: the window starts at the minute the experiment started in.
  const window = started
    ? {
        from: Math.floor(experiment.startsAt!.getTime() / MINUTE_MS) * MINUTE_MS,
        to: Math.min(experiment.endsAt?.getTime() ?? now, now),
      }
    : null;
  const [exposures, units, qoe] = await Promise.all([
    exposureCounts(ctx.env, id),
    unitMetricSums(ctx.db, id),
    Promise.all(
      experiment.variants.map((variant) =>
        readQoe(ctx.env.DB, {
          from: window?.from ?? 0,
          to: window?.to ?? 0,
          variant: `${id}:${variant.key}`,
        }),
      ),
    ),
  ]);
  const data: VariantData[] = experiment.variants.map((variant, i) => ({
    qoe: qoe[i]!,
    exposures: exposures[variant.key] ?? 0,
    units: units.find((row) => row.variant === variant.key),
  }));
  const weights = experiment.variants.map((variant) => variant.weight);
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const counts = data.map((variant) => variant.exposures);
  const exposed = counts.reduce((sum, count) => sum + count, 0);
  const sampleRatio = sampleRatioCheck(counts, weights);

  const warnings: string[] = [];
  if (exposed === 0) warnings.push("No profile has been exposed to this experiment yet.");
  if (sampleRatio.mismatch) {
    warnings.push(
      `Sample ratio mismatch: exposures ${counts.join(" / ")} do not follow the weights ${weights.join(" / ")} (chi-square ${sampleRatio.chiSquare.toFixed(1)}, p = ${sampleRatio.pValue.toExponential(2)} < ${SAMPLE_RATIO_ALPHA}). Assignment or exposure logging is off; do not trust these results until it is explained.`,
    );
  }

  return {
    experimentId: experiment.id,
    name: experiment.name,
    status: experiment.status,
    window: window && {
      from: new Date(window.from).toISOString(),
      to: new Date(window.to).toISOString(),
    },
    control: experiment.variants[0]!.key,
    sampleRatio: { ...sampleRatio, alpha: SAMPLE_RATIO_ALPHA },
    warnings,
    variants: experiment.variants.map((variant, i) => ({
      key: variant.key,
      name: variant.name,
      weight: variant.weight,
      expectedShare: variant.weight / totalWeight,
      exposures: counts[i]!,
      observedShare: exposed > 0 ? counts[i]! / exposed : null,
      views: data[i]!.qoe.totals.viewsStarted,
      metrics: experiment.metrics.map((metric) => evaluate(metric, data[0]!, data[i]!, i === 0)),
    })),
  };
}
