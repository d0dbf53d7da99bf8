/** Where a chunk's segments belong in the film, and how a misplaced one or a late start is caught. */
import { describe, expect, it } from "vitest";
import { chunkSpans, type FrameRate } from "../../lib/media/frame-grid.ts";
import {
  checkPlacement,
  chunkFrameCount,
  filmSegment,
  reportedFirstFrame,
  ticksPerFrame,
} from "../src/media/chunk-placement.ts";

const rate: FrameRate = { num: 30000, den: 1001 };
const [first, second] = chunkSpans(1800, rate, 2);
const segment = (number: number, startFrame: number, frames: number) => ({
  number,
  baseMediaDecodeTime: startFrame * 1001,
  duration: frames * 1001,
  size: 1000,
});

describe("chunk placement", () => {
  it("needs a whole number of track units per frame", () => {
    expect(ticksPerFrame(30000, rate)).toBe(1001);
    expect(ticksPerFrame(12800, { num: 25, den: 1 })).toBe(512);
    expect(() => ticksPerFrame(90000, { num: 7, den: 1 })).toThrow(/no whole number of frames/);
  });

  it("numbers a chunk's segments in the film", () => {
    expect(filmSegment(second!, 0)).toBe(2);
    expect(filmSegment(second!, 1)).toBe(3);
  });

  it("accepts segments on the grid and refuses any other", () => {
    // Segment 2 starts at frame 240 (8.008 s) and holds 120 frames.
    expect(() => checkPlacement(second!, rate, 1001, segment(2, 240, 120))).not.toThrow();
    expect(() => checkPlacement(second!, rate, 1001, segment(2, 239, 120))).toThrow(
      /off the frame grid/,
    );
    expect(() => checkPlacement(second!, rate, 1001, segment(2, 240, 121))).toThrow(
      /off the frame grid/,
    );
    expect(() => checkPlacement(first!, rate, 1001, segment(2, 240, 120))).toThrow(
      /wrote segment 2; it ends at 1/,
    );
  });

  it("counts a chunk's frames", () => {
    expect(chunkFrameCount([segment(2, 240, 120), segment(3, 360, 120)], 1001)).toBe(240);
  });
});

describe("reportedFirstFrame", () => {
  it("reads the first frame's place on the grid from the framecrc report", () => {
    const report =
      "#tb 0: 1001/30000\n#media_type 0: video\n0,        241,        241,        1,       96, 0x92a52e69\n";
    expect(reportedFirstFrame(report, rate)).toBe(241);
    expect(
      reportedFirstFrame("#tb 0: 1/25\n0,        101,        101,", { num: 25, den: 1 }),
    ).toBeNull();
    expect(reportedFirstFrame("", rate)).toBeNull();
  });
});
