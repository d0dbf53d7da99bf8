/** The complexity probe on real clips, and its pure parts. */
import { describe, expect, it } from "vitest";
import {
  fitComplexity,
  measureComplexity,
  neededKbps,
  sampleWindows,
} from "../src/media/complexity.ts";
import { probeSource } from "../src/media/probe.ts";
import { clip } from "./clips.ts";

describe("measureComplexity", () => {
  it("measures flat, animation-like content far lower than detailed motion", async () => {
    const signal = new AbortController().signal;
    const measure = async (name: "flat" | "detailed") => {
      const path = await clip(name);
      return measureComplexity(path, await probeSource(path, signal), signal);
    };
    const [flat, detailed] = await Promise.all([measure("flat"), measure("detailed")]);
    expect(flat.lowKbps * 10).toBeLessThan(detailed.lowKbps);
    // A 360p source can only be measured at one size.
    expect(flat.lowPixels).toBe(640 * 360);
    expect(flat.topPixels).toBe(flat.lowPixels);
  }, 30_000);
});

describe("sampleWindows", () => {
  it("spreads windows over the source, each just after the keyframe before its spot", () => {
    const keyframes = Array.from({ length: 30 }, (_, i) => i * 2);
    expect(sampleWindows(60, keyframes)).toEqual([
      { start: 6.3, duration: 0.5 },
      { start: 22.3, duration: 0.5 },
      { start: 36.3, duration: 0.5 },
      { start: 52.3, duration: 0.5 },
    ]);
  });

  it("keeps windows inside a short source and drops duplicates", () => {
    const windows = sampleWindows(1.2, [0]);
    expect(windows).toEqual([{ start: 0.3, duration: 0.5 }]);
    for (const w of sampleWindows(3, [0, 2.9])) expect(w.start + w.duration).toBeLessThanOrEqual(3);
  });
});

describe("fitComplexity", () => {
  it("fits the growth exponent between the two sizes and clamps it to [0.2, 1]", () => {
    expect(fitComplexity(100, 100, 400, 200).exponent).toBeCloseTo(0.5);
    expect(fitComplexity(100, 100, 400, 100).exponent).toBe(0.2);
    expect(fitComplexity(100, 100, 400, 10_000).exponent).toBe(1);
    const c = fitComplexity(100, 100, 400, 200);
    expect(neededKbps(c, 400)).toBeCloseTo(200);
    expect(neededKbps(c, 1600)).toBeCloseTo(400);
  });
});
