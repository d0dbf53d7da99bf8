/**
 * The keyboard's way into a chart: a slider laid over the plot that steps
 * through its points (usePointReadout), announcing each as it goes.
 */
import type { PointReadout } from "./use-point-readout.ts";

interface ChartSliderProps {
  readout: PointReadout;
  /** What the slider steps through, e.g. "Startup time, point by point". */
  label: string;
  count: number;
  /** The point read now, from 0. */
  position: number;
  valueText: string;
}

export function ChartSlider({ readout, label, count, position, valueText }: ChartSliderProps) {
  return (
    <div
      className="chart__slider"
      role="slider"
      tabIndex={0}
      aria-label={label}
      aria-valuemin={1}
      aria-valuemax={Math.max(1, count)}
      aria-valuenow={position + 1}
      aria-valuetext={valueText}
      {...readout.sliderProps}
    />
  );
}
