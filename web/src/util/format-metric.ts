/**
 * QoE and engagement numbers as the dashboards word them, in the browser's
 * locale: "812 ms" or "1.4 s", "2.1%", "3.2 Mbps", "1,204 h". Null (no data
 * yet, e.g. no first frame in the window) reads as an en dash.
 */
const NO_DATA = "–";

const formats = new Map<string, Intl.NumberFormat>();

function number(maximumFractionDigits: number, options: Intl.NumberFormatOptions = {}) {
  const key = JSON.stringify([maximumFractionDigits, options]);
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { maximumFractionDigits, ...options });
    formats.set(key, format);
  }
  return format;
}

/** Digits after the point that keep about two significant figures of a small value. */
const fractionDigits = (value: number) =>
  Math.abs(value) >= 10 ? 0 : Math.abs(value) >= 1 ? 1 : 2;

/** "640 ms", "1.4 s", "12 s" */
export function formatMs(ms: number | null): string {
  if (ms === null) return NO_DATA;
  if (Math.abs(ms) < 1000) return `${number(0).format(ms)} ms`;
  return `${number(fractionDigits(ms / 1000)).format(ms / 1000)} s`;
}

/** A percentage already scaled to 0–100: "2.1%", "0.35%", "40%". */
export function formatPercent(percent: number | null): string {
  if (percent === null) return NO_DATA;
  return `${number(percent === 0 ? 0 : fractionDigits(percent)).format(percent)}%`;
}

/** A share from 0 to 1, as a percentage. */
export const formatShare = (share: number | null) =>
  formatPercent(share === null ? null : share * 100);

/** "850 kbps", "3.2 Mbps" */
export function formatKbps(kbps: number | null): string {
  if (kbps === null) return NO_DATA;
  if (Math.abs(kbps) < 1000) return `${number(0).format(kbps)} kbps`;
  return `${number(1).format(kbps / 1000)} Mbps`;
}

/** Hours watched: "0.4 h", "12 h", "1,204 h". */
export function formatHours(hours: number | null): string {
  if (hours === null) return NO_DATA;
  return `${number(fractionDigits(hours)).format(hours)} h`;
}

/** A whole count: "1,204". */
export const formatCount = (count: number | null) =>
  count === null ? NO_DATA : number(0).format(count);

/** The viewer-experience score, 0–100: "87". */
export const formatScore = (score: number | null) =>
  score === null ? NO_DATA : number(0).format(score);

/** A difference of percentages, in percentage points: "0.4 pp". */
export const formatPoints = (points: number) =>
  `${number(fractionDigits(points)).format(points)} pp`;

/** A difference with its sign: "+120 ms", "−0.4 pp" (a true minus sign). */
export function formatSigned(value: number, format: (magnitude: number) => string): string {
  const sign = value > 0 ? "+" : value < 0 ? "\u2212" : "";
  return `${sign}${format(Math.abs(value))}`;
}

/** "p = 0.03", "p = 0.004", "p < 0.001" */
export function formatPValue(p: number): string {
  if (p < 0.001) return "p < 0.001";
  return `p = ${number(p < 0.01 ? 3 : 2, { minimumFractionDigits: p < 0.01 ? 3 : 2 }).format(p)}`;
}

/** A rendition: "1080p · 4.5 Mbps". */
export const formatRendition = ({ height, bitrateKbps }: { height: number; bitrateKbps: number }) =>
  `${height}p · ${formatKbps(bitrateKbps)}`;
