/**
 * Presentation entries for encoded tracks, from what the transcoders
 * reported about them: bit rates measured from the segments as written
 * (peak and average), codecs and sizes from the init segments.
 */
import type { AudioRung, InitFacts, VideoRung } from "../../ingest/task-protocol.ts";
import { mediaPlaylistPath } from "../asset-layout.ts";
import type { AudioRendition, VideoRendition } from "../presentation.ts";
import type { MediaTrack } from "./media-track.ts";

/**
 * Peak and average bit rates of a track, in bits per second. The peak is
 * RFC 8216's "peak segment bit rate": the highest rate over any run of
 * consecutive segments lasting 0.5 to 1.5 target durations. Measuring single
 * segments instead would let a last segment of a few frames (mostly one
 * keyframe) claim several times the real peak and push players down a rung.
 */
export function measuredBandwidth(track: MediaTrack): {
  bandwidth: number;
  averageBandwidth: number;
} {
  const { segments, timescale } = track;
  const target =
    Math.ceil(Math.max(...segments.map((s) => s.duration)) / timescale - 1e-6) * timescale;
  let peak = 0;
  for (let i = 0; i < segments.length; i++) {
    let bytes = 0;
    let units = 0;
    for (let j = i; j < segments.length && units < 1.5 * target; j++) {
      bytes += segments[j]?.size ?? 0;
      units += segments[j]?.duration ?? 0;
      if (units >= 0.5 * target && units <= 1.5 * target)
        peak = Math.max(peak, (bytes * 8 * timescale) / units);
    }
  }
  const bytes = segments.reduce((sum, s) => sum + s.size, 0);
  const units = segments.reduce((sum, s) => sum + s.duration, 0);
  const average = units > 0 ? (bytes * 8 * timescale) / units : 0;
  // A track shorter than half a target duration has no qualifying run; its average is its peak.
  return {
    bandwidth: Math.max(1, Math.ceil(peak || average)),
    averageBandwidth: Math.max(1, Math.ceil(average)),
  };
}

export function videoRendition(
  rung: VideoRung,
  frameRate: number,
  init: InitFacts,
  track: MediaTrack,
): VideoRendition {
  return {
    id: rung.id,
    width: init.width ?? rung.width,
    height: init.height ?? rung.height,
    frameRate,
    ...measuredBandwidth(track),
    codecs: init.codecs,
    playlist: mediaPlaylistPath(track.dir),
  };
}

export function audioRendition(
  audio: AudioRung,
  init: InitFacts,
  track: MediaTrack,
): AudioRendition {
  return {
    id: audio.id,
    language: audio.language,
    name: audio.name,
    channels: init.channels ?? audio.channels,
    ...measuredBandwidth(track),
    codecs: init.codecs,
    default: audio.default,
    playlist: mediaPlaylistPath(track.dir),
  };
}
