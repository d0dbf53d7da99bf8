/**
 * Pure ffmpeg command builders: every argument list the transcoder runs, and
 * the two reference ladders the benchmark compares it with, built from the
 * same pieces so encoder settings cannot drift between them. Nothing here
 * spawns anything; `run-ffmpeg.ts` does, adding the common flags.
 *
 * Arguments work with ffmpeg 4.1 (the bundled static build) and 5.1
 * (Debian's, in the container): nothing newer than 4.1, nothing 5.x removed.
 */
import { join, relative } from "node:path";
import type { AudioRung, LadderPlan, VideoRung } from "./ladder.ts";
import { SEGMENT_SECONDS } from "./ladder.ts";
import {
  initSegmentPath,
  MEDIA_SEGMENT_PATTERN,
  POSTER,
  SPRITE_PATTERN,
  trackDir,
} from "./output-paths.ts";
import type { SourceInfo } from "./probe.ts";
import type { Size } from "./rung-size.ts";
import { trickplayFilter, type TrickplayLayout } from "./trickplay.ts";

/** Everything a ladder command needs to know. */
export interface LadderJob {
  sourcePath: string;
  source: SourceInfo;
  plan: LadderPlan;
  /** Outputs go here, in the asset layout. */
  outputDir: string;
  /** ffmpeg's own playlists go here; they are never published. */
  scratchDir: string;
}

/**
 * Options in the order given, as ffmpeg arguments.
 *
 * @example
 * options({ "c:v": "libx264", crf: 23 }); // ["-c:v", "libx264", "-crf", "23"]
 */
export function options(pairs: Record<string, string | number>): string[] {
  return Object.entries(pairs).flatMap(([name, value]) => [`-${name}`, String(value)]);
}

/**
 * x264 settings for one rung. Keyframes are forced on the same timestamps
 * (every SEGMENT_SECONDS of source time) in every rung and every process,
 * so segments align across rungs; scene-cut keyframes are off and the GOP cap
 * is twice the segment length, so x264 never adds a keyframe of its own.
 * x264 GOPs are closed unless asked otherwise, so each segment decodes alone.
 */
export function videoEncoderArgs(rung: VideoRung, frameRate: number): string[] {
  return options({
    "c:v": "libx264",
    preset: "veryfast",
    "profile:v": "high",
    pix_fmt: "yuv420p",
    "b:v": `${rung.bitrateKbps}k`,
    maxrate: `${Math.round(rung.bitrateKbps * 1.5)}k`,
    bufsize: `${rung.bitrateKbps * 2}k`,
    force_key_frames: `expr:gte(t,n_forced*${SEGMENT_SECONDS})`,
    sc_threshold: 0,
    g: Math.ceil(frameRate * SEGMENT_SECONDS) * 2,
  });
}

export function audioEncoderArgs(audio: AudioRung): string[] {
  return options({
    "c:a": "aac",
    "profile:a": "aac_low",
    ar: 48000,
    ac: audio.channels,
    "b:a": `${audio.bitrateKbps}k`,
  });
}

/**
 * One CMAF track through the hls muxer: init.mp4 and seg-NNNNN.m4s in the
 * track's folder, ffmpeg's playlist in scratch. Both 4.1 and 5.1 write the
 * init segment relative to the playlist's folder, so its name is given as a
 * path from scratch to the track's folder.
 */
export function cmafOutputArgs(job: LadderJob, kind: "video" | "audio", id: string): string[] {
  const dir = trackDir(kind, id);
  return [
    ...options({
      f: "hls",
      hls_segment_type: "fmp4",
      hls_time: SEGMENT_SECONDS,
      hls_playlist_type: "vod",
      hls_fmp4_init_filename: relative(job.scratchDir, join(job.outputDir, initSegmentPath(dir))),
      hls_segment_filename: join(job.outputDir, dir, MEDIA_SEGMENT_PATTERN),
    }),
    join(job.scratchDir, `${kind}-${id}.m3u8`),
  ];
}

/**
 * A filter graph that scales the source down a chain of rungs, each from the
 * one above it (cheaper than scaling every rung from the source), and labels
 * each rung's frames `[v<id>]`. With `tap`, the smallest rung's frames are
 * also split off to `[tap]`.
 */
export function scaleCascade(videoIndex: number, rungs: readonly VideoRung[], tap = false): string {
  const descending = [...rungs].sort((a, b) => b.height * b.width - a.height * a.width);
  let input = `[0:${videoIndex}]`;
  const chains = descending.map((rung, i) => {
    const last = i === descending.length - 1;
    // setsar=1 after every scale: even rounding would otherwise leave a SAR like 853:854.
    const scale = `${input}scale=${rung.width}:${rung.height},setsar=1${i === 0 ? ",format=yuv420p" : ""}`;
    input = `[c${rung.id}]`;
    if (!last) return `${scale},split=2[v${rung.id}]${input}`;
    return tap ? `${scale},split=2[v${rung.id}][tap]` : `${scale}[v${rung.id}]`;
  });
  return chains.join(";");
}

function videoOutputArgs(job: LadderJob, rung: VideoRung): string[] {
  return [
    ...options({ map: `[v${rung.id}]` }),
    ...videoEncoderArgs(rung, job.plan.frameRate),
    ...cmafOutputArgs(job, "video", rung.id),
  ];
}

