/**
 * Which data point of a chart is being read: the one under the pointer, or
 * the one chosen with the keyboard on the chart's slider (arrow keys step,
 * Page Up/Down jump ten, Home/End go to the ends). Null when nothing is
 * being read, and the chart shows its latest point.
 */
import { useState, type KeyboardEvent, type PointerEvent } from "react";

export interface PointReadout {
  index: number | null;
  /** Props for the slider element laid over the plot. */
  sliderProps: {
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
    onPointerMove: (event: PointerEvent<HTMLElement>) => void;
    onPointerLeave: () => void;
    onBlur: () => void;
  };
}

/**
 * @param count how many points there are
 * @param fallback the point a keyboard starts from (the latest with data)
 * @param nearest the point nearest to a horizontal offset in the slider, in px
 */
export function usePointReadout(
  count: number,
  fallback: number,
  nearest: (offsetX: number) => number,
): PointReadout {
  const [chosen, setChosen] = useState<number | null>(null);
  const index = chosen === null ? null : Math.min(chosen, count - 1);

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    const from = index ?? fallback;
    const steps: Record<string, number> = {
      ArrowLeft: from - 1,
      ArrowDown: from - 1,
      ArrowRight: from + 1,
      ArrowUp: from + 1,
      PageDown: from - 10,
      PageUp: from + 10,
      Home: 0,
      End: count - 1,
    };
    const next = steps[event.key];
    if (next === undefined || count === 0) return;
    event.preventDefault();
    setChosen(Math.max(0, Math.min(count - 1, next)));
  }

  return {
    index,
    sliderProps: {
      onKeyDown,
      onPointerMove: (event) => {
        if (count === 0) return;
        const box = event.currentTarget.getBoundingClientRect();
        setChosen(nearest(event.clientX - box.left));
      },
      onPointerLeave: () => setChosen(null),
      onBlur: () => setChosen(null),
    },
  };
}
