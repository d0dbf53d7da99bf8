/**
 * Startup times are kept per minute and slice as a log-scale histogram (the
 * DDSketch mapping): bucket i holds values in (γ^(i-1), γ^i]. With γ = 1.04 a
 * bucket's representative value is within 2 % of every value in it, so a
 * percentile read from merged histograms is within 2 % of the exact
 * percentile of the raw values, and histograms from any minutes and slices
 * merge by adding counts.
 */
export const HISTOGRAM_GAMMA = 1.04;
/** 2 % relative accuracy: (γ − 1) / (γ + 1). */
export const HISTOGRAM_RELATIVE_ACCURACY = (HISTOGRAM_GAMMA - 1) / (HISTOGRAM_GAMMA + 1);
const LOG_GAMMA = Math.log(HISTOGRAM_GAMMA);

/** The bucket of a value in ms; values up to 1 ms share bucket 0. */
export function bucketOf(valueMs: number): number {
  return valueMs <= 1 ? 0 : Math.ceil(Math.log(valueMs) / LOG_GAMMA);
}

/** The value that stands for a bucket: the point within 2 % of both its bounds. */
export function bucketValue(bucket: number): number {
  return bucket === 0 ? 1 : (2 * HISTOGRAM_GAMMA ** bucket) / (HISTOGRAM_GAMMA + 1);
}

/** bucket → count. */
export type Histogram = Map<number, number>;

/**
 * The nearest-rank percentile (p in 0..1): the smallest value with at least
 * ⌈p·n⌉ values at or below it; null for an empty histogram.
 */
export function percentile(histogram: Histogram, p: number): number | null {
  const total = [...histogram.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(bucket) ?? 0;
    if (seen >= rank) return bucketValue(bucket);
  }
  return null;
}
