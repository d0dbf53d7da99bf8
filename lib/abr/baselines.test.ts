import { describe, expect, it } from "vitest";
import { bola, throughputRule } from "./baselines.ts";
import type { AbrInput, SegmentDownload } from "./policy.ts";

const LADDER = [235, 375, 560, 750, 1050, 1750, 2350, 3000, 4300, 5800];

function measured(kbps: number[]): SegmentDownload[] {
  return kbps.map((rate) => ({ rung: 0, bytes: rate * 125, durationMs: 1000 }));
}

function input(overrides: Partial<AbrInput>): AbrInput {
  return {
    bitratesKbps: LADDER,
    segmentSeconds: 4,
    bufferSeconds: 10,
    maxBufferSeconds: 30,
    lastRung: 0,
    downloads: measured([3000]),
    playing: true,
    ...overrides,
  };
}

describe("throughputRule", () => {
  it("takes the highest rung under 0.9 × the harmonic mean of the last 5 throughputs", () => {
    // Harmonic mean of the last five (the 100 kbps one has aged out): 2000; × 0.9 = 1800.
    const downloads = measured([100, 2000, 2000, 2000, 2000, 2000]);
    expect(throughputRule.chooseRung(input({ downloads }))).toEqual({
      rung: 5,
      reason: "throughput",
    });
  });

  it("starts on the lowest rung and respects the cap", () => {
    expect(throughputRule.chooseRung(input({ downloads: [] })).rung).toBe(0);
    const fast = measured([50_000]);
    expect(throughputRule.chooseRung(input({ downloads: fast, maxRung: 4 }))).toEqual({
      rung: 4,
      reason: "cap",
    });
  });
});

describe("bola", () => {
  it("follows the buffer: lowest rung when empty, highest when full", () => {
    expect(bola.chooseRung(input({ bufferSeconds: 0 })).rung).toBe(0);
    expect(bola.chooseRung(input({ bufferSeconds: 30 })).rung).toBe(LADDER.length - 1);
    const middle = bola.chooseRung(input({ bufferSeconds: 20 })).rung;
    expect(middle).toBeGreaterThan(0);
    expect(middle).toBeLessThan(LADDER.length - 1);
  });

  it("respects the cap", () => {
    expect(bola.chooseRung(input({ bufferSeconds: 30, maxRung: 2 })).rung).toBe(2);
  });
});
