/**
 * The relative path of every output, as lib/media/asset-layout.ts lays them
 * out. Commands, manifests and the pipeline all name files through here, so
 * the layout is written down once.
 */

export const MASTER_PLAYLIST = "master.m3u8";
export const DASH_MANIFEST = "manifest.mpd";
export const POSTER = "poster.jpg";
export const TRICKPLAY_DIR = "trickplay";
export const THUMBNAILS_INDEX = `${TRICKPLAY_DIR}/thumbnails.vtt`;
export const SUBTITLES_DIR = "subtitles";

// A track's files are named in the shared layout, which the playback route reads too.
export {
  initSegmentPath,
  mediaPlaylistPath,
  mediaSegmentPath,
  trackDir,
} from "../../../lib/media/asset-layout.ts";
export const spritePath = (n: number) => `${TRICKPLAY_DIR}/sprite-${pad(n, 3)}.jpg`;
export const subtitlePath = (id: string) => `${SUBTITLES_DIR}/${id}.vtt`;
export const subtitlePlaylistPath = (id: string) => `${SUBTITLES_DIR}/${id}.m3u8`;

/** The same names as ffmpeg output patterns (image2 and the hls muxer expand `%0Nd`). */
export const MEDIA_SEGMENT_PATTERN = "seg-%05d.m4s";
export const SPRITE_PATTERN = `${TRICKPLAY_DIR}/sprite-%03d.jpg`;

const pad = (n: number, width: number) => String(n).padStart(width, "0");
