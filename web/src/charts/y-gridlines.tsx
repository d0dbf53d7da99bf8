/** A chart's horizontal gridlines, each with its value label to the left of the plot. */

interface YGridlinesProps {
  ticks: number[];
  labels: string[];
  /** A tick's vertical position, in px. */
  yOf: (value: number) => number;
  left: number;
  right: number;
}

export function YGridlines({ ticks, labels, yOf, left, right }: YGridlinesProps) {
  return ticks.map((tick, index) => (
    <g key={tick}>
      <line x1={left} x2={right} y1={yOf(tick)} y2={yOf(tick)} />
      <text className="chart__tick" x={left - 8} y={yOf(tick)} textAnchor="end" dy="0.32em">
        {labels[index]}
      </text>
    </g>
  ));
}
