/** Which constant rate a master's ladder is encoded at, from what ffprobe says of its picture. */
import { describe, expect, it } from "vitest";
import { outputFrameRate, standardRateNear } from "./frame-grid.ts";
import { frameRateOf } from "./probe-output.ts";

const stream = (avg: string, base: string) => ({
  index: 0,
  avg_frame_rate: avg,
  r_frame_rate: base,
});

describe("standardRateNear", () => {
  it("snaps within 0.1% of a standard rate, and only then", () => {
    expect(standardRateNear(29.97)).toEqual({ num: 30000, den: 1001 });
    expect(standardRateNear(25.01)).toEqual({ num: 25, den: 1 });
    expect(standardRateNear(22.5)).toBeNull();
    expect(standardRateNear(29.5)).toBeNull();
  });
});

describe("frameRateOf", () => {
  it("takes the average rate of a constant-rate master", () => {
    expect(frameRateOf(stream("30000/1001", "30000/1001"))).toBeCloseTo(29.97, 2);
    expect(frameRateOf(stream("25/1", "50/1"))).toBe(25);
  });

  it("takes the standard base rate of a master with frames missing here and there", () => {
    expect(frameRateOf(stream("45/2", "30/1"))).toBe(30);
  });

  it("keeps the average when the base rate is a time base, not a frame rate", () => {
    expect(frameRateOf(stream("45/2", "90000/1"))).toBe(22.5);
  });

  it("falls back to the base rate when there is no average; 0 when neither is known", () => {
    expect(frameRateOf(stream("0/0", "24/1"))).toBe(24);
    expect(frameRateOf({ index: 0 })).toBe(0);
  });
});

describe("outputFrameRate", () => {
  it("is the standard rate near the source's, else the nearest whole number up to 120", () => {
    expect(outputFrameRate(23.976)).toEqual({ num: 24000, den: 1001 });
    expect(outputFrameRate(17.3)).toEqual({ num: 17, den: 1 });
    expect(outputFrameRate(240)).toEqual({ num: 120, den: 1 });
  });
});
