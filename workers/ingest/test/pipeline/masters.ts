/**
 * Masters for the pipeline tests, generated with the bundled ffmpeg from
 * its own test sources (no fixtures, same bytes every run) and kept in
 * .cache/pipeline-masters between runs.
 *
 * The film: three minutes of 640×360 at 30 fps whose picture changes scene
 * every 20 s, with a sync marker every 30 s (at 15 s, 45 s, …): one white
 * frame and, on both audio tracks (English and French, each over a quiet
 * tone of its own), a 1 kHz beep starting on the same sample. Source
 * keyframes every 2.5 s, off the 4-second segment grid.
 */
import { existsSync, mkdirSync, renameSync, statSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { makeClipAt } from "../../../../scripts/ffmpeg-clip.ts";
import { ROOT } from "../../../../scripts/local-stack.ts";

const DIR = join(ROOT, ".cache", "pipeline-masters");

export const FILM_SECONDS = 180;
export const MARKER_EVERY = 30;
export const FIRST_MARKER = 15;
const BEEP_SECONDS = 0.04;

const H264 = (gop: number) => [
  "-c:v",
  "libx264",
  "-preset",
  "veryfast",
  "-crf",
  "26",
  "-g",
  String(gop),
];
const AAC = ["-c:a", "aac", "-b:a", "96k", "-ar", "48000"];
const FAST_START = ["-movflags", "+faststart"];

/** A tone with a beep at every marker, sample-exact. */
const markedTone = (hz: number, seconds: number) =>
  `aevalsrc='0.05*sin(2*PI*${hz}*t)+0.9*sin(2*PI*1000*t)*gte(t,${FIRST_MARKER})*lt(mod(t-${FIRST_MARKER},${MARKER_EVERY}),${BEEP_SECONDS})':s=48000:d=${seconds}`;

const RECIPES = {
  film: [
    ...["-f", "lavfi", "-i", `testsrc2=size=640x360:rate=30:duration=${FILM_SECONDS}`],
    ...["-f", "lavfi", "-i", markedTone(440, FILM_SECONDS)],
    ...["-f", "lavfi", "-i", markedTone(660, FILM_SECONDS)],
    // A new scene every 20 s (hue and brightness jump); one white frame at each marker.
    ...[
      "-vf",
      `hue=H='PI*floor(t/20)/3':b='if(mod(floor(t/20),2),-1,1)',drawbox=color=white:t=fill:enable='eq(mod(n,${30 * MARKER_EVERY}),${30 * FIRST_MARKER})'`,
    ],
    ...["-map", "0:v", "-map", "1:a", "-map", "2:a"],
    ...H264(75),
    ...AAC,
    ...["-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=fre"],
    ...FAST_START,
  ],
  /** A minute for uploading slowly: index first, so it can be encoded as it arrives. */
  fastStart: [
    ...["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=60"],
    ...["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=60"],
    ...H264(60),
    ...AAC,
    ...FAST_START,
  ],
  /** Keyframes 30 s apart: every chunk decodes from the last one before it. */
  longGop: [
    ...["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=40"],
    ...["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=40"],
    ...H264(750),
    ...["-keyint_min", "750", "-sc_threshold", "0"],
    ...AAC,
  ],
  /** Variable frame rate: 30 fps, with every other frame missing in alternate 2-second spans. */
  variableRate: [
    ...["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=20"],
    ...["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=20"],
    ...["-vf", "select='if(lt(mod(t,4),2),1,not(mod(n,2)))'", "-vsync", "vfr"],
    ...H264(60),
    ...AAC,
  ],
  /** An odd picture size (4:4:4, which allows it). */
  oddSize: [
    ...["-f", "lavfi", "-i", "testsrc2=size=641x361:rate=30:duration=12"],
    ...["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=12"],
    ...H264(60),
    ...["-pix_fmt", "yuv444p"],
    ...AAC,
  ],
  /** Index at the end (no fast start): it can only start once the upload is complete. */
  indexAtEnd: [
    ...["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=16"],
    ...["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=16"],
    ...H264(60),
    ...AAC,
  ],
  /** Index first, then cut in the middle: the header promises 24 s, the data holds about half. */
  truncated: [
    ...["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=24"],
    ...["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=24"],
    ...H264(60),
    ...AAC,
    ...FAST_START,
  ],
} as const;

export type MasterName = keyof typeof RECIPES;

/** The path of a master, made on first use (and kept for later runs). */
export async function master(name: MasterName): Promise<string> {
  mkdirSync(DIR, { recursive: true });
  const path = join(DIR, `${name}.mp4`);
  if (existsSync(path)) return path;
  const partial = `${path}.partial.mp4`;
  await makeClipAt(partial, [...RECIPES[name]]);
  if (name === "truncated") truncateSync(partial, Math.floor(statSync(partial).size / 2));
  renameSync(partial, path);
  return path;
}

/** The film's subtitles, uploaded alongside it. */
export const FILM_SUBTITLES = `WEBVTT

00:00:01.000 --> 00:00:04.000
The first scene.

00:00:15.000 --> 00:00:16.000
Flash.
`;
