/**
 * The video task's ffmpeg command: one chunk of the film, frames exact on
 * the constant-rate grid, decoded once from a little before the chunk and
 * encoded for each of the task's rungs through a scaling cascade, with
 * keyframes forced at the chunk's segment starts, the chunk's sprite sheet
 * when asked, and a report when decoding started after the chunk's first
 * frame. Validated with ffmpeg
 * 4.1 on masters whose GOPs are off the segment grid, variable-rate ones and
 * MPEG-TS; every choice below that is not obvious was measured.
 */
import { join } from "node:path";
import type { VideoRung } from "../../../lib/ingest/task-protocol.ts";
import {
  segmentStartFrame,
  type ChunkSpan,
  type FrameRate,
} from "../../../lib/media/frame-grid.ts";
import type { SpriteLayout } from "../../../lib/media/trickplay.ts";
import {
  cmafOutputArgs,
  filmTimeline,
  options,
  scaleCascade,
  videoEncoderArgs,
} from "./ffmpeg-commands.ts";
import { inputArgs, type SourceInput } from "./source-input.ts";

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
 * late-start report says so and the task retries with a longer lead).
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
 * The late-start report: the first frame on the grid, when it comes after
 * the chunk's first frame (decoding started too late), shrunk to nothing
 * and written as a framecrc line (its pts is its frame number) to `pipe:3`
 * the moment it is decoded, so the command is stopped at once. When the
 * start is in time nothing is written: the report's frame would carry the
 * film's time, which `-progress` would take for the chunk's.
 */
function lateStartFilter(rate: FrameRate, chunk: ChunkSpan): string {
  return `[first]trim=end_frame=1,select='gte(t*${rate.num}/${rate.den},${chunk.startFrame + 0.5})',scale=8:8[late]`;
}

/** Where the late-start report goes: the task reads `pipe:3` as ffmpeg writes it. */
function lateStartReport(): string[] {
  return [
    ...options({ map: "[late]", "c:v": "rawvideo", flush_packets: 1, f: "framecrc" }),
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
function spriteFilter(sprite: SpriteLayout): string {
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
 * lowest rung's frames, and the late-start report on `pipe:3`. No input `-t`: with `-noaccurate_seek -copyts` it
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
    lateStartFilter(job.rate, job.chunk),
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
    ...lateStartReport(),
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
