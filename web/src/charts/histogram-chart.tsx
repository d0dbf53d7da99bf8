/**
 * A column chart of counts over ordered bins (a distribution: startup
 * times). Columns share one y axis; bin labels thin out when they would
 * overlap. Like the line chart, the plot is a slider that reads one bin at
 * a time, and the data table holds every count.
 */
import { ChartSlider } from "./chart-slider.tsx";
import { YGridlines } from "./y-gridlines.tsx";
import { ChartFigure } from "./chart-figure.tsx";
import { labelledTicks, linearScale } from "./scale.ts";
import { useChartWidth } from "./use-chart-width.ts";
import { usePointReadout } from "./use-point-readout.ts";

export interface Bin {
  label: string;
  value: number;
}

interface HistogramChartProps {
  title: string;
  bins: Bin[];
  /** What a bin is, for the data table ("Startup time"). */
  binName: string;
  /** What is counted, for the data table ("Views"). */
  valueName: string;
  formatValue: (value: number) => string;
}

const HEIGHT = 200;
const MARGIN = { top: 12, right: 8, bottom: 28 };
const CHAR_WIDTH = 7;
const GAP = 0.2;

export function HistogramChart({
  title,
  bins,
  binName,
  valueName,
  formatValue,
}: HistogramChartProps) {
  const [boxRef, width] = useChartWidth<HTMLDivElement>();
  const total = bins.reduce((sum, bin) => sum + bin.value, 0);
  const y = labelledTicks(0, Math.max(0, ...bins.map((bin) => bin.value)), 4, formatValue);
  const left = Math.max(...y.labels.map((label) => label.length)) * CHAR_WIDTH + 12;
  const slot = (width - MARGIN.right - left) / Math.max(1, bins.length);
  const yOf = linearScale(y.domain, [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const longestLabel = Math.max(...bins.map((bin) => bin.label.length), 1);
  // Label every n-th bin, so labels keep a character's width between them.
  const labelEvery = Math.max(1, Math.ceil(((longestLabel + 1) * CHAR_WIDTH) / slot));

  const readout = usePointReadout(bins.length, 0, (offsetX) =>
    Math.max(0, Math.min(bins.length - 1, Math.floor((offsetX - left) / slot))),
  );
  const share = (value: number) => (total > 0 ? ` (${Math.round((value / total) * 100)}%)` : "");
  const readoutOf = (bin: Bin) => `${bin.label}: ${formatValue(bin.value)}${share(bin.value)}`;
  const shown = readout.index === null ? null : bins[readout.index];
  const largest = bins.reduce<Bin | undefined>(
    (best, bin) => (!best || bin.value > best.value ? bin : best),
    undefined,
  );
  const summary =
    total === 0 || !largest
      ? `${title}: no data.`
      : `${title}: ${bins.length} bins, ${formatValue(total)} in all; most in ${readoutOf(largest)}.`;

  return (
    <ChartFigure
      title={title}
      header={
        <span className="chart__readout" aria-hidden="true">
          {shown ? readoutOf(shown) : `${formatValue(total)} in all`}
        </span>
      }
      table={{
        columns: [binName, valueName],
        rows: bins.map((bin) => [bin.label, `${formatValue(bin.value)}${share(bin.value)}`]),
      }}
    >
      <div ref={boxRef} className="chart__plot">
        <svg className="chart__svg" width={width} height={HEIGHT} role="img" aria-label={summary}>
          <g className="chart__grid">
            <YGridlines
              ticks={y.ticks}
              labels={y.labels}
              yOf={yOf}
              left={left}
              right={width - MARGIN.right}
            />
          </g>
          {bins.map((bin, index) => {
            const x = left + index * slot;
            const top = yOf(bin.value);
            return (
              <g key={bin.label}>
                <rect
                  className={
                    readout.index === index ? "chart__bar chart__bar--active" : "chart__bar"
                  }
                  x={x + (slot * GAP) / 2}
                  y={top}
                  width={Math.max(1, slot * (1 - GAP))}
                  height={Math.max(0, HEIGHT - MARGIN.bottom - top)}
                />
                {index % labelEvery === 0 && (
                  <text className="chart__tick" x={x + slot / 2} y={HEIGHT - 8} textAnchor="middle">
                    {bin.label}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
        <ChartSlider
          readout={readout}
          label={`${title}, bin by bin`}
          count={bins.length}
          position={readout.index ?? 0}
          valueText={shown ? readoutOf(shown) : bins[0] ? readoutOf(bins[0]) : "No data"}
        />
      </div>
    </ChartFigure>
  );
}
