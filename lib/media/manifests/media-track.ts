/**
 * One encoded CMAF track as the manifests see it: where its files are and
 * the exact timing of each segment, read from the files themselves.
 */

export interface TrackSegment {
  /** Decode time of the first sample, in timescale units. */
  baseMediaDecodeTime: number;
  /** In timescale units. */
  duration: number;
  /** Bytes. */
  size: number;
}

export interface MediaTrack {
  /** The track's folder, relative to the asset: "video/240p", "audio/a0-en". */
  dir: string;
  timescale: number;
  /** Audio only. */
  sampleRate?: number;
  segments: readonly TrackSegment[];
}

/** Segment file names, by position (the same names the hls muxer writes). */
export const segmentFileName = (n: number) => `seg-${String(n).padStart(5, "0")}.m4s`;
export const INIT_FILE_NAME = "init.mp4";

/** Where a track's last segment ends, in seconds. */
export function trackEndSeconds(track: MediaTrack): number {
  const last = track.segments.at(-1);
  return last ? (last.baseMediaDecodeTime + last.duration) / track.timescale : 0;
}
