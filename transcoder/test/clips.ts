/**
 * Tiny test clips, generated per run with the bundled ffmpeg from lavfi's
 * deterministic sources (a few hundred milliseconds each), so the tests
 * need no binary fixtures. Each clip is made once per test process.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { truncate, writeFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runFfmpeg } from "../src/media/run-ffmpeg.ts";

const dir = mkdtempSync(join(tmpdir(), "marquee-clips-"));
process.once("exit", () => rmSync(dir, { recursive: true, force: true }));

const H264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "30"];
const AAC = ["-c:a", "aac", "-b:a", "96k"];

/** How each clip is made: ffmpeg arguments before the output path, or a file's text. */
const RECIPES = {
  /** 13 s of 640×360 30 fps detailed video, a stereo English track (default) and a mono French one. */
  main: [
    "-f",
    "lavfi",
    "-i",
    "testsrc2=size=640x360:rate=30:duration=13",
    "-f",
    "lavfi",
    "-i",
    "sine=frequency=440:sample_rate=44100:duration=13",
    "-f",
    "lavfi",
    "-i",
    "sine=frequency=660:sample_rate=44100:duration=13",
    "-map",
    "0",
    "-map",
    "1",
    "-map",
    "2",
    ...H264,
    ...AAC,
    "-ac:a:0",
    "2",
    "-ac:a:1",
    "1",
    "-metadata:s:a:0",
    "language=eng",
    "-metadata:s:a:1",
    "language=fre",
    "-disposition:a:0",
    "default",
    "-disposition:a:1",
    "0",
  ],
  /** Animation-like: one flat colour and a box sliding slowly across it. */
  flat: [
    "-f",
    "lavfi",
    "-i",
    "color=color=0x3050a0:size=640x360:rate=30:duration=4",
    "-f",
    "lavfi",
    "-i",
    "color=color=yellow:size=80x80:rate=30:duration=4",
    "-filter_complex",
    "[0][1]overlay=x='20+t*20':y=120",
    ...H264,
  ],
  /** Detailed motion with grain: the test pattern plus per-frame noise. */
  detailed: [
    "-f",
    "lavfi",
    "-i",
    "testsrc2=size=640x360:rate=30:duration=4",
    // CRF 30 keeps most of the grain but makes the clip in a fraction of the time.
    "-vf",
    "noise=alls=20:allf=t",
    ...H264,
    "-crf",
    "30",
  ],
  /** A picture too small to stream (the shorter side is under 144). */
  tiny: ["-f", "lavfi", "-i", "testsrc2=size=160x120:rate=30:duration=2", ...H264],
  audioOnly: ["-f", "lavfi", "-i", "sine=frequency=440:duration=3", ...AAC],
  /** Index first (faststart): cut in half, ffprobe still reads it, the media data ends early. */
  cutShort: [
    "-f",
    "lavfi",
    "-i",
    "testsrc2=size=640x360:rate=30:duration=8",
    ...H264,
    "-movflags",
    "+faststart",
  ],
  /** moov at the end (no faststart): cut in half, it has no index at all. */
  truncated: ["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=4", ...H264],
} as const;

const TEXT_FILES = {
  "subtitles.srt":
    "1\n00:00:01,000 --> 00:00:03,000\nHello & welcome\n\n2\n00:00:04,000 --> 00:00:06,500\nSecond <i>cue</i>\n",
  "broken.srt": "this is not\na subtitle file\n",
  "not-video.mp4": "Hello, I am a text file with the wrong extension.\n",
  "empty.mp4": "",
};

export type ClipName = keyof typeof RECIPES | keyof typeof TEXT_FILES;

const made = new Map<ClipName, Promise<string>>();

/**
 * The path of a clip, made on first use.
 *
 * @example
 * const source = await clip("main");
 */
export function clip(name: ClipName): Promise<string> {
  let path = made.get(name);
  if (!path) {
    path = make(name);
    made.set(name, path);
  }
  return path;
}

async function make(name: ClipName): Promise<string> {
  if (name in TEXT_FILES) {
    const path = join(dir, name);
    await writeFile(path, TEXT_FILES[name as keyof typeof TEXT_FILES]);
    return path;
  }
  const path = join(dir, `${name}.mp4`);
  const args = RECIPES[name as keyof typeof RECIPES];
  await runFfmpeg({ args: [...args, path], signal: new AbortController().signal });
  if (name === "truncated" || name === "cutShort")
    await truncate(path, Math.floor((await stat(path)).size / 2));
  return path;
}
