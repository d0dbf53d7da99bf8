/**
 * The film's output timeline, in whole frames, and how it is cut into
 * segments and chunks. Every rung is encoded at one constant frame rate, so
 * frame `n` of every rung is shown at exactly n / rate seconds; a segment
 * starts at the first frame at or after a multiple of SEGMENT_SECONDS, and a
 * chunk is a run of whole segments. All of it is integer arithmetic on a
 * rational rate, so the transcoder that encodes chunk 7 and the one that
 * encodes chunk 8 agree on the frame between them without talking.
 *
 * Pure; shared by the ingest Worker (which plans the chunks) and the
 * transcoder (which encodes them).
 */
import { SEGMENT_SECONDS } from "./asset-layout.ts";

/** A frame rate as a fraction: 30000/1001 for NTSC 29.97. */
export interface FrameRate {
  num: number;
  den: number;
}

/** Rates a master is snapped to when its average is within 0.1% of one. */
const STANDARD_RATES: readonly FrameRate[] = [
  { num: 24000, den: 1001 },
  { num: 24, den: 1 },
  { num: 25, den: 1 },
  { num: 30000, den: 1001 },
  { num: 30, den: 1 },
  { num: 48, den: 1 },
  { num: 50, den: 1 },
  { num: 60000, den: 1001 },
  { num: 60, den: 1 },
];
const SNAP_TOLERANCE = 0.001;
const MAX_OUTPUT_RATE = 120;

export const rateValue = (rate: FrameRate) => rate.num / rate.den;

/** The standard rate `rate` is within 0.1% of, or null. */
export function standardRateNear(rate: number): FrameRate | null {
  const distance = (standard: FrameRate) => Math.abs(rateValue(standard) - rate);
  const nearest = [...STANDARD_RATES].sort((a, b) => distance(a) - distance(b))[0]!;
  return distance(nearest) <= rate * SNAP_TOLERANCE ? nearest : null;
}

/**
 * The constant rate every rung is encoded at, from the source's average
 * rate: the nearest standard rate when within 0.1% of it, else the nearest whole
 * number (a variable-frame-rate master is resampled to it: frames are
 * repeated or dropped to fill the grid, as every streaming ladder does).
 *
 * @example
 * outputFrameRate(29.97002997); // { num: 30000, den: 1001 }
 * outputFrameRate(17.3);        // { num: 17, den: 1 }
 */
export function outputFrameRate(averageRate: number): FrameRate {
  return (
    standardRateNear(averageRate) ?? {
      num: Math.min(MAX_OUTPUT_RATE, Math.max(1, Math.round(averageRate))),
      den: 1,
    }
  );
}

/**
 * The first frame of segment `segment`: the first frame shown at or after
 * segment × SEGMENT_SECONDS.
 *
 * @example
 * segmentStartFrame(1, { num: 30000, den: 1001 }); // 120 (4.004 s)
 */
export function segmentStartFrame(segment: number, rate: FrameRate): number {
  // ceil(segment × S × num / den) in integers.
  const scaled = segment * SEGMENT_SECONDS * rate.num;
  return Math.floor((scaled + rate.den - 1) / rate.den);
}

/**
 * How many frames the film has on the grid: up to where its picture ends
 * (its start on the film's timeline plus its duration), in whole frames. A
 * picture that starts late is padded back to 0 with its first frame.
 */
export function frameCount(
  video: { startSeconds: number; durationSeconds: number },
  rate: FrameRate,
): number {
  const end = video.startSeconds + video.durationSeconds;
  return Math.max(1, Math.round((end * rate.num) / rate.den));
}

/** How many segments a film of `frames` frames has (the last one may be shorter). */
export function segmentCount(frames: number, rate: FrameRate): number {
  let segments = Math.max(1, Math.ceil(frames / ((SEGMENT_SECONDS * rate.num) / rate.den)));
  // Float division may land one off at an exact boundary; the integer grid decides.
  while (segments > 1 && segmentStartFrame(segments - 1, rate) >= frames) segments--;
  while (segmentStartFrame(segments, rate) < frames) segments++;
  return segments;
}

/** One chunk of the film: whole segments, and the frames they hold. */
export interface ChunkSpan {
  index: number;
  firstSegment: number;
  segmentCount: number;
  startFrame: number;
  /** Exclusive; null for the last chunk, which runs to the end of the source. */
  endFrame: number | null;
  /** Where the chunk starts and ends in the film, in seconds (the last: the film's end). */
  startSeconds: number;
  endSeconds: number;
}

/**
 * The film cut into chunks of `segmentsPerChunk` segments (the last one
 * shorter), the first of `firstChunkSegments` (a short first chunk makes a
 * title playable sooner). The last chunk is open-ended, so a master with a
 * frame more or less than its header promised still ends where its
 * pictures end.
 *
 * @example
 * chunkSpans(720, { num: 30000, den: 1001 }, 2).map((c) => c.startFrame); // [0, 240, 480]
 * chunkSpans(720, { num: 30000, den: 1001 }, 2, 1).map((c) => c.startFrame); // [0, 120, 360, 600]
 */
export function chunkSpans(
  frames: number,
  rate: FrameRate,
  segmentsPerChunk: number,
  firstChunkSegments = segmentsPerChunk,
): ChunkSpan[] {
  const segments = segmentCount(frames, rate);
  const spans: ChunkSpan[] = [];
  for (let first = 0, index = 0; first < segments; index++) {
    const count = Math.min(index === 0 ? firstChunkSegments : segmentsPerChunk, segments - first);
    const last = first + count >= segments;
    const startFrame = segmentStartFrame(first, rate);
    const endFrame = last ? null : segmentStartFrame(first + count, rate);
    spans.push({
      index,
      firstSegment: first,
      segmentCount: count,
      startFrame,
      endFrame,
      startSeconds: frameSeconds(startFrame, rate),
      endSeconds: frameSeconds(endFrame ?? frames, rate),
    });
    first += count;
  }
  return spans;
}

/** When frame `frame` is shown, in seconds. */
export const frameSeconds = (frame: number, rate: FrameRate) => (frame * rate.den) / rate.num;
