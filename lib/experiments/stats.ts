/**
 * The statistics of experiment results, from first principles (no
 * dependency ships these for Workers): the normal, Student-t and
 * chi-square distributions, a two-proportion z-test for rates, Welch's
 * t-test for means, 95% confidence intervals and the sample-ratio check.
 * docs/experiments.md gives every formula.
 *
 * The special functions are the standard ones (Numerical Recipes, 3rd ed.,
 * §6.1–6.4): log-gamma by Lanczos' approximation, the regularized incomplete
 * gamma by its series or continued fraction, the regularized incomplete
 * beta by its continued fraction (modified Lentz). Each is accurate to
 * about 1e-14 where results are read; the tests compare with SciPy.
 */

// ---------------------------------------------------------------------------
// Special functions
// ---------------------------------------------------------------------------

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const EPSILON = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 1000;

/** The regularized lower and upper incomplete gamma functions P(a, x) and Q(a, x). */
function incompleteGamma(a: number, x: number): { p: number; q: number } {
  if (x <= 0) return { p: 0, q: 1 };
  const front = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    // Series: P = front · Σ xⁿ / (a (a+1) … (a+n)).
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITERATIONS; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
    }
    const p = Math.min(1, sum * front);
    return { p, q: 1 - p };
  }
  // Continued fraction for Q (modified Lentz).
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  const q = Math.min(1, front * h);
  return { p: 1 - q, q };
}

/** The continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x),
  );
  // The fraction converges fast for x < (a+1)/(a+b+2); use the symmetry otherwise.
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

// ---------------------------------------------------------------------------
// Distributions
// ---------------------------------------------------------------------------

/** Φ(z), the standard normal CDF: erfc via Q(½, z²/2), exact in both tails. */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const { q } = incompleteGamma(0.5, (z * z) / 2);
  return z < 0 ? q / 2 : 1 - q / 2;
}

/** P(|Z| ≥ |z|) for a standard normal Z. */
export const normalTwoSidedP = (z: number) => incompleteGamma(0.5, (z * z) / 2).q;

/** Φ⁻¹(p): Acklam's rational approximation, polished by one Halley step on normalCdf. */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  // From the lower tail, where Φ is computed without cancellation (1 − p is exact for p ≥ ½).
  if (p > 0.5) return -normalQuantile(1 - p);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** P(|T| ≥ |t|) for Student's t with `df` degrees of freedom (df may be fractional). */
export function studentTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t)) return Number.isNaN(t) ? NaN : 0;
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** The Student-t CDF. */
export function studentCdf(t: number, df: number): number {
  const tail = studentTwoSidedP(t, df) / 2;
  return t < 0 ? tail : 1 - tail;
}

/** The t with P(T ≤ t) = p, by bisection on the CDF (to double precision). */
export function studentQuantile(p: number, df: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < 0.5) return -studentQuantile(1 - p, df);
  let low = 0;
  let high = Math.max(1, normalQuantile(p));
  while (studentCdf(high, df) < p) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-15 * high; i++) {
    const middle = (low + high) / 2;
    if (studentCdf(middle, df) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/** P(X ≥ x) for a chi-square X with `df` degrees of freedom. */
export const chiSquareSurvival = (x: number, df: number) => incompleteGamma(df / 2, x / 2).q;

// ---------------------------------------------------------------------------
// Tests and intervals
// ---------------------------------------------------------------------------

export const CONFIDENCE = 0.95;
const Z_CRITICAL = normalQuantile(1 - (1 - CONFIDENCE) / 2);

export type Interval = [number, number];

/** A rate: `successes` out of `trials` (failed views out of views, …). */
export interface RateSample {
  successes: number;
  trials: number;
}

/** A mean with its sample variance (n − 1 denominator). */
export interface MeanSample {
  n: number;
  mean: number;
  variance: number;
}

/** A variant against the control: the difference (variant − control), its interval and the test. */
export interface Comparison {
  difference: number;
  interval: Interval;
  /** z for rates, t for means. */
  statistic: number;
  /** Welch–Satterthwaite degrees of freedom (means only). */
  df: number | null;
  pValue: number;
  /** pValue < 1 − CONFIDENCE. */
  significant: boolean;
}

const comparison = (
  difference: number,
  interval: Interval,
  statistic: number,
  df: number | null,
  pValue: number,
): Comparison => ({
  difference,
  interval,
  statistic,
  df,
  pValue,
  significant: pValue < 1 - CONFIDENCE,
});

/** Mean and sample variance from a count, a sum and a sum of squares (as rollups keep them). */
export function meanSample(n: number, sum: number, sumOfSquares: number): MeanSample {
  const mean = n > 0 ? sum / n : 0;
  const variance = n > 1 ? Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1)) : 0;
  return { n, mean, variance };
}

