/**
 * Bad uploads fail fast and for good (`fail` with retryable false), with a
 * code and message that say what is wrong; a source that cannot be read
 * fails for now (retryable); and ffmpeg's own failures are told apart from
 * failures of the input.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../src/errors.ts";
import { ffmpegError, stripLogPrefix } from "../src/media/run-ffmpeg.ts";
import { runTask } from "../src/task-runner.ts";
import { clip, type ClipName } from "./clips.ts";
import { IngestDouble, type JobOptions } from "./ingest-double.ts";

let ingest: IngestDouble;
beforeAll(async () => {
  ingest = await IngestDouble.start();
});
afterAll(() => ingest.close());

async function probe(
  source: ClipName,
  options: Partial<JobOptions> = {},
  subtitles: ClipName[] = [],
) {
  const job = ingest.job({
    source: await clip(source),
    subtitles: await Promise.all(subtitles.map(clip)),
    ...options,
  });
  const started = performance.now();
  const { outcome } = await runTask(
    job.assignment({
      kind: "probe",
      availableBytes: job.byteLength,
      subtitles: subtitles.map((_, index) => ({ index, language: "en", label: "English" })),
    }),
  );
  return { job, outcome, seconds: (performance.now() - started) / 1000 };
}

describe("bad inputs", () => {
  it.each([
    ["truncated", "corrupt_input", /^ffprobe could not read the file: moov atom not found$/],
    ["not-video.mp4", "corrupt_input", /^ffprobe could not read the file: /],
    ["audioOnly", "unsupported_input", /^The file has no video stream\.$/],
    [
      "tiny",
      "unsupported_input",
      /^The video is 160×120; the shorter side must be at least 144 pixels/,
    ],
  ] as const)("%s → %s, for good", async (name, code, message) => {
    const { job, outcome, seconds } = await probe(name);
    expect(outcome).toBe("failed");
    expect(job.failed).toMatchObject({ error: { code }, retryable: false });
    expect(job.failed?.error.message).toMatch(message);
    expect(job.completed).toBeUndefined();
    expect(job.uploads).toEqual([]);
    expect(seconds).toBeLessThan(3);
  });

  it("rejects a subtitle file ffmpeg cannot read, naming it", async () => {
    const { job, outcome } = await probe("grid25", {}, ["broken.srt"]);
    expect(outcome).toBe("failed");
    expect(job.failed).toMatchObject({ error: { code: "corrupt_input" }, retryable: false });
    expect(job.failed?.error.message).toMatch(/^The English subtitles \(en\) could not be read: /);
  });

  it("fails for now, to be retried, when the source cannot be read", async () => {
    const { job, outcome } = await probe("grid25", { sourceStatus: 503 });
    expect(outcome).toBe("failed");
    expect(job.failed).toMatchObject({ error: { code: "transcode_failed" }, retryable: true });
    expect(job.failed?.error.message).toMatch(/could not read the source: Server returned 5XX/);
  });
});

describe("ffmpegError", () => {
  it("blames the input for data it cannot read or decode", () => {
    const corrupt = ffmpegError(
      "[h264 @ 0x5581] Invalid NAL unit size (1234 > 77).\nError while decoding stream #0:0: Invalid data found when processing input\n",
      1,
    );
    expect(corrupt).toBeInstanceOf(InputError);
    expect(corrupt).toMatchObject({
      code: "corrupt_input",
      message: "ffmpeg could not read the file: Invalid NAL unit size (1234 > 77).",
    });
    expect(ffmpegError("Decoder (codec av1) not found for input stream #0:0\n", 1)).toMatchObject({
      code: "unsupported_input",
    });
  });

  it("does not blame the input when reading it over HTTP failed", () => {
    const error = ffmpegError(
      "https://ingest.example/jobs/1/source: Server returned 5XX Server Error reply\nInvalid data found when processing input\n",
      1,
    );
    expect(error).not.toBeInstanceOf(InputError);
    expect(error.message).toBe(
      "ffmpeg could not read the source: Server returned 5XX Server Error reply",
    );
  });

  it("treats everything else as an ordinary, retryable error", () => {
    const error = ffmpegError("[hls @ 0x1] failed to write: No space left on device\n", 1);
    expect(error).not.toBeInstanceOf(InputError);
    expect(error.message).toBe("ffmpeg failed (exit 1): failed to write: No space left on device");
  });

  it("keeps file paths and URLs out of messages", () => {
    expect(
      stripLogPrefix("/tmp/jobs/123/master.mp4: Invalid data found when processing input"),
    ).toBe("Invalid data found when processing input");
    expect(
      stripLogPrefix("https://ingest.example/jobs/1/source: Server returned 404 Not Found"),
    ).toBe("Server returned 404 Not Found");
    expect(stripLogPrefix("[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55c9ccdf8180] moov atom not found")).toBe(
      "moov atom not found",
    );
  });
});
