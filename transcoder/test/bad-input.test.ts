/**
 * Bad uploads fail fast and for good, with an InputError whose code and
 * message say what is wrong; and ffmpeg's own failures are told apart from
 * failures of the input.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../src/errors.ts";
import { ffmpegError, stripLogPrefix } from "../src/media/run-ffmpeg.ts";
import { transcode, type TranscodeHooks } from "../src/pipeline/transcode.ts";
import { clip, type ClipName } from "./clips.ts";
import { listFiles } from "./output-checks.ts";

let outputDir: string;
beforeAll(async () => {
  outputDir = await mkdtemp(join(tmpdir(), "marquee-bad-input-"));
});
afterAll(() => rm(outputDir, { recursive: true, force: true }));

async function failure(source: ClipName, subtitles: ClipName[] = []) {
  const calls: string[] = [];
  const hooks: TranscodeHooks = {
    progress: () => undefined,
    fileReady: (path) => calls.push(`ready ${path}`),
    publish: async () => void calls.push("publish"),
  };
  const dir = await mkdtemp(join(outputDir, "job-"));
  const started = performance.now();
  const error = await transcode(
    {
      sourcePath: await clip(source),
      outputDir: dir,
      subtitles: await Promise.all(
        subtitles.map(async (s) => ({ path: await clip(s), language: "en", label: "English" })),
      ),
      signal: new AbortController().signal,
    },
    hooks,
  ).then(
    () => undefined,
    (e: unknown) => e,
  );
  return {
    error,
    calls,
    seconds: (performance.now() - started) / 1000,
    files: await listFiles(dir),
  };
}

describe("bad inputs", () => {
  it.each([
    ["empty.mp4", "empty_input", /^The file is empty\.$/],
    ["truncated", "corrupt_input", /^ffprobe could not read the file: moov atom not found$/],
    ["not-video.mp4", "corrupt_input", /^ffprobe could not read the file: /],
    ["audioOnly", "unsupported_input", /^The file has no video stream\.$/],
    [
      "tiny",
      "unsupported_input",
      /^The video is 160×120; the shorter side must be at least 144 pixels/,
    ],
  ] as const)("%s → %s", async (name, code, message) => {
    const { error, calls, seconds, files } = await failure(name);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code });
    expect((error as InputError).message).toMatch(message);
    expect(calls).toEqual([]);
    expect(files).toEqual([]);
    expect(seconds).toBeLessThan(3);
  });

  it("rejects a file whose media data ends early, once the first pass finds out", async () => {
    const { error, calls } = await failure("cutShort");
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "corrupt_input" });
    expect((error as InputError).message).toMatch(
      /^The file ends early: only \d+\.\d s of its 8\.0 s/,
    );
    expect(calls.filter((c) => c === "publish")).toEqual([]);
  });

  it("rejects a subtitle file ffmpeg cannot read, naming it", async () => {
    const { error, calls } = await failure("main", ["broken.srt"]);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "corrupt_input" });
    expect((error as InputError).message).toMatch(
      /^The English subtitles \(en\) could not be read: /,
    );
    expect(calls).toEqual([]);
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

  it("treats everything else as an ordinary, retryable error", () => {
    const error = ffmpegError("[hls @ 0x1] failed to write: No space left on device\n", 1);
    expect(error).not.toBeInstanceOf(InputError);
    expect(error.message).toBe("ffmpeg failed (exit 1): failed to write: No space left on device");
  });

  it("keeps file paths out of messages", () => {
    expect(
      stripLogPrefix("/tmp/jobs/123/master.mp4: Invalid data found when processing input"),
    ).toBe("Invalid data found when processing input");
    expect(stripLogPrefix("[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55c9ccdf8180] moov atom not found")).toBe(
      "moov atom not found",
    );
  });
});
