/**
 * Presentation entries for encoded tracks: bit rates measured from the
 * segments as written (peak and average), codecs from the init segments.
 */
import type { AudioRendition, VideoRendition } from "../../../lib/media/presentation.ts";
import type { AudioRung, VideoRung } from "../media/ladder.ts";
import { mediaPlaylistPath } from "../media/output-paths.ts";
import type { MediaTrack } from "../manifests/media-track.ts";
import type { EncodedTrack } from "./read-track.ts";

/**
 * Peak (the HLS BANDWIDTH, over every segment as RFC 8216 defines it) and
 * average bit rates of a track, in bits per second.
 */
export function measuredBandwidth(track: MediaTrack): { bandwidth: number; averageBandwidth: number } {
  let peak = 0;
  let bytes = 0;
  let units = 0;
  for (const s of track.segments) {
    if (s.duration > 0) peak = Math.max(peak, (s.size * 8 * track.timescale) / s.duration);
    bytes += s.size;
    units += s.duration;
  }
  const average = units > 0 ? (bytes * 8 * track.timescale) / units : 0;
  return { bandwidth: Math.max(1, Math.ceil(peak)), averageBandwidth: Math.max(1, Math.ceil(average)) };
}

export function videoRendition(rung: VideoRung, frameRate: number, encoded: EncodedTrack): VideoRendition {
  return {
    id: rung.id,
    width: encoded.init.width ?? rung.width,
    height: encoded.init.height ?? rung.height,
    frameRate,
    ...measuredBandwidth(encoded.track),
    codecs: encoded.init.codecs,
    playlist: mediaPlaylistPath(encoded.track.dir),
  };
}

export function audioRendition(audio: AudioRung, encoded: EncodedTrack): AudioRendition {
  return {
    id: audio.id,
    language: audio.language,
    name: audio.name,
    channels: encoded.init.channels ?? audio.channels,
    ...measuredBandwidth(encoded.track),
    codecs: encoded.init.codecs,
    default: audio.default,
    playlist: mediaPlaylistPath(encoded.track.dir),
  };
}
