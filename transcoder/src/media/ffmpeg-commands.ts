/**
 * Pure ffmpeg command builders: every argument list the tasks run, and the
 * reference ladder the benchmark compares the pipeline with, built from the
 * same pieces so encoder settings cannot drift between them. Nothing here
 * spawns anything; `run-ffmpeg.ts` does, adding the common flags.
 *
 * Arguments work with ffmpeg 4.1 (the bundled static build) and 5.1
 * (Debian's, in the container): nothing newer than 4.1, nothing 5.x removed.
 */
import { join } from "node:path";
import type { AudioRung, VideoRung } from "../../../lib/ingest/task-protocol.ts";
import { SEGMENT_SECONDS, trackDir } from "../../../lib/media/asset-layout.ts";
import {
  segmentStartFrame,
  type ChunkSpan,
  type FrameRate,
} from "../../../lib/media/frame-grid.ts";
import type { LadderPlan } from "../../../lib/media/ladder.ts";
import type { Size } from "../../../lib/media/rung-size.ts";
import type { SpriteLayout } from "../../../lib/media/trickplay.ts";
import { inputArgs, type SourceInput } from "./source-input.ts";

/** What ffmpeg names the files of one CMAF track, in the track's folder. */
export const INIT_FILE = "init.mp4";
export const SEGMENT_PATTERN = "seg-%05d.m4s";

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
function filmTimeline(startSeconds: number): string[] {
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

/** Everything a chunk's command needs. */
export interface VideoChunkJob {
  source: SourceInput;
  videoIndex: number;
  /** Where the film starts on the source's timeline (the container's start time). */
  startSeconds: number;
  rate: FrameRate;
  chunk: ChunkSpan;
  /** How far before the chunk decoding starts (see chunkSeekSeconds). */
  leadSeconds: number;
  /** Ascending. */
  rungs: readonly VideoRung[];
  sprite: SpriteLayout | null;
  /** Each rung's files go to `<scratchDir>/<rung id>/`, the sprite sheet to SPRITE_FILE. */
  scratchDir: string;
}

export const SPRITE_FILE = "sprite.jpg";

/**
 * The last chunk runs to the end of the source, which may hold more frames
 * than its header promised: keyframes are forced this many segments past the
 * planned end too, so extra frames are still cut on the grid.
 */
const OPEN_END_SPARE_SEGMENTS = 15;
/**
 * Forced keyframe times sit this far (in frames) before the frame. ffmpeg
 * 4.1 and 5.1 truncate the time to microseconds and then round it to the
 * nearest frame of the encoder's time base (1/rate): half a frame early
 * rounds to the frame before (measured: 119.49998 → keyframe at frame 119),
 * a quarter rounds to the frame itself under any float error.
 */
const KEYFRAME_LEAD_FRAMES = 0.25;

/**
 * Where a chunk's decode starts, `leadSeconds` before the chunk, in seconds
 * from the film's start: the demuxer lands on a keyframe at or before that
 * point (an indexed container), or near it (MPEG-TS, whose decode then
 * starts at the next keyframe, which may be past the chunk's start: the
 * first-frame report says so and the task retries with a longer lead).
 * ffmpeg's `-ss` counts from the container's start time already, with or
 * without `-copyts`, so the start time must not be added.
 *
 * @example
 * chunkSeekSeconds({ startSeconds: 8.008, … }, 1); // 7.008
 */
export const chunkSeekSeconds = (chunk: Pick<ChunkSpan, "startSeconds">, leadSeconds: number) =>
  Math.max(0, chunk.startSeconds - leadSeconds);

/**
 * The film's frames on its constant-rate grid, split into the chunk's frames
 * from 0, labelled `[film]`, and the first frame decoded, labelled
 * `[first]`. The input runs on the film's timeline with `-copyts` (the
 * decoder's timestamps are the film's own, whatever the seek); the fps
 * filter's output time base is 1/rate, so its timestamps are frame numbers
 * and `trim` selects exact frames. The fps filter rounds each frame's time
 * to the grid relative to its `start_time` when it has one, so only the
 * first chunk, which must start at frame 0 even when the picture starts a
 * little later, gets one (0: the rounding stays absolute); every other
 * chunk's frames then round exactly as in a pass over the whole film, and
 * the first frame tells whether decoding started early enough.
 *
 * @example
 * chunkFramesFilter(0, { num: 25, den: 1 }, chunk);
 * // "[0:0]fps=fps=25/1,split=2[grid][first];[grid]trim=start_pts=100:end_pts=200,setpts=PTS-STARTPTS[film]"
 */
export function chunkFramesFilter(videoIndex: number, rate: FrameRate, chunk: ChunkSpan): string {
  const start = chunk.startFrame === 0 ? ":start_time=0" : "";
  const end = chunk.endFrame === null ? "" : `:end_pts=${chunk.endFrame}`;
  return [
    `[0:${videoIndex}]fps=fps=${rate.num}/${rate.den}${start},split=2[grid][first]`,
    `[grid]trim=start_pts=${chunk.startFrame}${end},setpts=PTS-STARTPTS[film]`,
  ].join(";");
}

/**
 * The first-frame report: the first frame on the grid, shrunk to nothing,
 * written as a framecrc line (its pts is its frame number) to `pipe:3` the
 * moment it is decoded, so a decode that started too late is stopped at once.
 */
function firstFrameReport(): string[] {
  return [
    ...options({ map: "[firstframe]", "c:v": "rawvideo", flush_packets: 1, f: "framecrc" }),
    "pipe:3",
  ];
}

/**
 * The `-force_key_frames` list for a chunk: a keyframe on the first frame of
 * each of its segments, as times from the chunk's start.
 *
 * @example
 * chunkKeyframeTimes({ num: 30000, den: 1001 }, chunk); // "0,3.995658,7.999325"
 */
export function chunkKeyframeTimes(rate: FrameRate, chunk: ChunkSpan): string {
  const segments = chunk.segmentCount + (chunk.endFrame === null ? OPEN_END_SPARE_SEGMENTS : 0);
  const times = ["0"];
  for (let k = 1; k < segments; k++) {
    const local = segmentStartFrame(chunk.firstSegment + k, rate) - chunk.startFrame;
    times.push((((local - KEYFRAME_LEAD_FRAMES) * rate.den) / rate.num).toFixed(6));
  }
  return times.join(",");
}

/**
 * The sprite sheet's filter, from `[tap]` (frames timed from the chunk's
 * start): the first frame at or after each interval mark, scaled to a tile,
 * tiled into one sheet. The tile filter emits a partly filled sheet at the
 * end of the stream, and never more than one sheet since the selection
 * stops when the sheet is full.
 */
export function spriteFilter(sprite: SpriteLayout): string {
  const tiles = sprite.columns * sprite.rows;
  return [
    `[tap]select='lt(selected_n,${tiles})*gte(t,${sprite.intervalSeconds}*selected_n)'`,
    `scale=${sprite.tileWidth}:${sprite.tileHeight}`,
    `tile=${sprite.columns}x${sprite.rows}[sprite]`,
  ].join(",");
}

/**
 * The video task: one decode of the chunk feeding a scaling cascade with an
 * x264 encode per rung, each cut by the hls muxer at every forced keyframe
 * (`-hls_time` far below a segment: its own 4-second arithmetic would count
 * from the chunk's start and merge segments), the sprite sheet from the
 * lowest rung's frames, and the first-frame report on `pipe:3`. No input `-t`: with `-noaccurate_seek -copyts` it
 * counts from the keyframe the seek lands on and would cut the chunk short;
 * the trim bounds the read instead (ffmpeg stops once every output has ended).
 * The seek counts from the container's start time, as ffmpeg's `-ss` does.
 *
 * @example
 * const args = videoChunkArgs({ source, videoIndex: 0, startSeconds: 0, rate, chunk, leadSeconds: 1, rungs, sprite: null, scratchDir });
 */
export function videoChunkArgs(job: VideoChunkJob): string[] {
  const [lowest] = job.rungs;
  if (!lowest) throw new Error("A video task needs at least one rung.");
  const graph = [
    chunkFramesFilter(job.videoIndex, job.rate, job.chunk),
    "[first]trim=end_frame=1,scale=8:8[firstframe]",
    scaleCascade("[film]", job.rungs, job.sprite !== null),
    ...(job.sprite ? [spriteFilter(job.sprite)] : []),
  ].join(";");
  const keyframes = chunkKeyframeTimes(job.rate, job.chunk);
  const rate = job.rate.num / job.rate.den;
  return [
    // The graph already makes exactly the grid's frames: passthrough keeps ffmpeg from
    // duplicating one whose source frame lasted longer (a variable-rate master).
    ...options({ vsync: "passthrough" }),
    "-noaccurate_seek",
    ...options({ ss: chunkSeekSeconds(job.chunk, job.leadSeconds).toFixed(6) }),
    ...filmTimeline(job.startSeconds),
    ...inputArgs(job.source),
    ...options({ filter_complex: graph }),
    ...firstFrameReport(),
    ...job.rungs.flatMap((rung) => [
      // The encoder's rate and time base are the grid's (after setpts the graph no longer says
      // the rate, and ffmpeg would take the source's), so forced keyframe times round to frames.
      ...options({ map: `[v${rung.id}]`, r: `${job.rate.num}/${job.rate.den}` }),
      ...videoEncoderArgs(rung, rate, keyframes),
      ...cmafOutputArgs(join(job.scratchDir, rung.id), 0.1),
    ]),
    ...(job.sprite
      ? [
          ...options({ map: "[sprite]", "c:v": "mjpeg", "q:v": 4, f: "image2", update: 1 }),
          join(job.scratchDir, SPRITE_FILE),
        ]
      : []),
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
