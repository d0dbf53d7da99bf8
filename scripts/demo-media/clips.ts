/**
 * The demo clips `npm run dev` makes playable, generated with the ffmpeg
 * bundled by npm from ffmpeg's own test sources (no downloads, same bytes
 * every time). Three characters, so the per-title ladder has something to
 * tell apart: flat animation (few bits), detailed motion (many), and a
 * talking head (a still background with a moving centre). One has two
 * audio languages, one has subtitles uploaded alongside.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, renameSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);
const require = createRequire(import.meta.url);

export interface DemoClip {
  /** Also the uploaded file's name: demo-<name>.mp4. */
  name: string;
  seconds: number;
  /** ffmpeg arguments after the inputs' generation, up to the output file. */
  args: (seconds: number) => string[];
  /** WebVTT uploaded alongside, if any. */
  subtitles?: { language: string; label: string; vtt: string };
}

const SIZE = "1280x720";
const ENCODE = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p"];
const AAC = ["-c:a", "aac", "-b:a", "128k", "-ar", "48000"];
const tone = (frequency: number, seconds: number, extra = "") =>
  `sine=frequency=${frequency}:sample_rate=48000:duration=${seconds}${extra}`;

export const DEMO_CLIPS: DemoClip[] = [
  {
    name: "animation",
    seconds: 24,
    args: (s) => [
      ...["-f", "lavfi", "-i", `color=c=0x1b4965:s=${SIZE}:r=30:d=${s}`],
      ...["-f", "lavfi", "-i", `color=c=0xffca3a:s=220x220:r=30:d=${s}`],
      ...["-f", "lavfi", "-i", `color=c=0xff595e:s=140x140:r=30:d=${s}`],
      ...["-f", "lavfi", "-i", tone(330, s)],
      "-filter_complex",
      "[0:v][1:v]overlay=x='mod(t*160,1060)':y='250+120*sin(t)'[a];[a][2:v]overlay=x='1000-mod(t*90,900)':y=80[v]",
      ...["-map", "[v]", "-map", "3:a", ...ENCODE, ...AAC],
      ...["-metadata:s:a:0", "language=eng"],
    ],
    subtitles: {
      language: "en",
      label: "English",
      vtt: [
        "WEBVTT",
        "",
        "00:00:01.000 --> 00:00:05.000",
        "[a bright hum]",
        "",
        "00:00:06.000 --> 00:00:11.000",
        "The yellow square races ahead.",
        "",
        "00:00:12.000 --> 00:00:17.000",
        "The red one never catches up.",
        "",
        "00:00:18.000 --> 00:00:23.000",
        "Round and round they go.",
        "",
      ].join("\n"),
    },
  },
  {
    name: "detail",
    seconds: 30,
    args: (s) => [
      ...[
        "-f",
        "lavfi",
        "-i",
        "life=s=320x180:mold=10:r=30:ratio=0.1:seed=42:death_color=#204060:life_color=#ffdd55",
      ],
      ...["-f", "lavfi", "-i", `testsrc2=s=${SIZE}:r=30`],
      ...["-f", "lavfi", "-i", tone(220, s)],
      ...["-f", "lavfi", "-i", tone(440, s)],
      "-filter_complex",
      `[0:v]scale=1280:720:flags=neighbor,format=yuv420p[life];[life][1:v]blend=all_mode=overlay:all_opacity=0.5,trim=duration=${s}[v]`,
      ...["-map", "[v]", "-map", "2:a", "-map", "3:a", ...ENCODE, ...AAC],
      ...["-metadata:s:a:0", "language=eng", "-metadata:s:a:0", "title=English"],
      ...["-metadata:s:a:1", "language=fra", "-metadata:s:a:1", "title=Français"],
    ],
  },
  {
    name: "interview",
    seconds: 20,
    args: (s) => [
      ...["-f", "lavfi", "-i", `smptehdbars=s=${SIZE}:r=30:d=${s}`],
      ...["-f", "lavfi", "-i", `testsrc=s=320x400:r=30:d=${s}`],
      ...["-f", "lavfi", "-i", tone(180, s, ":beep_factor=4")],
      "-filter_complex",
      "[0:v]boxblur=20[bg];[bg][1:v]overlay=x='480+12*sin(t*1.3)':y='200+8*sin(t*0.7)',format=yuv420p[v]",
      ...["-map", "[v]", "-map", "2:a", ...ENCODE, ...AAC],
      ...["-metadata:s:a:0", "language=eng"],
    ],
  },
];

export const clipFile = (dir: string, clip: DemoClip) => join(dir, `demo-${clip.name}.mp4`);

/** Generates the clips missing from `dir` (kept between runs). Returns their paths. */
export async function generateDemoClips(
  dir: string,
  clips: readonly DemoClip[] = DEMO_CLIPS,
): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const ffmpeg = (require("@ffmpeg-installer/ffmpeg") as { path: string }).path;
  const paths: string[] = [];
  for (const clip of clips) {
    const path = clipFile(dir, clip);
    paths.push(path);
    if (existsSync(path)) continue;
    const partial = `${path}.partial.mp4`;
    await exec(ffmpeg, [
      "-v",
      "error",
      "-y",
      ...clip.args(clip.seconds),
      "-movflags",
      "+faststart",
      partial,
    ]);
    // Only a finished file gets the final name, so an interrupted run regenerates it.
    renameSync(partial, path);
  }
  return paths;
}
