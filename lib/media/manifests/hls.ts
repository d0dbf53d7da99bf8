/**
 * HLS playlists as text (RFC 8216, version 7 for fMP4): media playlists with
 * exact segment durations, one-segment playlists around WebVTT files, and the
 * master playlist listing every rendition of a presentation. Pure functions.
 */
import { SEGMENT_SECONDS } from "../asset-layout.ts";
import type { Presentation } from "../presentation.ts";
import { INIT_FILE_NAME, segmentFileName, type MediaTrack } from "./media-track.ts";

const AUDIO_GROUP = "audio";
const SUBTITLE_GROUP = "subs";

/**
 * A media playlist for one CMAF track; URIs are relative to the playlist,
 * which lives in the track's folder. A finished track is a VOD playlist; a
 * track still growing (chunks still landing) is an EVENT playlist without
 * an end, which players reload and extend, and whose target duration is
 * fixed up front (RFC 8216 forbids it to change).
 *
 * @example
 * writeFile("video/240p/index.m3u8", mediaPlaylist(track));
 * writeFile("video/240p/index.m3u8", mediaPlaylist(track, { ended: false }));
 */
export function mediaPlaylist(
  track: MediaTrack,
  options: { ended: boolean } = { ended: true },
): string {
  const seconds = track.segments.map((s) => s.duration / track.timescale);
  return [
    ...playlistHeader(seconds, options.ended ? "VOD" : "EVENT"),
    "#EXT-X-INDEPENDENT-SEGMENTS",
    `#EXT-X-MAP:URI="${INIT_FILE_NAME}"`,
    ...seconds.flatMap((d, i) => [`#EXTINF:${d.toFixed(6)},`, segmentFileName(i)]),
    ...(options.ended ? ["#EXT-X-ENDLIST"] : []),
    "",
  ].join("\n");
}

/**
 * A playlist whose one segment is a whole WebVTT file.
 *
 * @example
 * subtitlePlaylist("s0-en.vtt", 63.2);
 */
export function subtitlePlaylist(vttFileName: string, durationSeconds: number): string {
  return [
    ...playlistHeader([durationSeconds], "VOD"),
    `#EXTINF:${durationSeconds.toFixed(6)},`,
    vttFileName,
    "#EXT-X-ENDLIST",
    "",
  ].join("\n");
}

function playlistHeader(segmentSeconds: readonly number[], type: "VOD" | "EVENT"): string[] {
  // Rounded to microseconds first so float noise (4.0000000001) cannot add a second.
  const longest = Math.max(1, ...segmentSeconds.map((d) => Math.round(d * 1e6) / 1e6));
  // A growing playlist cannot know its longest segment yet: segments are cut every
  // SEGMENT_SECONDS on the frame grid, so none is more than a second longer.
  const target = type === "EVENT" ? SEGMENT_SECONDS + 1 : Math.ceil(longest);
  return [
    "#EXTM3U",
    "#EXT-X-VERSION:7",
    `#EXT-X-TARGETDURATION:${target}`,
    "#EXT-X-MEDIA-SEQUENCE:0",
    `#EXT-X-PLAYLIST-TYPE:${type}`,
  ];
}

/**
 * The master playlist: every audio rendition and subtitle track as a
 * rendition group, one variant per video rung. A variant's bandwidth counts
 * the most demanding audio rendition, since a player may pick any of them.
 *
 * @example
 * writeFile("master.m3u8", masterPlaylist(presentation));
 */
export function masterPlaylist(presentation: Presentation): string {
  const { audio, subtitles } = presentation;
  const audioPeak = Math.max(0, ...audio.map((a) => a.bandwidth));
  const audioAverage = Math.max(0, ...audio.map((a) => a.averageBandwidth));
  const audioCodecs = audio[0]?.codecs;
  const lines = ["#EXTM3U", "#EXT-X-VERSION:7", "#EXT-X-INDEPENDENT-SEGMENTS"];
  for (const a of audio) {
    lines.push(
      `#EXT-X-MEDIA:${attributes([
        ["TYPE", "AUDIO"],
        ["GROUP-ID", quoted(AUDIO_GROUP)],
        ["NAME", quoted(a.name)],
        ["LANGUAGE", quoted(a.language)],
        ["DEFAULT", a.default ? "YES" : "NO"],
        ["AUTOSELECT", "YES"],
        ["CHANNELS", quoted(String(a.channels))],
        ["URI", quoted(a.playlist)],
      ])}`,
    );
  }
  for (const s of subtitles) {
    lines.push(
      `#EXT-X-MEDIA:${attributes([
        ["TYPE", "SUBTITLES"],
        ["GROUP-ID", quoted(SUBTITLE_GROUP)],
        ["NAME", quoted(s.label)],
        ["LANGUAGE", quoted(s.language)],
        ["DEFAULT", "NO"],
        ["AUTOSELECT", "YES"],
        ["FORCED", "NO"],
        ["URI", quoted(s.playlist)],
      ])}`,
    );
  }
  for (const v of presentation.video) {
    lines.push(
      `#EXT-X-STREAM-INF:${attributes([
        ["BANDWIDTH", String(v.bandwidth + audioPeak)],
        ["AVERAGE-BANDWIDTH", String(v.averageBandwidth + audioAverage)],
        ["CODECS", quoted(audioCodecs ? `${v.codecs},${audioCodecs}` : v.codecs)],
        ["RESOLUTION", `${v.width}x${v.height}`],
        ["FRAME-RATE", v.frameRate.toFixed(3)],
        ...(audio.length ? [["AUDIO", quoted(AUDIO_GROUP)] as const] : []),
        ...(subtitles.length ? [["SUBTITLES", quoted(SUBTITLE_GROUP)] as const] : []),
      ])}`,
      v.playlist,
    );
  }
  return `${lines.join("\n")}\n`;
}

function attributes(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([key, value]) => `${key}=${value}`).join(",");
}

/** A quoted-string may not hold a double quote or a line break (RFC 8216 §4.2). */
function quoted(value: string): string {
  return `"${value.replace(/["\r\n]/g, (c) => (c === '"' ? "'" : " "))}"`;
}
