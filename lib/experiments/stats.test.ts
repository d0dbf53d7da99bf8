/**
 * The statistics against SciPy 1.17 (the reference values were computed
 * with scipy.stats / scipy.special and are quoted in full): distributions,
 * quantiles, both tests with their intervals and the sample-ratio check.
 */
import { describe, expect, it } from "vitest";
import {
  chiSquareSurvival,
  incompleteBeta,
  logGamma,
  meanInterval,
  meanSample,
  normalCdf,
  normalQuantile,
  rateInterval,
  sampleRatioCheck,
  studentQuantile,
  studentTwoSidedP,
  twoProportionZTest,
  welchTTest,
} from "./stats.ts";

/** Relative closeness (SciPy's own accuracy is about 1e-15). */
const close = (actual: number, expected: number, relative = 1e-10) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected) + 1e-300);

describe("special functions", () => {
  it.each([
    // scipy.special.gammaln
    [0.5, 0.5723649429247],
    [10.3, 13.482036786138359],
    [1e-3, 6.907178885383853],
  ])("logGamma(%d)", (x, expected) => close(logGamma(x), expected, 1e-12));

  it.each([
    // scipy.special.betainc(a, b, x)
    [0.3, 2.5, 0.5, 0.018927124071945658],
    [0.6, 10, 20, 0.9984777778269129],
  ])("incompleteBeta(%d; %d, %d)", (x, a, b, expected) =>
    close(incompleteBeta(x, a, b), expected, 1e-12),
  );
});

describe("the normal distribution", () => {
  it.each([
    // scipy.stats.norm.cdf
    [-5, 2.866515718791933e-7],
    [-1.959963984540054, 0.025],
    [-1, 0.15865525393145707],
    [0, 0.5],
    [0.5, 0.6914624612740131],
    [2.5, 0.9937903346742238],
    [8, 0.9999999999999993],
  ])("Φ(%d)", (z, expected) => close(normalCdf(z), expected, 1e-12));

  it.each([
    // scipy.stats.norm.ppf
    [1e-10, -6.361340902404056],
    [0.01, -2.3263478740408408],
    [0.025, -1.9599639845400545],
    [0.975, 1.959963984540054],
    [0.999999, 4.753424308817087],
  ])("Φ⁻¹(%d)", (p, expected) => close(normalQuantile(p), expected, 1e-12));
});

describe("Student's t distribution", () => {
  it.each([
    // 2 * scipy.stats.t.sf(|t|, df)
    [2.0, 10, 0.07338803477074037],
    [1.0, 1, 0.5000000000000001],
    [3.5, 4.3, 0.022127097432049728],
    [0.3, 200, 0.764488730189328],
    [10, 5, 0.00017094757574296363],
  ])("two-sided p of t = %d with %d df", (t, df, expected) =>
    close(studentTwoSidedP(t, df), expected, 1e-11),
  );

  it.each([
    // scipy.stats.t.ppf
    [0.975, 1, 12.706204736174694],
    [0.975, 10, 2.228138851986274],
    [0.975, 29.7, 2.043137856247257],
    [0.025, 3, -3.1824463052837086],
    [0.975, 1000, 1.9623390808264083],
  ])("quantile %d with %d df", (p, df, expected) => close(studentQuantile(p, df), expected, 1e-11));
});

describe("the chi-square distribution", () => {
  it.each([
    // scipy.stats.chi2.sf
    [9.2103, 2, 0.0100002018619183],
    [3.84, 1, 0.05004352124870519],
    [20, 7, 0.005569683072945574],
    [0.5, 3, 0.9188914116546758],
    [50, 2, 1.3887943864964e-11],
  ])("P(X ≥ %d) with %d df", (x, df, expected) => close(chiSquareSurvival(x, df), expected, 1e-11));
});

