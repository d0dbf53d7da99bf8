/** Times and durations as people read them, in the browser's locale. */

const clock = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const day = new Intl.DateTimeFormat(undefined, { dateStyle: "long" });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const tenths = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

/** "10:42 AM" */
export const formatClockTime = (date: Date) => clock.format(date);

/** "Nov 21, 2026, 10:42 AM" */
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));

/** "November 21, 2026" */
export const formatDay = (iso: string) => day.format(new Date(iso));

/** "just now", "5 minutes ago", "yesterday" */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

/** "45 seconds", "15 minutes" */
export function formatDuration(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** A measured span, as precise as it is worth: "8.4 s", "42 s", "3 min 05 s", "2 h 07 min". */
export function formatElapsed(totalSeconds: number): string {
  if (totalSeconds < 10) return `${tenths.format(totalSeconds)} s`;
  const seconds = Math.round(totalSeconds);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const twoDigits = (value: number) => String(value).padStart(2, "0");
  if (minutes < 60) return `${minutes} min ${twoDigits(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${twoDigits(minutes % 60)} min`;
}
