/**
 * The width of a chart's box in CSS pixels, kept up to date as the layout
 * changes, so a chart draws at its real size: text stays legible on a
 * phone instead of shrinking with a scaled viewBox.
 */
import { useLayoutEffect, useRef, useState, type RefObject } from "react";

/** Before the first measurement (and without ResizeObserver) charts draw at this width. */
const FALLBACK_WIDTH = 640;

export function useChartWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(FALLBACK_WIDTH);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      // Whole pixels: sub-pixel changes would redraw the chart for nothing.
      const measured = Math.floor(element.getBoundingClientRect().width);
      if (measured > 0) setWidth(measured);
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
