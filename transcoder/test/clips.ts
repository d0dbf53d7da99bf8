/**
 * Test clips, generated per run with the bundled ffmpeg from lavfi's
 * deterministic sources (well under a second each), so the tests need no
 * binary fixtures. Each clip is made once per test process. Most are small
 * (320×180) so that the many chunk encodes stay quick on two cores.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { stat, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runFfmpeg } from "../src/media/run-ffmpeg.ts";

const dir = mkdtempSync(join(tmpdir(), "marquee-clips-"));
process.once("exit", () => rmSync(dir, { recursive: true, force: true }));

const X264 = ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "16", "-pix_fmt", "yuv420p"];
const H264 = [...X264, "-g", "30"];
const AAC = ["-c:a", "aac", "-b:a", "96k"];
const FASTSTART = ["-movflags", "+faststart"];
const picture = (size: string, rate: string | number, seconds: number) => [
  "-f",
  "lavfi",
  "-i",
  `testsrc2=size=${size}:rate=${rate}:duration=${seconds}`,
];
const tone = (seconds: number, frequency = 440) => [
  "-f",
  "lavfi",
  "-i",
  `sine=frequency=${frequency}:sample_rate=44100:duration=${seconds}`,
];

/** How each clip is made: its file extension and the ffmpeg arguments before the output path. */
const RECIPES = {
  /** 6 s of 640×360 30 fps detailed video, a stereo English track (default) and a mono French one. */
  main: [
    "mp4",
    [
      ...picture("640x360", 30, 6),
      ...tone(6),
      ...tone(6, 660),
      ...["-map", "0", "-map", "1", "-map", "2"],
      ...H264,
      ...AAC,
      ...["-ac:a:0", "2", "-ac:a:1", "1"],
      ...["-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=fre"],
      ...["-disposition:a:0", "default", "-disposition:a:1", "0"],
    ],
  ],
  /** 24 s at 29.97 fps, 3-second GOPs (not on the 4-second grid), with a tone. */
  grid2997: [
    "mp4",
    [
      ...picture("320x180", "30000/1001", 24),
      ...tone(24),
      ...X264,
      "-g",
      "90",
      ...AAC,
      ...FASTSTART,
    ],
  ],
  /** 24 s at 25 fps, 2.4-second GOPs. */
  grid25: ["mp4", [...picture("320x180", 25, 24), ...X264, "-g", "60", ...FASTSTART]],
  /** MPEG-TS whose timeline starts at 11.4 s (the 10 s offset plus the muxer's own 1.4 s). */
  transportStream: [
    "ts",
    [
      ...picture("320x180", 25, 12),
      ...tone(12),
      ...X264,
      "-g",
      "50",
      ...AAC,
      "-output_ts_offset",
      "10",
      "-f",
      "mpegts",
    ],
  ],
  /** Matroska whose timeline starts near 10 s (the bundled ffprobe cannot read MPEG-TS). */
  offsetStart: [
    "mkv",
    [...picture("320x180", 25, 6), ...tone(6), ...H264, ...AAC, "-output_ts_offset", "10"],
  ],
  /** Variable frame rate: 30 fps with about one frame in six dropped at random (about 25 fps). */
  vfr: [
    "mp4",
    [
      ...picture("320x180", 30, 12),
      "-vf",
      "select='gt(random(0),0.17)'",
      "-vsync",
      "vfr",
      ...H264,
      ...FASTSTART,
    ],
  ],
  /** An odd picture size (4:4:4, which x264 allows at odd sizes). */
  oddSize: [
    "mp4",
    // testsrc2 rounds its size down to even; the scale makes it odd.
    [
      ...picture("640x360", 25, 8),
      "-vf",
      "scale=641:361",
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      "-crf",
      "16",
      "-pix_fmt",
      "yuv444p",
      "-g",
      "50",
      ...FASTSTART,
    ],
  ],
  /** 40 s with keyframes 30 s apart. */
  longGop: [
    "mp4",
    [
      ...picture("320x180", 25, 40),
      ...X264,
      "-g",
      "750",
      "-keyint_min",
      "750",
      "-sc_threshold",
      "0",
      ...FASTSTART,
    ],
  ],
  /** The index (moov) after the media data, as cameras and most editors write it. */
  moovAtEnd: ["mp4", [...picture("320x180", 25, 12), ...tone(12), ...H264, ...AAC]],
  /** 40 s of two audio tracks (stereo English, mono French) over a picture at 2 fps: a long audio pass. */
  longAudio: [
    "mp4",
    [
      ...picture("320x180", 2, 40),
      ...tone(40),
      ...tone(40, 660),
      ...["-map", "0", "-map", "1", "-map", "2"],
      ...H264,
      ...AAC,
      ...["-ac:a:0", "2", "-ac:a:1", "1"],
      ...["-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=fre"],
      ...FASTSTART,
    ],
  ],
  /** Sound that starts half a second after the picture. */
  lateAudio: [
    "mkv",
    [
      ...picture("320x180", 25, 6),
      "-itsoffset",
      "0.5",
      ...tone(5),
      "-map",
      "0",
      "-map",
      "1",
      ...H264,
      ...AAC,
    ],
  ],
  /** Animation-like: one flat colour and a box sliding slowly across it. */
  flat: [
    "mp4",
    [
      ...["-f", "lavfi", "-i", "color=color=0x3050a0:size=640x360:rate=30:duration=4"],
      ...["-f", "lavfi", "-i", "color=color=yellow:size=80x80:rate=30:duration=4"],
      ...["-filter_complex", "[0][1]overlay=x='20+t*20':y=120"],
      ...H264,
    ],
  ],
  /** Detailed motion with grain: the test pattern plus per-frame noise (CRF 30 keeps it quick to make). */
  detailed: [
    "mp4",
    [...picture("640x360", 30, 4), "-vf", "noise=alls=20:allf=t", ...H264, "-crf", "30"],
  ],
  /** A picture too small to stream (the shorter side is under 144). */
  tiny: ["mp4", [...picture("160x120", 30, 2), ...H264]],
  audioOnly: ["mp4", [...tone(3), ...AAC]],
  /** Index first, cut in half after making: ffprobe still reads it, the media data ends early. */
  cutShort: ["mp4", [...picture("320x180", 25, 16), ...H264, ...FASTSTART]],
  /** moov at the end, cut in half after making: it has no index at all. */
  truncated: ["mp4", [...picture("320x180", 25, 4), ...H264]],
} as const satisfies Record<string, readonly [string, readonly string[]]>;

const TEXT_FILES = {
  "subtitles.srt":
    "1\n00:00:01,000 --> 00:00:03,000\nHello & welcome\n\n2\n00:00:04,000 --> 00:00:06,500\nSecond <i>cue</i>\n",
  "subtitles.vtt": "WEBVTT\n\n00:00.500 --> 00:02.000\nBonjour\n",
  "broken.srt": "this is not\na subtitle file\n",
  "not-video.mp4": "Hello, I am a text file with the wrong extension.\n",
};

/** Made whole, then cut in half. */
const CUT_IN_HALF: readonly ClipName[] = ["cutShort", "truncated"];

export type ClipName = keyof typeof RECIPES | keyof typeof TEXT_FILES;

const made = new Map<ClipName, Promise<string>>();

/**
 * The path of a clip, made on first use.
 *
 * @example
 * const source = await clip("grid25");
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
  const [extension, args] = RECIPES[name as keyof typeof RECIPES];
  const path = join(dir, `${name}.${extension}`);
  await runFfmpeg({ args: [...args, path], signal: new AbortController().signal });
  if (CUT_IN_HALF.includes(name)) await truncate(path, Math.floor((await stat(path)).size / 2));
  return path;
}
