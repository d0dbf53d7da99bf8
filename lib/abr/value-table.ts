/**
 * The value function behind the ABR policy: how much QoE the rest of a session is worth from a
 * given buffer level and last rung, under a simple model of the network, found by dynamic
 * programming (backward induction over a buffer grid). It is the offline optimum's dynamic
 * programme with the unknown future replaced by that model:
 *
 * - each segment's throughput is the estimate × an independent random factor, log-normal with
 *   spread σ (the standard deviation of its log) and scaled so that the harmonic mean, which
 *   is what download times average to, equals the estimate;
 * - a segment's reward is the QoE's: its bit rate in Mbps, minus the change from the previous
 *   segment, minus the rebuffer penalty × the seconds it stalls.
 *
 * A table depends only on (ladder, segment and buffer sizes, estimate, σ, QoE weights), so
 * estimates and σ are rounded to a grid and tables are cached: a session mostly reuses a few.
 */

export interface ValueModel {
  bitratesKbps: readonly number[];
  segmentSeconds: number;
  maxBufferSeconds: number;
  /** The harmonic mean throughput the model assumes. */
  throughputKbps: number;
  /** σ of the log of the per-segment throughput factor. */
  spread: number;
  /** Before each download's first byte. */
  latencySeconds: number;
  /** Segments ahead the table plans for. */
  horizon: number;
  rebufferPenalty: number;
  switchPenalty: number;
}

export interface ValueTable {
  model: ValueModel;
  /** The random throughput factors, equally likely. */
  factors: Float64Array;
  /** values[n][bin × rungs + rung]: n segments left, buffer at the next request, last rung. */
  values: Float32Array[];
}

/** Buffer grid step, in seconds: fine enough that interpolating between steps is smooth. */
const BUFFER_STEP = 0.25;
/** Quantiles of the throughput factor evaluated per decision. */
const FACTORS = 16;
/** Estimates are rounded to this relative grid (5 %) so that tables can be shared. */
const THROUGHPUT_GRID = Math.log(1.05);
const SPREAD_GRID = 0.1;
const LATENCY_GRID = 0.01;
/** Tables kept (≈0.2 MB each for a 10-rung ladder). */
const CACHE_SIZE = 256;

const cache = new Map<string, ValueTable>();

/** The table for `model` once its throughput and spread are rounded to the grid. */
export function valueTable(model: ValueModel): ValueTable {
  const rounded: ValueModel = {
    ...model,
    throughputKbps: Math.exp(
      Math.round(Math.log(model.throughputKbps) / THROUGHPUT_GRID) * THROUGHPUT_GRID,
    ),
    spread: Math.max(SPREAD_GRID, Math.round(model.spread / SPREAD_GRID) * SPREAD_GRID),
    latencySeconds: Math.round(model.latencySeconds / LATENCY_GRID) * LATENCY_GRID,
  };
  const key = `${rounded.bitratesKbps.join()}|${rounded.segmentSeconds}|${rounded.maxBufferSeconds}|${rounded.throughputKbps}|${rounded.spread}|${rounded.latencySeconds}|${rounded.horizon}|${rounded.rebufferPenalty}|${rounded.switchPenalty}`;
  let table = cache.get(key);
  if (table) {
    // Least recently used goes first: re-insert to mark this one used.
    cache.delete(key);
  } else {
    table = buildTable(rounded);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, table);
  return table;
}

export interface Fetch {
  /** Segments left, this one included. */
  left: number;
  bufferSeconds: number;
  rung: number;
  lastRung: number;
  /** What is still to download for it. */
  megabits: number;
  /** Its expected throughput (× the table's random factors) and latency. */
  throughputKbps: number;
  latencySeconds: number;
}

/** The expected value of a fetch: its segment's reward plus the value of where it leaves the player. */
export function fetchValue(table: ValueTable, fetch: Fetch): number {
  const { model, factors } = table;
  const rates = model.bitratesKbps;
  const next = table.values[Math.min(fetch.left, model.horizon) - 1]!;
  let expected = 0;
  for (const factor of factors) {
    const seconds =
      fetch.latencySeconds + (fetch.megabits * 1000) / (fetch.throughputKbps * factor);
    expected +=
      -model.rebufferPenalty * Math.max(0, seconds - fetch.bufferSeconds) +
      interpolate(next, model, bufferAfter(model, fetch.bufferSeconds, seconds), fetch.rung);
  }
  return (
    rates[fetch.rung]! / 1000 -
    (model.switchPenalty * Math.abs(rates[fetch.rung]! - rates[fetch.lastRung]!)) / 1000 +
    expected / factors.length
  );
}

