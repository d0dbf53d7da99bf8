/**
 * A time-series line chart: one to four series over shared times, with
 * axes and round ticks, gaps where a series has no value, and a readout of
 * the point under the pointer or chosen with the keyboard (the plot is a
 * slider over the points). Screen readers get a summary of each series as
 * the drawing's name and every value in the figure's data table.
 */
import { ChartSlider } from "./chart-slider.tsx";
import { YGridlines } from "./y-gridlines.tsx";
import { ChartFigure, Legend } from "./chart-figure.tsx";
import { formatClockTick, formatDateTick } from "./axis-format.ts";
import { labelledTicks, linearScale, timeTicks } from "./scale.ts";
import { useChartWidth } from "./use-chart-width.ts";
import { usePointReadout } from "./use-point-readout.ts";

export interface LineSeries {
  label: string;
  /** One value per time; null where there is none (nothing to measure). */
  values: (number | null)[];
}

interface LineChartProps {
  title: string;
  /** The points' times in ms since the epoch, ascending. */
  times: number[];
  series: LineSeries[];
  formatValue: (value: number) => string;
  /** A point's time in the readout and the data table. */
  formatTime: (time: number) => string;
  /** The time span the x axis covers (the dashboard's window); the points' own by default. */
  span?: readonly [number, number];
  /** A fixed top for the y axis (100 for a score); fitted to the data otherwise. */
  yMax?: number;
}

const HEIGHT = 200;
const MARGIN = { top: 12, right: 16, bottom: 28 };
const CHAR_WIDTH = 7;
const TICK_SPACING = { x: 96, y: 4 };

/** "latest 812 ms, lowest 640 ms, highest 1.4 s", or that there is no data. */
function describe(series: LineSeries, formatValue: (value: number) => string): string {
  const present = series.values.filter((value): value is number => value !== null);
  const latest = present.at(-1);
  if (latest === undefined) return `${series.label}: no data.`;
  const [lowest, highest] = [Math.min(...present), Math.max(...present)].map(formatValue);
  return `${series.label}: latest ${formatValue(latest)}, lowest ${lowest}, highest ${highest}.`;
}

/** An SVG path through the series' points, lifting the pen over missing values. */
function linePath(points: ({ x: number; y: number } | null)[]): string {
  let path = "";
  let drawing = false;
  for (const point of points) {
    if (!point) {
      drawing = false;
      continue;
    }
    path += `${drawing ? "L" : "M"}${point.x.toFixed(1)},${point.y.toFixed(1)}`;
    drawing = true;
  }
  return path;
}

export function LineChart({
  title,
  times,
  series,
  formatValue,
  formatTime,
  span,
  yMax,
}: LineChartProps) {
  const [boxRef, width] = useChartWidth<HTMLDivElement>();
  const allValues = series.flatMap((line) =>
    line.values.filter((value): value is number => value !== null),
  );
  const y = labelledTicks(0, yMax ?? Math.max(0, ...allValues), TICK_SPACING.y, formatValue);
  const left = Math.max(...y.labels.map((label) => label.length)) * CHAR_WIDTH + 12;
  const plotRight = width - MARGIN.right;
  const [from, to] = span ?? [times[0] ?? 0, times.at(-1) ?? 0];
  const xOf = linearScale([from, to], [left, plotRight]);
  const yOf = linearScale(y.domain, [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const x = timeTicks(from, to, Math.max(2, Math.floor((plotRight - left) / TICK_SPACING.x)));
  const formatTick = x.days ? formatDateTick : formatClockTick;

  const latestWithData = times.findLastIndex((_, index) =>
    series.some((line) => line.values[index] != null),
  );
  const readout = usePointReadout(times.length, Math.max(0, latestWithData), (offsetX) => {
    let best = 0;
    for (let index = 1; index < times.length; index++)
      if (Math.abs(xOf(times[index]!) - offsetX) < Math.abs(xOf(times[best]!) - offsetX))
        best = index;
    return best;
  });
  const shown = readout.index ?? (latestWithData >= 0 ? latestWithData : null);
  const readoutText =
    shown === null
      ? "No data"
      : `${formatTime(times[shown]!)}: ${series
          .map(({ label, values }) => {
            const value = values[shown];
            return `${label} ${value == null ? "no data" : formatValue(value)}`;
          })
          .join(", ")}`;

  const summary = `${title}${
    times.length > 0 ? `, ${formatTime(times[0]!)} to ${formatTime(times.at(-1)!)}` : ""
  }. ${series.map((line) => describe(line, formatValue)).join(" ")}`;

  return (
    <ChartFigure
      title={title}
      header={
        <>
          <Legend labels={series.map((line) => line.label)} />
          <span className="chart__readout" aria-hidden="true">
            {readoutText}
          </span>
        </>
      }
      table={{
        columns: ["Time", ...series.map((line) => line.label)],
        rows: times.map((time, index) => [
          formatTime(time),
          ...series.map(({ values }) => {
            const value = values[index];
            return value == null ? "–" : formatValue(value);
          }),
        ]),
      }}
    >
      <div ref={boxRef} className="chart__plot">
        <svg className="chart__svg" width={width} height={HEIGHT} role="img" aria-label={summary}>
          <g className="chart__grid">
            <YGridlines ticks={y.ticks} labels={y.labels} yOf={yOf} left={left} right={plotRight} />
            {x.ticks.map((tick) => (
              <text
                key={tick}
                className="chart__tick"
                x={xOf(tick)}
                y={HEIGHT - 8}
                textAnchor="middle"
              >
                {formatTick(tick)}
              </text>
            ))}
          </g>
          {series.map(({ label, values }, seriesIndex) => {
            const points = values.map((value, index) =>
              value === null ? null : { x: xOf(times[index]!), y: yOf(value) },
            );
            // A point with no neighbour draws no line: it gets a dot so it is seen.
            const lonely = points.filter(
              (point, index) => point && !points[index - 1] && !points[index + 1],
            );
            return (
              <g key={label} className={`chart__series--${seriesIndex}`}>
                <path className="chart__line" d={linePath(points)} />
                {lonely.map((point) => (
                  <circle key={point!.x} className="chart__dot" cx={point!.x} cy={point!.y} r={3} />
                ))}
              </g>
            );
          })}
          {shown !== null && readout.index !== null && (
            <g className="chart__focus">
              <line
                x1={xOf(times[shown]!)}
                x2={xOf(times[shown]!)}
                y1={MARGIN.top}
                y2={HEIGHT - MARGIN.bottom}
              />
              {series.map(({ label, values }, seriesIndex) => {
                const value = values[shown];
                return value == null ? null : (
                  <circle
                    key={label}
                    className={`chart__dot chart__series--${seriesIndex}`}
                    cx={xOf(times[shown]!)}
                    cy={yOf(value)}
                    r={4}
                  />
                );
              })}
            </g>
          )}
        </svg>
        <ChartSlider
          readout={readout}
          label={`${title}, point by point`}
          count={times.length}
          position={shown ?? 0}
          valueText={readoutText}
        />
      </div>
    </ChartFigure>
  );
}