function audioOutputArgs(job: LadderJob, audio: AudioRung): string[] {
  return [
    ...options({ map: `0:${audio.streamIndex}` }),
    ...audioEncoderArgs(audio),
    ...cmafOutputArgs(job, "audio", audio.id),
  ];
}

/** Decode the source once and scale it down a cascade of rungs. */
function cascadeInput(job: LadderJob, rungs: readonly VideoRung[]): string[] {
  return options({
    i: job.sourcePath,
    filter_complex: scaleCascade(job.source.video.index, rungs),
  });
}

/**
 * Pass A: the lowest rung, every audio rendition and the trickplay sprites,
 * from one decode. With `skipLoopFilter` the decoder skips deblocking: the
 * picture is scaled down 3–5× right after, which hides the difference, and
 * the pass that gates first playback gets done sooner.
 */
export function lowRungPassArgs(
  job: LadderJob,
  trickplay: TrickplayLayout,
  skipLoopFilter: boolean,
): string[] {
  const lowest = job.plan.video[0];
  if (!lowest) throw new Error("The plan has no rungs.");
  const cascade = scaleCascade(job.source.video.index, [lowest], true);
  return [
    ...(skipLoopFilter ? options({ skip_loop_filter: "all" }) : []),
    ...options({
      i: job.sourcePath,
      filter_complex: `${cascade};[tap]${trickplayFilter(trickplay)}[sprites]`,
    }),
    ...videoOutputArgs(job, lowest),
    ...job.plan.audio.flatMap((audio) => audioOutputArgs(job, audio)),
    // One sheet per second of output timestamps (see trickplayFilter), each written once.
    ...options({ map: "[sprites]", r: 1, "c:v": "mjpeg", "q:v": 4, f: "image2", start_number: 0 }),
    join(job.outputDir, SPRITE_PATTERN),
  ];
}

/** Pass B: every rung above the lowest, from one decode and one scaling cascade. */
export function upperRungsPassArgs(job: LadderJob): string[] {
  const upper = job.plan.video.slice(1);
  return [...cascadeInput(job, upper), ...upper.flatMap((rung) => videoOutputArgs(job, rung))];
}

/** For the benchmark: the whole ladder (every rung and audio) as one plain ffmpeg process. */
export function referenceLadderArgs(job: LadderJob): string[] {
  return [
    ...cascadeInput(job, job.plan.video),
    ...job.plan.video.flatMap((rung) => videoOutputArgs(job, rung)),
    ...job.plan.audio.flatMap((audio) => audioOutputArgs(job, audio)),
  ];
}

/**
 * For the benchmark: one ffmpeg process per rung, each scaling from the
 * source; the audio renditions ride with the lowest rung.
 */
export function perRungArgs(job: LadderJob): string[][] {
  return job.plan.video.map((rung, i) => [
    ...cascadeInput(job, [rung]),
    ...videoOutputArgs(job, rung),
    ...(i === 0 ? job.plan.audio.flatMap((audio) => audioOutputArgs(job, audio)) : []),
  ]);
}

/** One sampled stretch of the source for the complexity probe. */
export interface SampleWindow {
  start: number;
  duration: number;
}

/**
 * The complexity probe: the windows decoded once, joined, and encoded with
 * x264 ultrafast at CRF 23 at each size; the elementary streams go to pipes
 * 3, 4, … where only their bytes are counted.
 */
export function complexityArgs(
  sourcePath: string,
  videoIndex: number,
  windows: readonly SampleWindow[],
  sizes: readonly Size[],
): string[] {
  const inputs = windows.flatMap((w) =>
    options({ ss: w.start.toFixed(3), t: w.duration.toFixed(3), i: sourcePath }),
  );
  const joined = `${windows.map((_, i) => `[${i}:${videoIndex}]`).join("")}concat=n=${windows.length}:v=1:a=0`;
  const labels = sizes.map((_, i) => `[s${i}]`).join("");
  const split = sizes.length > 1 ? `split=${sizes.length}${labels}` : `null${labels}`;
  const scaled = sizes.map((s, i) => `[s${i}]scale=${s.width}:${s.height},format=yuv420p[o${i}]`);
  return [
    ...inputs,
    ...options({ filter_complex: `${joined},${split};${scaled.join(";")}` }),
    ...sizes.flatMap((_, i) => [
      ...options({ map: `[o${i}]`, "c:v": "libx264", preset: "ultrafast", crf: 23, f: "h264" }),
      `pipe:${3 + i}`,
    ]),
  ];
}

/**
 * The poster: from about 10% in (capped at 10 s, past most fades from black),
 * the most representative of the next 30 frames by the thumbnail filter.
 */
export function posterArgs(
  sourcePath: string,
  videoIndex: number,
  at: number,
  size: Size,
  outputDir: string,
): string[] {
  return [
    ...options({
      ss: at.toFixed(3),
      i: sourcePath,
      map: `0:${videoIndex}`,
      vf: `thumbnail=30,scale=${size.width}:${size.height},setsar=1`,
      "frames:v": 1,
      "q:v": 3,
      f: "image2",
      update: 1,
    }),
    join(outputDir, POSTER),
  ];
}

/** An uploaded SRT or WebVTT file rewritten as WebVTT (ffmpeg detects the input format by content). */
export function subtitleArgs(inputPath: string, outputPath: string): string[] {
  return [...options({ i: inputPath, map: "0:s:0", "c:s": "webvtt", f: "webvtt" }), outputPath];
}
