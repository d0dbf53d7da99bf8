/**
 * A forest plot: each variant's difference from the control as a point
 * with its confidence interval, around a zero line. An interval clear of
 * zero is a significant difference, coloured by whether it is better or
 * worse; one that crosses zero is not. Each row writes its numbers
 * (difference, interval, p-value) on a line above its interval, so a phone
 * keeps the full width for the drawing.
 */
import { ChartFigure } from "./chart-figure.tsx";
import { labelledTicks, linearScale } from "./scale.ts";
import { useChartWidth } from "./use-chart-width.ts";

export type Verdict = "better" | "worse" | "no-difference";

export interface Interval {
  label: string;
  estimate: number;
  low: number;
  high: number;
  verdict: Verdict;
  /** More about the row, written after its interval ("p = 0.03"). */
  note?: string;
}

interface IntervalPlotProps {
  title: string;
  intervals: Interval[];
  /** Signed: "+120 ms", "−0.4 pp". */
  formatValue: (value: number) => string;
  /** The confidence level, as the readout says it ("95%"). */
  level: string;
}

const ROW_HEIGHT = 64;
const AXIS_HEIGHT = 28;
const SIDE = 12;
const CAP = 5;
/** Where a row's drawing starts, under its two lines of words. */
const BAND_TOP = 38;

const VERDICT_LABELS: Record<Verdict, string> = {
  better: "better",
  worse: "worse",
  "no-difference": "no clear difference",
};

export function IntervalPlot({ title, intervals, formatValue, level }: IntervalPlotProps) {
  const [boxRef, width] = useChartWidth<HTMLDivElement>();
  // Symmetric around zero, so which side of "no difference" an interval falls on reads at a
  // glance; ±1 when every interval is exactly zero.
  const reach =
    Math.max(...intervals.flatMap((row) => [Math.abs(row.low), Math.abs(row.high)]), 0) || 1;
  const { ticks, domain, labels } = labelledTicks(
    -reach,
    reach,
    Math.max(2, Math.floor(width / 90)),
    formatValue,
  );
  const xOf = linearScale(domain, [SIDE, width - SIDE]);
  const plotBottom = intervals.length * ROW_HEIGHT;
  const height = plotBottom + AXIS_HEIGHT;
  const rangeOf = (row: Interval) =>
    `${formatValue(row.estimate)} (${level} interval ${formatValue(row.low)} to ${formatValue(row.high)})`;
  const sentence = (row: Interval) =>
    `${row.label} ${rangeOf(row)}, ${VERDICT_LABELS[row.verdict]}${row.note ? `, ${row.note}` : ""}`;
  const summary =
    intervals.length === 0
      ? `${title}: no comparisons yet.`
      : `${title}: ${intervals.map(sentence).join("; ")}.`;

  return (
    <ChartFigure
      title={title}
      table={{
        columns: ["Variant", "Difference", `${level} interval`, "Verdict"],
        rows: intervals.map((row) => [
          row.label,
          formatValue(row.estimate),
          `${formatValue(row.low)} to ${formatValue(row.high)}`,
          `${VERDICT_LABELS[row.verdict]}${row.note ? ` (${row.note})` : ""}`,
        ]),
      }}
    >
      <div ref={boxRef} className="chart__plot">
        <svg className="chart__svg" width={width} height={height} role="img" aria-label={summary}>
          <g className="chart__grid">
            {ticks.map((tick, index) => (
              <text
                key={tick}
                className="chart__tick"
                x={xOf(tick)}
                y={height - 8}
                textAnchor="middle"
              >
                {labels[index]}
              </text>
            ))}
          </g>
          {intervals.map((row, index) => {
            const top = index * ROW_HEIGHT;
            const mid = top + 48;
            const [low, high, at] = [xOf(row.low), xOf(row.high), xOf(row.estimate)];
            // Grid and zero lines run through each row's band, below its words.
            const band = { y1: top + BAND_TOP, y2: top + ROW_HEIGHT };
            return (
              <g key={row.label}>
                <g className="chart__grid">
                  {ticks.map((tick) => (
                    <line key={tick} x1={xOf(tick)} x2={xOf(tick)} {...band} />
                  ))}
                </g>
                <line className="chart__zero" x1={xOf(0)} x2={xOf(0)} {...band} />
                <g className={`chart__interval chart__interval--${row.verdict}`}>
                  <text className="chart__bar-label" x={SIDE} y={top + 14}>
                    {row.label}
                  </text>
                  <text className="chart__bar-value" x={SIDE} y={top + 31}>
                    {`${formatValue(row.estimate)}, ${level} CI ${formatValue(row.low)} to ${formatValue(row.high)}`}
                    {row.note ? ` · ${row.note}` : ""}
                  </text>
                  <line x1={low} x2={high} y1={mid} y2={mid} />
                  <line x1={low} x2={low} y1={mid - CAP} y2={mid + CAP} />
                  <line x1={high} x2={high} y1={mid - CAP} y2={mid + CAP} />
                  <circle cx={at} cy={mid} r={5} />
                </g>
              </g>
            );
          })}
        </svg>
      </div>
    </ChartFigure>
  );
}
