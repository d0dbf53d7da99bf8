/**
 * Chunked encoding of masters that are not tidy: a timeline that does not
 * start at zero (MPEG-TS), a variable frame rate, an odd picture size,
 * keyframes 30 s apart, the index at the end of the file, and a file that
 * ends before its header says. Each must still come out frame-exact and
 * continuous, or fail as bad input with a clear message.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VideoRung } from "../../lib/ingest/task-protocol.ts";
import { trackDir } from "../../lib/media/asset-layout.ts";
import { runTask } from "../src/task-runner.ts";
import {
  checkFrames,
  checkTimeline,
  encodeChunks,
  planChunks,
  probed,
  type ChunkPlan,
} from "./chunked-encode.ts";
import { clip, type ClipName } from "./clips.ts";
import { IngestDouble } from "./ingest-double.ts";
import { containerStart, trackFromOutputs } from "./output-checks.ts";

const R144: VideoRung = { id: "144p", width: 256, height: 144, bitrateKbps: 400, baseKbps: 400 };
const R180: VideoRung = { id: "180p", width: 320, height: 180, bitrateKbps: 700, baseKbps: 700 };

let ingest: IngestDouble;
let scratch: string;
beforeAll(async () => {
  ingest = await IngestDouble.start();
  scratch = await mkdtemp(join(tmpdir(), "marquee-awkward-"));
});
afterAll(async () => {
  await ingest.close();
  await rm(scratch, { recursive: true, force: true });
});

/** Encodes the whole film in chunks of one segment and checks every rung. */
async function frameExact(name: ClipName, rungs: VideoRung[], plan?: (video: ChunkPlan) => void) {
  const job = ingest.job({ source: await clip(name) });
  const source = await probed(job);
  const chunks = planChunks(source.video, 1);
  plan?.(chunks);
  const { startSeconds } = source;
  await encodeChunks(job, chunks, { startSeconds, videoIndex: source.video.index }, [{ rungs }]);
  for (const rung of rungs) {
    checkTimeline(trackFromOutputs(job.outputs, trackDir("video", rung.id)), chunks);
    await checkFrames(job, rung, chunks, { path: await clip(name), startSeconds }, scratch);
  }
  return { job, source };
}

describe("frame-exact chunks from awkward masters", () => {
  it("MPEG-TS whose timeline starts at 11.4 s", async () => {
    // The bundled ffprobe (a 2023 static build) crashes on every MPEG-TS, so this
    // one is planned from how the clip is made; ffmpeg 4.1 reads it fine.
    const path = await clip("transportStream");
    const startSeconds = await containerStart(path);
    expect(startSeconds).toBeCloseTo(11.377, 3);
    const job = ingest.job({ source: path });
    const plan = planChunks({ frameRate: 25, startSeconds: 0, durationSeconds: 12 }, 1);
    await encodeChunks(job, plan, { startSeconds, videoIndex: 0 }, [{ rungs: [R180] }]);
    checkTimeline(trackFromOutputs(job.outputs, trackDir("video", R180.id)), plan);
    await checkFrames(job, R180, plan, { path, startSeconds }, scratch);
  }, 60_000);

  it("a variable frame rate, resampled to the grid", async () => {
    const { source } = await frameExact("vfr", [R144, R180], (plan) => {
      expect(plan.rate).toEqual({ num: 24000, den: 1001 });
    });
    expect(source.startSeconds).toBeGreaterThan(0);
  }, 60_000);

  it("an odd picture size (641×361)", async () => {
    const { source } = await frameExact("oddSize", [
      R144,
      { id: "360p", width: 640, height: 360, bitrateKbps: 1500, baseKbps: 1500 },
    ]);
    expect(source.video).toMatchObject({ width: 642, height: 361 });
  }, 60_000);

  it("keyframes 30 s apart, in 4-second chunks", async () => {
    const { job } = await frameExact("longGop", [R180]);
    // A chunk task reads around its chunk, not the whole file: every read is a range.
    expect(job.sourceReads.every((range) => range.startsWith("bytes="))).toBe(true);
  }, 60_000);

  it("the index (moov) at the end: probed once it is uploaded, then chunked", async () => {
    const source = await clip("moovAtEnd");
    const job = ingest.job({ source, available: 1000 });
    const probe = runTask(job.assignment({ kind: "probe", availableBytes: 1000, subtitles: [] }));
    // The index is not stored yet: the probe waits for it, as it does at the ingest Worker.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(job.completed).toBeUndefined();
    job.grow(job.byteLength);
    expect((await probe).outcome).toBe("completed");
    await frameExact("moovAtEnd", [R180]);
  }, 60_000);
});

describe("a master that ends before its header says", () => {
  it("encodes the chunks it holds and fails the first it cannot fill as bad input", async () => {
    const job = ingest.job({ source: await clip("cutShort") });
    const source = await probed(job);
    const plan = planChunks(source.video, 1);
    const outcomes = [];
    for (const chunk of plan.chunks) {
      job.reset();
      const spec = {
        kind: "video" as const,
        chunk,
        frameRate: plan.rate,
        rungs: [R180],
        sprite: null,
      };
      outcomes.push({
        outcome: (await runTask(job.assignment(spec, { startSeconds: 0, videoIndex: 0 }))).outcome,
        failed: job.failed,
      });
    }
    expect(outcomes[0]).toEqual({ outcome: "completed", failed: undefined });
    const failures = outcomes.filter((o) => o.outcome === "failed");
    expect(failures.length).toBeGreaterThanOrEqual(2);
    for (const { failed } of failures) {
      expect(failed).toMatchObject({ error: { code: "corrupt_input" }, retryable: false });
      expect(failed?.error.message).toMatch(/^The file ends early: its pictures stop at \d+\.\d s/);
    }
  }, 60_000);
});