describe("the two-proportion z-test", () => {
  // 120 of 2000 control views failed, 90 of 2000 treatment views.
  const control = { successes: 120, trials: 2000 };
  const treatment = { successes: 90, trials: 2000 };

  it("gives SciPy's z, two-sided p and Wald interval of the difference", () => {
    const result = twoProportionZTest(control, treatment)!;
    close(result.difference, -0.015, 1e-12);
    close(result.statistic, -2.126777210754324, 1e-12);
    close(result.pValue, 0.03343859867669464, 1e-10);
    close(result.interval[0], -0.028815660865598842, 1e-10);
    close(result.interval[1], -0.0011843391344011581, 1e-8);
    expect(result.significant).toBe(true);
    expect(result.df).toBeNull();
  });

  it("gives the Wilson interval of a rate (scipy binomtest(…).proportion_ci(method='wilson'))", () => {
    const [low, high] = rateInterval(control)!;
    close(low, 0.05041119711431651, 1e-10);
    close(high, 0.07127580449318607, 1e-10);
  });

  it("finds nothing when the rates are equal, and has no answer without trials", () => {
    const same = twoProportionZTest(control, control)!;
    expect(same.statistic).toBe(0);
    close(same.pValue, 1, 1e-12);
    expect(same.significant).toBe(false);
    expect(twoProportionZTest(control, { successes: 0, trials: 0 })).toBeNull();
    expect(
      twoProportionZTest({ successes: 0, trials: 50 }, { successes: 0, trials: 70 })!.pValue,
    ).toBe(1);
  });
});

describe("Welch's t-test", () => {
  // Control: 400 startups, mean 1200 ms, sd 300; treatment: 350, mean 1150 ms, sd 420.
  const control = { n: 400, mean: 1200, variance: 300 ** 2 };
  const treatment = { n: 350, mean: 1150, variance: 420 ** 2 };

  it("gives scipy.stats.ttest_ind_from_stats(equal_var=False)'s t and p, with the Welch interval", () => {
    const result = welchTTest(control, treatment)!;
    expect(result.difference).toBe(-50);
    close(result.statistic, -1.8518518518518519, 1e-12);
    close(result.df!, 621.7725945954406, 1e-12);
    close(result.pValue, 0.06452094933163498, 1e-10);
    close(result.interval[0], -103.02223905780588, 1e-10);
    close(result.interval[1], 3.0222390578058693, 1e-8);
    expect(result.significant).toBe(false);
  });

  it("gives the t interval of a mean", () => {
    const [low, high] = meanInterval(control)!;
    close(low, 1170.5110905611868, 1e-12);
    close(high, 1229.4889094388132, 1e-12);
  });

  it("builds samples from sums as rollups keep them", () => {
    const values = [900, 1100, 1300, 1700];
    const sample = meanSample(
      values.length,
      values.reduce((a, b) => a + b),
      values.reduce((a, b) => a + b * b, 0),
    );
    expect(sample.mean).toBe(1250);
    // Σ(x − 1250)² / 3 = (122500 + 22500 + 2500 + 202500) / 3
    close(sample.variance, 350000 / 3, 1e-12);
  });

  it("has no answer with fewer than two observations a side", () => {
    expect(welchTTest({ n: 1, mean: 3, variance: 0 }, treatment)).toBeNull();
    expect(meanInterval({ n: 1, mean: 3, variance: 0 })).toBeNull();
  });
});

describe("the sample-ratio check", () => {
  it("flags 5200 / 4800 on a 50/50 split (scipy.stats.chisquare: 16.0, p = 6.33e-5)", () => {
    const check = sampleRatioCheck([5200, 4800], [1, 1]);
    close(check.chiSquare, 16, 1e-12);
    close(check.pValue, 6.334248366623988e-5, 1e-10);
    expect(check.mismatch).toBe(true);
  });

  it("lets 3100 / 2000 / 4900 on 30/20/50 pass (chi-square 5.33, p = 0.069)", () => {
    const check = sampleRatioCheck([3100, 2000, 4900], [30, 20, 50]);
    close(check.chiSquare, 5.333333333333334, 1e-12);
    close(check.pValue, 0.0694834512228015, 1e-10);
    expect(check.df).toBe(2);
    expect(check.mismatch).toBe(false);
  });

  it("has nothing to say before anyone is exposed", () => {
    expect(sampleRatioCheck([0, 0], [1, 1])).toEqual({
      chiSquare: 0,
      df: 1,
      pValue: 1,
      mismatch: false,
    });
  });
});
