/**
 * Network traces for the ABR benchmark: parsing the `<time_seconds> <throughput_mbps>` files
 * (format in ../shared/data/abr-traces/README.md) and answering the one question the simulator
 * asks of a trace: when does a transfer of so many megabits that starts at time t finish?
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface Trace {
  name: string;
  /** Sample start times in seconds, strictly increasing, the first 0. */
  times: Float64Array;
  /** Megabits delivered from 0 up to each sample's start; one more entry for the period's end. */
  delivered: Float64Array;
  mbps: Float64Array;
  /** The trace's length: the last sample holds for the median sample spacing, then it loops. */
  period: number;
}

/** Every `*.txt` trace in `dir`, sorted by file name so runs are comparable. */
export function loadTraces(dir: string, limit = Infinity): Trace[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".txt"))
    .sort()
    .slice(0, limit)
    .map((file) => parseTrace(file, readFileSync(join(dir, file), "utf8")));
}

export function parseTrace(name: string, text: string): Trace {
  const rows = text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => line.trim().split(/\s+/).map(Number));
  if (rows.length < 2) throw new Error(`${name}: a trace needs at least two samples`);
  const times = Float64Array.from(rows, (row) => row[0]!);
  const mbps = Float64Array.from(rows, (row) => row[1]!);
  const spacings = Array.from(times.subarray(1), (time, i) => time - times[i]!).sort(
    (a, b) => a - b,
  );
  const period = times.at(-1)! + spacings[Math.floor(spacings.length / 2)]!;
  const delivered = new Float64Array(times.length + 1);
  for (let i = 0; i < times.length; i++) {
    const end = i + 1 < times.length ? times[i + 1]! : period;
    delivered[i + 1] = delivered[i]! + mbps[i]! * (end - times[i]!);
  }
  if (!(delivered[times.length]! > 0)) throw new Error(`${name}: the trace delivers nothing`);
  return { name, times, delivered, mbps, period };
}

/** Megabits the link delivers between `from` and `to`. */
export function delivered(trace: Trace, from: number, to: number): number {
  return deliveredBy(trace, to) - deliveredBy(trace, from);
}

/** Megabits the link delivers from time 0 to `t` (looping the trace). */
function deliveredBy(trace: Trace, t: number): number {
  const loops = Math.floor(t / trace.period);
  const local = t - loops * trace.period;
  const i = lastAtOrBefore(trace.times, local);
  const perLoop = trace.delivered[trace.times.length]!;
  return loops * perLoop + trace.delivered[i]! + trace.mbps[i]! * (local - trace.times[i]!);
}

/**
 * When a transfer of `megabits` that starts sending at `start` has arrived: the inverse of
 * the delivered-megabits curve, which is piecewise linear between samples.
 */
export function transferEnd(trace: Trace, start: number, megabits: number): number {
  const target = deliveredBy(trace, start) + megabits;
  const perLoop = trace.delivered[trace.times.length]!;
  const loops = Math.floor(target / perLoop);
  const rest = target - loops * perLoop;
  // The first sample whose span reaches `rest` (spans of zero throughput are skipped over).
  let lo = 0;
  let hi = trace.times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (trace.delivered[mid + 1]! >= rest) hi = mid;
    else lo = mid + 1;
  }
  const into = trace.mbps[lo]! > 0 ? (rest - trace.delivered[lo]!) / trace.mbps[lo]! : 0;
  // Never before `start`: rounding in the subtraction above can otherwise move it back a hair.
  return Math.max(start, loops * trace.period + trace.times[lo]! + into);
}

function lastAtOrBefore(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