/** The Wilson score interval of a rate; null without trials. */
export function rateInterval({ successes, trials }: RateSample): Interval | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2 = Z_CRITICAL * Z_CRITICAL;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half =
    (Z_CRITICAL / (1 + z2 / trials)) *
    Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** The t interval of a mean; null with fewer than two observations. */
export function meanInterval({ n, mean, variance }: MeanSample): Interval | null {
  if (n < 2) return null;
  const half = studentQuantile(1 - (1 - CONFIDENCE) / 2, n - 1) * Math.sqrt(variance / n);
  return [mean - half, mean + half];
}

/**
 * Two-proportion z-test of treatment against control: z from the pooled
 * rate, the difference's interval from the unpooled standard error (Wald).
 * Null when either side has no trials.
 */
export function twoProportionZTest(control: RateSample, treatment: RateSample): Comparison | null {
  if (control.trials <= 0 || treatment.trials <= 0) return null;
  const p1 = control.successes / control.trials;
  const p2 = treatment.successes / treatment.trials;
  const difference = p2 - p1;
  const pooled = (control.successes + treatment.successes) / (control.trials + treatment.trials);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / control.trials + 1 / treatment.trials));
  const se = Math.sqrt((p1 * (1 - p1)) / control.trials + (p2 * (1 - p2)) / treatment.trials);
  const interval: Interval = [difference - Z_CRITICAL * se, difference + Z_CRITICAL * se];
  // Every trial a success (or none) on both sides: no evidence of any difference.
  if (pooledSe === 0) return comparison(difference, interval, 0, null, 1);
  const z = difference / pooledSe;
  return comparison(difference, interval, z, null, normalTwoSidedP(z));
}

/**
 * Welch's t-test of treatment against control (unequal variances), with
 * Welch–Satterthwaite degrees of freedom. Null when either side has fewer
 * than two observations.
 */
export function welchTTest(control: MeanSample, treatment: MeanSample): Comparison | null {
  if (control.n < 2 || treatment.n < 2) return null;
  const v1 = control.variance / control.n;
  const v2 = treatment.variance / treatment.n;
  const se = Math.sqrt(v1 + v2);
  const difference = treatment.mean - control.mean;
  if (se === 0) {
    // Both sides constant: the difference is exact.
    const exact = difference === 0 ? 1 : 0;
    return comparison(difference, [difference, difference], 0, null, exact);
  }
  const df = (v1 + v2) ** 2 / (v1 ** 2 / (control.n - 1) + v2 ** 2 / (treatment.n - 1));
  const t = difference / se;
  const half = studentQuantile(1 - (1 - CONFIDENCE) / 2, df) * se;
  return comparison(
    difference,
    [difference - half, difference + half],
    t,
    df,
    studentTwoSidedP(t, df),
  );
}

/** Below this p-value the exposure counts are taken to be off (a sample ratio mismatch). */
export const SAMPLE_RATIO_ALPHA = 0.001;

export interface SampleRatioCheck {
  chiSquare: number;
  df: number;
  pValue: number;
  mismatch: boolean;
}

/** Chi-square goodness of fit of observed counts against the weights they were meant to follow. */
export function sampleRatioCheck(
  counts: readonly number[],
  weights: readonly number[],
): SampleRatioCheck {
  const total = counts.reduce((sum, count) => sum + count, 0);
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const df = counts.length - 1;
  if (total === 0) return { chiSquare: 0, df, pValue: 1, mismatch: false };
  const chiSquare = counts.reduce((sum, count, i) => {
    const expected = (total * weights[i]!) / totalWeight;
    return sum + (count - expected) ** 2 / expected;
  }, 0);
  const pValue = chiSquareSurvival(chiSquare, df);
  return { chiSquare, df, pValue, mismatch: pValue < SAMPLE_RATIO_ALPHA };
}
