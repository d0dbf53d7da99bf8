/**
 * Pure ffmpeg command builders: the pieces every encode shares (encoder
 * settings, CMAF output, scaling cascade, the film's timeline), the audio
 * pass, the complexity probe, poster and subtitles, and the reference
 * ladder the benchmark compares the pipeline with, built from the same
 * pieces so encoder settings cannot drift between them. The video task's
 * chunk command is in chunk-command.ts. Nothing here spawns anything;
 * `run-ffmpeg.ts` does, adding the common flags.
 *
 * Arguments work with ffmpeg 4.1 (the bundled static build) and 5.1
 * (Debian's, in the container): nothing newer than 4.1, nothing 5.x removed.
 */
import { join } from "node:path";
import type { AudioRung, VideoRung } from "../../../lib/ingest/task-protocol.ts";
import { SEGMENT_SECONDS, trackDir } from "../../../lib/media/asset-layout.ts";
import type { LadderPlan } from "../../../lib/media/ladder.ts";
import type { Size } from "../../../lib/media/rung-size.ts";
import { inputArgs, type SourceInput } from "./source-input.ts";

/** What ffmpeg names the files of one CMAF track, in the track's folder. */
const INIT_FILE = "init.mp4";
const SEGMENT_PATTERN = "seg-%05d.m4s";

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
 * x264 settings for one rung, with the keyframes given by `forceKeyFrames`
 * (an ffmpeg `-force_key_frames` value). Scene-cut keyframes are off and
 * the GOP cap is twice the segment length, so x264 never adds a keyframe of
 * its own: every rung, whoever encodes it, has keyframes exactly at the
 * segment starts. x264 GOPs are closed unless asked otherwise, so each
 * segment decodes alone.
 *
 * @example
 * videoEncoderArgs(rung, 29.97, "expr:gte(t,n_forced*4)");
 */
export function videoEncoderArgs(
  rung: VideoRung,
  frameRate: number,
  forceKeyFrames: string,
): string[] {
  return options({
    "c:v": "libx264",
    preset: "veryfast",
    "profile:v": "high",
    pix_fmt: "yuv420p",
    "b:v": `${rung.bitrateKbps}k`,
    maxrate: `${Math.round(rung.bitrateKbps * 1.5)}k`,
    bufsize: `${rung.bitrateKbps * 2}k`,
    force_key_frames: forceKeyFrames,
    sc_threshold: 0,
    g: Math.ceil(frameRate * SEGMENT_SECONDS) * 2,
  });
}

/**
 * AAC-LC at 48 kHz for one audio rendition.
 *
 * @example
 * audioEncoderArgs(rung); // ["-c:a", "aac", "-profile:a", "aac_low", "-ar", "48000", …]
 */
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
 * One CMAF track through the hls muxer, all in folder `dir`: init.mp4,
 * seg-NNNNN.m4s and ffmpeg's own playlist (index.m3u8, never uploaded: the
 * ingest Worker writes the playlists). The muxer starts a segment at the
 * first keyframe at least `segmentSeconds` after the last start.
 *
 * @example
 * cmafOutputArgs("/work/out/audio/a0-en", 4);
 */
export function cmafOutputArgs(dir: string, segmentSeconds: number): string[] {
  return [
    ...options({
      f: "hls",
      hls_segment_type: "fmp4",
      hls_time: segmentSeconds,
      hls_playlist_type: "vod",
      // Resolved against the playlist's folder by both 4.1 and 5.1.
      hls_fmp4_init_filename: INIT_FILE,
      hls_segment_filename: join(dir, SEGMENT_PATTERN),
    }),
    join(dir, "index.m3u8"),
  ];
}

/**
 * A filter graph that scales `input` down a chain of rungs, each from the
 * one above it (cheaper than scaling every rung from the source), and labels
 * each rung's frames `[v<id>]`. With `tap`, the smallest rung's frames are
 * also split off to `[tap]`.
 *
 * @example
 * scaleCascade("[0:0]", [r360, r480]);
 * // "[0:0]scale=854:480,setsar=1,format=yuv420p,split=2[v480p][c480p];[c480p]scale=640:360,setsar=1[v360p]"
 */
export function scaleCascade(input: string, rungs: readonly VideoRung[], tap = false): string {
  const descending = [...rungs].sort((a, b) => b.height * b.width - a.height * a.width);
  let from = input;
  const chains = descending.map((rung, i) => {
    const last = i === descending.length - 1;
    // setsar=1 after every scale: even rounding would otherwise leave a SAR like 853:854.
    const scale = `${from}scale=${rung.width}:${rung.height},setsar=1${i === 0 ? ",format=yuv420p" : ""}`;
    from = `[c${rung.id}]`;
    if (!last) return `${scale},split=2[v${rung.id}]${from}`;
    return tap ? `${scale},split=2[v${rung.id}][tap]` : `${scale}[v${rung.id}]`;
  });
  return chains.join(";");
}

