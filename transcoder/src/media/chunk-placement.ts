/**
 * Where a chunk's segments belong in the film, and the checks that they are
 * exactly there (and that decoding started early enough to fill them). A chunk's encode numbers its segments from 0 and times them
 * from its first frame; on the film's frame grid, its segment k is segment
 * `chunk.firstSegment + k`, starting at frame segmentStartFrame(that). The
 * ingest Worker joins chunks encoded by different transcoders without
 * looking inside them, so a segment that is a frame off is refused here.
 * Pure.
 */
import type { SegmentFacts } from "../../../lib/ingest/task-protocol.ts";
import {
  segmentStartFrame,
  type ChunkSpan,
  type FrameRate,
} from "../../../lib/media/frame-grid.ts";

/**
 * Track time units per frame: the track's timescale × den / num, which
 * must be whole for frame-exact timing (ffmpeg picks such a timescale for a
 * constant-rate track: 30000 for 30000/1001, 12800 for 25).
 *
 * @example
 * ticksPerFrame(30000, { num: 30000, den: 1001 }); // 1001
 */
export function ticksPerFrame(timescale: number, rate: FrameRate): number {
  const ticks = (timescale * rate.den) / rate.num;
  if (!Number.isInteger(ticks)) {
    throw new Error(
      `Timescale ${timescale} holds no whole number of frames at ${rate.num}/${rate.den}`,
    );
  }
  return ticks;
}

/**
 * The film's segment number of the chunk's `local`-th segment.
 *
 * @example
 * filmSegment({ firstSegment: 6, … }, 1); // 7
 */
export const filmSegment = (chunk: Pick<ChunkSpan, "firstSegment">, local: number) =>
  chunk.firstSegment + local;

/**
 * Throws unless `segment` (film numbering and timing) starts exactly on its
 * frame of the grid and holds no more than the frames up to the next
 * segment's start. A segment cut short shows up as the next one starting
 * off the grid, or, for the last, in chunkFrameCount.
 *
 * @example
 * checkPlacement(chunk, rate, 1001, { number: 7, baseMediaDecodeTime: 840840, duration: 120120, size: 9000 });
 */
export function checkPlacement(
  chunk: ChunkSpan,
  rate: FrameRate,
  ticks: number,
  segment: SegmentFacts,
): void {
  const last = chunk.firstSegment + chunk.segmentCount - 1;
  if (chunk.endFrame !== null && segment.number > last) {
    throw new Error(`Chunk ${chunk.index} wrote segment ${segment.number}; it ends at ${last}`);
  }
  const start = segmentStartFrame(segment.number, rate);
  const frames = segmentStartFrame(segment.number + 1, rate) - start;
  if (segment.baseMediaDecodeTime !== start * ticks || segment.duration > frames * ticks) {
    throw new Error(
      `Segment ${segment.number} of chunk ${chunk.index} is off the frame grid: it starts at ${segment.baseMediaDecodeTime / ticks} and holds ${segment.duration / ticks} frames, not ${start} and ${frames}`,
    );
  }
}

/**
 * How many frames the chunk's segments hold.
 *
 * @example
 * chunkFrameCount([{ duration: 120120 }, { duration: 120120 }], 1001); // 240
 */
export function chunkFrameCount(
  segments: readonly Pick<SegmentFacts, "duration">[],
  ticks: number,
) {
  return segments.reduce((sum, segment) => sum + segment.duration, 0) / ticks;
}

/**
 * The grid frame of the first frame a chunk's command decoded, from its
 * late-start report (ffmpeg's framecrc text: a `#tb 0: num/den` header,
 * then one line per packet whose third field is the pts); null until, and
 * unless, that line arrives (the report has a frame only when decoding
 * started after the chunk's first frame).
 *
 * @example
 * reportedFirstFrame("#tb 0: 1/25\n0,        101,        101,        1,       96, 0x92a52e69\n", { num: 25, den: 1 }); // 101
 */
export function reportedFirstFrame(framecrc: string, rate: FrameRate): number | null {
  const timeBase = /^#tb 0: (\d+)\/(\d+)$/m.exec(framecrc);
  const packet = /^0,\s*-?\d+,\s*(-?\d+),\s*\d+,\s*\d+,\s*0x/m.exec(framecrc);
  if (!timeBase || !packet) return null;
  const seconds = (Number(packet[1]) * Number(timeBase[1])) / Number(timeBase[2]);
  return Math.round((seconds * rate.num) / rate.den);
}