function buildTable(model: ValueModel): ValueTable {
  const rates = model.bitratesKbps;
  const rungs = rates.length;
  const bins = Math.floor((model.maxBufferSeconds - model.segmentSeconds) / BUFFER_STEP) + 1;
  const factors = throughputFactors(model.spread);
  // Nothing is worth anything after the last segment (leftover buffer included).
  const values = [new Float32Array(bins * rungs)];
  const fetched = new Float64Array(bins * rungs);
  for (let left = 1; left <= model.horizon; left++) {
    const next = values[left - 1]!;
    // The expected value of fetching each rung from each buffer level, before switching costs.
    for (let bin = 0; bin < bins; bin++) {
      const buffer = bin * BUFFER_STEP;
      for (let rung = 0; rung < rungs; rung++) {
        let expected = 0;
        for (const factor of factors) {
          const seconds =
            model.latencySeconds +
            (rates[rung]! * model.segmentSeconds) / (model.throughputKbps * factor);
          expected +=
            -model.rebufferPenalty * Math.max(0, seconds - buffer) +
            interpolate(next, model, bufferAfter(model, buffer, seconds), rung);
        }
        fetched[bin * rungs + rung] = rates[rung]! / 1000 + expected / factors.length;
      }
    }
    const current = new Float32Array(bins * rungs);
    for (let bin = 0; bin < bins; bin++)
      for (let last = 0; last < rungs; last++) {
        let best = -Infinity;
        for (let rung = 0; rung < rungs; rung++) {
          const value =
            fetched[bin * rungs + rung]! -
            (model.switchPenalty * Math.abs(rates[rung]! - rates[last]!)) / 1000;
          if (value > best) best = value;
        }
        current[bin * rungs + last] = best;
      }
    values.push(current);
  }
  return { model, factors, values };
}

/** The buffer when the next request goes out: after this download, and after waiting for room. */
function bufferAfter(model: ValueModel, buffer: number, seconds: number): number {
  return Math.min(
    Math.max(0, buffer - seconds) + model.segmentSeconds,
    model.maxBufferSeconds - model.segmentSeconds,
  );
}

function interpolate(
  values: Float32Array,
  model: ValueModel,
  buffer: number,
  rung: number,
): number {
  const rungs = model.bitratesKbps.length;
  const bins = values.length / rungs;
  const position = buffer / BUFFER_STEP;
  const bin = Math.min(Math.floor(position), bins - 2);
  const fraction = position - bin;
  return (
    (1 - fraction) * values[bin * rungs + rung]! + fraction * values[(bin + 1) * rungs + rung]!
  );
}

/**
 * Equally likely quantiles of a log-normal factor with log-spread σ, rescaled so that the mean
 * of their reciprocals is exactly 1 (download time is size / throughput, so the estimate is a
 * harmonic mean and the factors must keep it one).
 */
function throughputFactors(spread: number): Float64Array {
  const factors = Float64Array.from({ length: FACTORS }, (_, i) =>
    Math.exp(spread * normalQuantile((i + 0.5) / FACTORS)),
  );
  const meanInverse = factors.reduce((sum, factor) => sum + 1 / factor, 0) / FACTORS;
  return factors.map((factor) => factor * meanInverse);
}

/** The standard normal's inverse CDF (Acklam's rational approximation, error < 1.2e-9). */
function normalQuantile(p: number): number {
  if (p > 0.5) return -normalQuantile(1 - p);
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((-7.784894002430293e-3 * q - 0.3223964580411365) * q - 2.400758277161838) * q -
        2.549732539343734) *
        q +
        4.374664141464968) *
        q +
        2.938163982698783) /
      ((((7.784695709041462e-3 * q + 0.3224671290700398) * q + 2.445134137142996) * q +
        3.754408661907416) *
        q +
        1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((-39.69683028665376 * r + 220.9460984245205) * r - 275.9285104469687) * r +
      138.357751867269) *
      r -
      30.66479806614716) *
      r +
      2.506628277459239) *
      q) /
    (((((-54.47609879822406 * r + 161.5858368580409) * r - 155.6989798598866) * r +
      66.80131188771972) *
      r -
      13.28068155288572) *
      r +
      1)
  );
}