/** Everything the reference ladder command needs. */
export interface LadderJob {
  source: SourceInput;
  videoIndex: number;
  plan: LadderPlan;
  /** Outputs go here, in the asset layout (the track folders must exist). */
  outputDir: string;
}

/**
 * The input options that put the source's timestamps on the film's
 * timeline: `startSeconds` (the container's start time, as the probe read
 * it) becomes 0. Explicit, because ffmpeg's own shift is not stable: for a
 * format with timestamp discontinuities (MPEG-TS) ffmpeg 4.1 "corrects" the
 * start time to the earliest of the streams the command maps, so a
 * video-only and an audio-only command would disagree by the gap between
 * the streams' starts (A/V out of sync). It does so whenever the offset
 * equals minus the container's start time exactly, so the offset is one
 * microsecond more, which the stream's time base (90 kHz at most) rounds
 * away. (`setpts=PTS-<start>/TB` in the graph is no way out either: in 4.1
 * it does not shift the end of stream, and the fps filter pads the last
 * chunk with copies of its last frame up to the unshifted end.)
 */
export function filmTimeline(startSeconds: number): string[] {
  return ["-copyts", ...options({ itsoffset: (-startSeconds - 0.000001).toFixed(6) })];
}

/** Keyframes every SEGMENT_SECONDS of output time, for a whole-film encode. */
const WHOLE_FILM_KEYFRAMES = `expr:gte(t,n_forced*${SEGMENT_SECONDS})`;

function ladderVideoOutput(job: LadderJob, rung: VideoRung): string[] {
  return [
    ...options({ map: `[v${rung.id}]` }),
    ...videoEncoderArgs(rung, job.plan.frameRate, WHOLE_FILM_KEYFRAMES),
    ...cmafOutputArgs(join(job.outputDir, trackDir("video", rung.id)), SEGMENT_SECONDS),
  ];
}

function audioOutput(
  outputDir: string,
  audio: AudioRung,
  filter: Record<string, string> = {},
): string[] {
  return [
    ...options({ map: `0:${audio.streamIndex}`, ...filter }),
    ...audioEncoderArgs(audio),
    ...cmafOutputArgs(join(outputDir, trackDir("audio", audio.id)), SEGMENT_SECONDS),
  ];
}

/**
 * For the benchmark: the whole ladder (every rung and audio) as one plain
 * ffmpeg process over the whole film, with the tasks' encoder settings.
 *
 * @example
 * await runFfmpeg({ args: referenceLadderArgs({ source: { url: path }, videoIndex: 0, plan, outputDir }), signal });
 */
export function referenceLadderArgs(job: LadderJob): string[] {
  return [
    ...inputArgs(job.source),
    ...options({ filter_complex: scaleCascade(`[0:${job.videoIndex}]`, job.plan.video) }),
    ...job.plan.video.flatMap((rung) => ladderVideoOutput(job, rung)),
    ...job.plan.audio.flatMap((audio) => audioOutput(job.outputDir, audio)),
  ];
}

/**
 * For the benchmark: one ffmpeg process per rung, each scaling from the
 * source; the audio renditions ride with the lowest rung.
 */
export function perRungArgs(job: LadderJob): string[][] {
  return job.plan.video.map((rung, i) => [
    ...inputArgs(job.source),
    ...options({ filter_complex: scaleCascade(`[0:${job.videoIndex}]`, [rung]) }),
    ...ladderVideoOutput(job, rung),
    ...(i === 0 ? job.plan.audio.flatMap((audio) => audioOutput(job.outputDir, audio)) : []),
  ]);
}

/**
 * Each audio track starts at the film's start: silence fills the time
 * before a track's first sample (a track that starts late stays in sync
 * with the picture), and gaps in its timestamps are filled or trimmed.
 */
const AUDIO_ON_FILM_TIMELINE = { af: "aresample=async=1:first_pts=0" };

/**
 * The audio task: every track in one continuous pass (AAC priming makes
 * audio encoded in pieces click at the joins), each into its folder of the
 * asset layout under `outputDir`, on the film's timeline.
 *
 * @example
 * audioPassArgs(source, 1.4, spec.tracks, "/work/out");
 */
export function audioPassArgs(
  source: SourceInput,
  startSeconds: number,
  tracks: readonly AudioRung[],
  outputDir: string,
): string[] {
  return [
    ...filmTimeline(startSeconds),
    ...inputArgs(source),
    ...tracks.flatMap((audio) => audioOutput(outputDir, audio, AUDIO_ON_FILM_TIMELINE)),
  ];
}

/**
 * The complexity probe: a short window at each start, decoded from the
 * keyframe at or before it (`-noaccurate_seek`, and `-t` then counts from
 * that keyframe, so a window costs the same whatever the GOP), joined, and
 * encoded with x264 ultrafast at CRF 23 at each size; the elementary streams
 * go to pipes 3, 4, … where only their bytes are counted.
 *
 * @example
 * complexityArgs(source, 0, [0.25, 30.25], 0.5, [{ width: 640, height: 360 }]);
 */
