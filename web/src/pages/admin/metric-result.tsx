/**
 * One metric of an experiment's results: each non-control variant's
 * difference from the control drawn as an interval around zero (a forest
 * plot), then every variant's own value with its interval and sample size.
 * A significant difference is coloured by whether it is an improvement,
 * which the server says per metric.
 */
import type { MetricResult, VariantResult } from "../../api/types.ts";
import { IntervalPlot, type Interval, type Verdict } from "../../charts/interval-plot.tsx";
import {
  formatCount,
  formatKbps,
  formatMs,
  formatPercent,
  formatPoints,
  formatPValue,
  formatSigned,
} from "../../util/format-metric.ts";
import { METRIC_LABELS } from "./experiment-facts.ts";

type Unit = MetricResult["unit"];

const VALUE_FORMATS: Record<Unit, (value: number) => string> = {
  ms: formatMs,
  percent: formatPercent,
  kbps: formatKbps,
};

/** Differences of rates are in percentage points, not percent of the control. */
const DIFFERENCE_FORMATS: Record<Unit, (value: number) => string> = {
  ms: formatMs,
  percent: formatPoints,
  kbps: formatKbps,
};

function verdictOf(result: MetricResult): Verdict {
  const comparison = result.vsControl;
  if (!comparison?.significant) return "no-difference";
  const lower = comparison.difference < 0;
  return lower === (result.better === "lower") ? "better" : "worse";
}

interface MetricResultProps {
  metric: MetricResult["metric"];
  variants: VariantResult[];
}

export function MetricResultSection({ metric, variants }: MetricResultProps) {
  const rows = variants.flatMap((variant) => {
    const result = variant.metrics.find((candidate) => candidate.metric === metric);
    return result ? [{ variant, result }] : [];
  });
  const first = rows[0]?.result;
  if (!first) return null;
  const label = METRIC_LABELS[metric];
  const formatValue = VALUE_FORMATS[first.unit];
  const formatDifference = (value: number) => formatSigned(value, DIFFERENCE_FORMATS[first.unit]);
  const intervals: Interval[] = rows.flatMap(({ variant, result }) =>
    result.vsControl
      ? [
          {
            label: variant.name,
            estimate: result.vsControl.difference,
            low: result.vsControl.interval[0],
            high: result.vsControl.interval[1],
            verdict: verdictOf(result),
            note: formatPValue(result.vsControl.pValue),
          },
        ]
      : [],
  );
  const headingId = `metric-${metric}`;

  return (
    <section className="panel metric-result" aria-labelledby={headingId}>
      <h2 id={headingId}>{label}</h2>
      <p className="panel__text">
        {first.better === "lower" ? "Lower is better." : "Higher is better."}
        {first.note && ` ${first.note}`}
      </p>
      {intervals.length > 0 ? (
        <IntervalPlot
          title={`${label}, difference from the control`}
          intervals={intervals}
          formatValue={formatDifference}
          level="95%"
        />
      ) : (
        !first.note && (
          <p className="panel__text">
            Not enough data yet to compare the variants with the control.
          </p>
        )
      )}
      <ul className="metric-result__values" aria-label={`${label} by variant`}>
        {rows.map(({ variant, result }) => (
          <li key={variant.key} className="metric-result__value">
            <span className="metric-result__variant">{variant.name}</span>
            <span className="metric-result__number">
              {result.value === null ? "no data" : formatValue(result.value)}
            </span>
            <span className="metric-result__detail">
              {result.interval &&
                `95% CI ${formatValue(result.interval[0])} to ${formatValue(result.interval[1])} · `}
              n = {formatCount(result.sampleSize)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
