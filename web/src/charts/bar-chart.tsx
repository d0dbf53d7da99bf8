/**
 * Horizontal bars for shares and rankings (time at each rendition, the
 * day's top titles): each row has its label and value on a line above a bar
 * as long as its share of the largest, so long names never squeeze the
 * bars on a phone. Every value is written out, so there is nothing to hover.
 */
import { ChartFigure } from "./chart-figure.tsx";
import { useChartWidth } from "./use-chart-width.ts";

export interface Bar {
  label: string;
  value: number;
}

interface BarChartProps {
  title: string;
  bars: Bar[];
  /** What a bar is and what it measures, for the data table ("Rendition", "Share of time"). */
  labelName: string;
  valueName: string;
  formatValue: (value: number) => string;
  /** The value a full-width bar stands for (1 for shares); the largest value by default. */
  max?: number;
}

const ROW_HEIGHT = 40;
const BAR_HEIGHT = 12;
const CHAR_WIDTH = 7;

export function BarChart({ title, bars, labelName, valueName, formatValue, max }: BarChartProps) {
  const [boxRef, width] = useChartWidth<HTMLDivElement>();
  const full = max ?? Math.max(0, ...bars.map((bar) => bar.value));
  const height = Math.max(1, bars.length) * ROW_HEIGHT;
  const summary =
    bars.length === 0
      ? `${title}: no data.`
      : `${title}: ${bars.map((bar) => `${bar.label} ${formatValue(bar.value)}`).join(", ")}.`;

  return (
    <ChartFigure
      title={title}
      table={{
        columns: [labelName, valueName],
        rows: bars.map((bar) => [bar.label, formatValue(bar.value)]),
      }}
    >
      <div ref={boxRef} className="chart__plot">
        <svg className="chart__svg" width={width} height={height} role="img" aria-label={summary}>
          {bars.map((bar, index) => {
            const top = index * ROW_HEIGHT;
            const value = formatValue(bar.value);
            // Leave the value its room; a label longer than what is left is cut with an ellipsis.
            const room = Math.floor((width - (value.length + 2) * CHAR_WIDTH) / CHAR_WIDTH);
            const label =
              bar.label.length > room ? `${bar.label.slice(0, Math.max(1, room - 1))}…` : bar.label;
            return (
              <g key={`${bar.label}-${index}`}>
                <text className="chart__bar-label" x={0} y={top + 14}>
                  {label}
                </text>
                <text className="chart__bar-value" x={width} y={top + 14} textAnchor="end">
                  {value}
                </text>
                <rect
                  className="chart__track"
                  x={0}
                  y={top + 20}
                  width={width}
                  height={BAR_HEIGHT}
                  rx={2}
                />
                <rect
                  className="chart__bar"
                  x={0}
                  y={top + 20}
                  width={full > 0 ? (Math.max(0, bar.value) / full) * width : 0}
                  height={BAR_HEIGHT}
                  rx={2}
                />
              </g>
            );
          })}
        </svg>
      </div>
    </ChartFigure>
  );
}
