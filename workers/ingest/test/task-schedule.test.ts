/**
 * The TaskBoard's release rule, pure: a task goes out once the master is
 * readable far enough, and work ahead of the analysis only while the upload
 * has longer than ENCODE_AHEAD_SECONDS to go, at the pace it has kept.
 */
import { describe, expect, it } from "vitest";
import {
  mayRelease,
  uploadSecondsLeft,
  type SourceProgress,
} from "../src/services/task-schedule.ts";

const MB = 1_000_000;
/** 4 MB uploading since t=0, 1 MB readable after 10 s. */
const uploading: SourceProgress = {
  uploadId: "u",
  byteLength: 4 * MB,
  partBytes: MB,
  readableBytes: MB,
  complete: false,
  indexAtFront: true,
  startedAt: 0,
  lastProgressAt: 10_000,
};

describe("uploadSecondsLeft", () => {
  it("is the bytes still to come at the pace so far", () => {
    expect(uploadSecondsLeft(uploading)).toBe(30);
    expect(uploadSecondsLeft({ ...uploading, readableBytes: 3 * MB, lastProgressAt: 3_000 })).toBe(
      1,
    );
  });

  it("is 0 once complete, and unbounded before anything is readable", () => {
    expect(uploadSecondsLeft({ ...uploading, complete: true })).toBe(0);
    expect(uploadSecondsLeft({ ...uploading, readableBytes: 0 })).toBe(Infinity);
  });
});

describe("mayRelease", () => {
  const plain = { needsBytes: MB, ahead: false };
  const ahead = { needsBytes: MB, ahead: true };
  const meta = (source: SourceProgress | null, planComplete = false) => ({ source, planComplete });

  it("waits for the bytes a task reads, unless the upload is complete", () => {
    expect(mayRelease(meta(uploading), { ...plain, needsBytes: 2 * MB }, 0)).toBe(false);
    expect(mayRelease(meta(uploading), plain, 0)).toBe(true);
    expect(
      mayRelease(meta({ ...uploading, complete: true }), { ...plain, needsBytes: null }, 0),
    ).toBe(true);
    expect(mayRelease(meta(null), plain, 0)).toBe(false);
  });

  it("never reads a master whose index is at the end before it is complete", () => {
    expect(mayRelease(meta({ ...uploading, indexAtFront: false }), plain, 0)).toBe(false);
  });

  it("lets work ahead of the analysis go only while the upload has longer than the threshold to go", () => {
    expect(mayRelease(meta(uploading), ahead, 29)).toBe(true);
    expect(mayRelease(meta(uploading), ahead, 30)).toBe(false);
    expect(mayRelease(meta({ ...uploading, complete: true }), ahead, 0)).toBe(false);
  });

  it("lets it go once the plan is complete (a one-rung ladder has nothing to replace it)", () => {
    expect(mayRelease(meta({ ...uploading, complete: true }, true), ahead, 300)).toBe(true);
  });
});
