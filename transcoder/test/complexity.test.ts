/** The complexity probe on real clips, and where it samples. */
import { describe, expect, it } from "vitest";
import {
  measureComplexity,
  sampledUpTo,
  sampleStarts,
  WINDOW_SECONDS,
} from "../src/media/complexity.ts";
import { probeSource } from "../src/media/probe.ts";
import { clip } from "./clips.ts";

describe("measureComplexity", () => {
  it("measures flat, animation-like content far lower than detailed motion", async () => {
    const signal = new AbortController().signal;
    const measure = async (name: "flat" | "detailed") => {
      const input = { url: await clip(name) };
      const source = await probeSource(input, signal);
      return measureComplexity(input, source.video, source.durationSeconds, signal);
    };
    const [flat, detailed] = await Promise.all([measure("flat"), measure("detailed")]);
    expect(flat.lowKbps * 10).toBeLessThan(detailed.lowKbps);
    // A 360p source can only be measured at one size.
    expect(flat.lowPixels).toBe(640 * 360);
    expect(flat.topPixels).toBe(flat.lowPixels);
  }, 30_000);
});

describe("where the probe samples", () => {
  it("spreads its windows over [0, upTo], each ending by upTo", () => {
    expect(sampleStarts(60)).toEqual([7.5, 22.5, 37.5, 52.5]);
    for (const upTo of [0.5, 1.2, 3, 10.8, 59.94, 7200]) {
      for (const start of sampleStarts(upTo)) {
        expect(start).toBeGreaterThanOrEqual(0);
        expect(start + WINDOW_SECONDS).toBeLessThanOrEqual(upTo);
      }
    }
    // A film too short for four windows gets fewer, never the same one twice.
    expect(sampleStarts(0.5)).toEqual([0]);
  });

  it("reaches as far into the film as the stored bytes do, with a margin", () => {
    expect(sampledUpTo(600, 100, 100)).toBe(600);
    expect(sampledUpTo(600, 50, 100)).toBeCloseTo(270);
    // At least the first window, even with almost nothing stored.
    expect(sampledUpTo(600, 1, 1_000_000)).toBe(WINDOW_SECONDS);
    expect(sampledUpTo(0.3, 1, 1_000_000)).toBe(0.3);
  });
});