export function complexityArgs(
  source: SourceInput,
  videoIndex: number,
  starts: readonly number[],
  windowSeconds: number,
  sizes: readonly Size[],
): string[] {
  const inputs = starts.flatMap((start) => [
    "-noaccurate_seek",
    ...options({ ss: start.toFixed(3), t: windowSeconds.toFixed(3) }),
    ...inputArgs(source),
  ]);
  // Each window's timestamps from 0: after a -noaccurate_seek they are negative, and
  // ffmpeg would drop every frame of a window that ends before its seek point.
  const windows = starts.map((_, i) => `[${i}:${videoIndex}]setpts=PTS-STARTPTS[w${i}]`);
  const joined = `${windows.join(";")};${starts.map((_, i) => `[w${i}]`).join("")}concat=n=${starts.length}:v=1:a=0`;
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
 * The poster: from `at`, the most representative of the next 30 frames by
 * the thumbnail filter, as a JPEG.
 *
 * @example
 * posterArgs(source, 0, 6, { width: 1280, height: 720 }, "/work/out/poster.jpg");
 */
export function posterArgs(
  source: SourceInput,
  videoIndex: number,
  at: number,
  size: Size,
  outputFile: string,
): string[] {
  return [
    ...options({ ss: at.toFixed(3) }),
    ...inputArgs(source),
    ...options({
      map: `0:${videoIndex}`,
      vf: `thumbnail=30,scale=${size.width}:${size.height},setsar=1`,
      "frames:v": 1,
      "q:v": 3,
      f: "image2",
      update: 1,
    }),
    outputFile,
  ];
}

/**
 * An uploaded SRT or WebVTT file rewritten as WebVTT (ffmpeg detects the input format by content).
 *
 * @example
 * subtitleArgs("/work/subtitles-0", "/work/out/subtitles/s0-en.vtt");
 */
export function subtitleArgs(inputPath: string, outputPath: string): string[] {
  return [...options({ i: inputPath, map: "0:s:0", "c:s": "webvtt", f: "webvtt" }), outputPath];
}

/** Files the credits scan writes its findings to, one per detector. */
export interface CreditsScanFiles {
  dark: string;
  cuts: string;
  silence: string;
}

/**
 * The credits scan: from `fromSeconds` of the film to its end, the
 * picture's dark stretches (mostly black frames, as behind rolling credits),
 * its cuts (a scene score over 0.3) and, when there is sound, its silences.
 * Each detector's findings go as frame metadata to its own file, since the
 * run flags keep the filters' log quiet. The picture is scaled down first:
 * detection needs no detail.
 *
 * @example
 * creditsScanArgs(source, { startSeconds: 0, videoIndex: 0, audioIndex: 1, fromSeconds: 2400 }, files);
 */
export function creditsScanArgs(
  source: SourceInput,
  scan: {
    startSeconds: number;
    videoIndex: number;
    audioIndex: number | null;
    fromSeconds: number;
  },
  files: CreditsScanFiles,
): string[] {
  const picture =
    `[0:${scan.videoIndex}]scale=320:-2,split[d][c];` +
    `[d]blackdetect=d=0.5:pix_th=0.10:pic_th=0.90,metadata=print:file='${files.dark}'[dark];` +
    `[c]select='gt(scene,0.3)',metadata=print:file='${files.cuts}'[cuts]`;
  const sound =
    scan.audioIndex === null
      ? ""
      : `;[0:${scan.audioIndex}]silencedetect=n=-50dB:d=1,ametadata=print:file='${files.silence}'[silence]`;
  return [
    ...options({ ss: (scan.startSeconds + scan.fromSeconds).toFixed(3) }),
    ...inputArgs(source),
    ...options({ filter_complex: picture + sound }),
    ...["-map", "[dark]", "-map", "[cuts]"],
    ...(scan.audioIndex === null ? [] : ["-map", "[silence]"]),
    ...options({ f: "null" }),
    "-",
  ];
}

/**
 * Chromaprint's raw fingerprint of an audio stream's first `seconds`
 * (needs an ffmpeg with the chromaprint muxer: binaries.ts), mixed to mono
 * as Chromaprint hears it.
 *
 * @example
 * fingerprintArgs(source, 1, 600, "/work/task/fingerprint.raw");
 */
export function fingerprintArgs(
  source: SourceInput,
  audioIndex: number,
  seconds: number,
  outputFile: string,
): string[] {
  return [
    ...inputArgs(source),
    ...options({ map: `0:${audioIndex}`, t: seconds.toFixed(3), ac: 1 }),
    ...options({ f: "chromaprint", fp_format: "raw" }),
    outputFile,
  ];
}
