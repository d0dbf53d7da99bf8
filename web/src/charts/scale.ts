/**
 * The arithmetic of chart axes: linear scales from data to pixels, "nice"
 * tick values (1, 2 or 5 × a power of ten) and time ticks on round clock
 * steps, so every chart's axes read the same way.
 */

/** Maps a domain linearly onto a range; an empty domain maps to the range's middle. */
export function linearScale(
  [d0, d1]: readonly [number, number],
  [r0, r1]: readonly [number, number],
): (value: number) => number {
  const span = d1 - d0;
  if (span === 0) return () => (r0 + r1) / 2;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/** The nice step for about `count` intervals over `span`. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * About `count` round tick values covering [min, max], and the domain they
 * span (min and max widened out to the ticks), so the data fits the axis.
 *
 * @example
 * niceTicks(0, 873, 4) // { ticks: [0, 200, 400, 600, 800, 1000], domain: [0, 1000] }
 */
export function niceTicks(
  min: number,
  max: number,
  count: number,
): { ticks: number[]; domain: [number, number] } {
  if (max <= min) max = min + (min === 0 ? 1 : Math.abs(min));
  const step = niceStep(max - min, count);
  const start = Math.floor(min / step) * step;
  const end = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  // Rounded to the step's precision, so 0.1 + 0.2 shows as 0.3.
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  for (let value = start; value <= end + step / 2; value += step)
    ticks.push(Number(value.toFixed(digits)));
  return { ticks, domain: [start, end] };
}

/**
 * Nice ticks whose labels all differ once formatted: whole-number counts
 * near zero would otherwise label 0, 0.25 and 0.5 as "0", "0" and "1".
 */
export function labelledTicks(
  min: number,
  max: number,
  count: number,
  format: (value: number) => string,
): { ticks: number[]; domain: [number, number]; labels: string[] } {
  for (let wanted = count; ; wanted--) {
    const nice = niceTicks(min, max, wanted);
    const labels = nice.ticks.map(format);
    if (wanted <= 1 || new Set(labels).size === labels.length) return { ...nice, labels };
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TIME_STEPS = [
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
];

/**
 * Ticks at round local clock times (every 15 minutes, 6 hours, local
 * midnight…), at most `count` of them, between two instants in ms, and
 * whether they step in whole days (so their labels are dates, not times).
 */
export function timeTicks(
  from: number,
  to: number,
  count: number,
): { ticks: number[]; days: boolean } {
  const span = Math.max(to - from, MINUTE);
  const step = TIME_STEPS.find((candidate) => span / candidate <= count) ?? span / count;
  // getTimezoneOffset is how far local time is behind UTC: align steps to local clock times.
  const offset = new Date(from).getTimezoneOffset() * MINUTE;
  const first = Math.ceil((from - offset) / step) * step + offset;
  const ticks: number[] = [];
  for (let tick = first; tick <= to; tick += step) ticks.push(tick);
  return { ticks, days: step >= DAY };
}
