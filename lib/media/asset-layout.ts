/**
 * Where an asset's files live, in one place. Upload sources and transcoded
 * outputs are kept apart so that failing or cancelling a job can remove an
 * asset's outputs (everything under its prefix) and keep the source.
 *
 * Inside an asset's folder the transcoder writes (paths relative to it):
 *
 *     master.m3u8, manifest.mpd            the HLS master playlist and DASH MPD
 *     video/<rung>/init.mp4, seg-NNNNN.m4s one CMAF track per rung, and its index.m3u8
 *     audio/<id>/init.mp4, seg-NNNNN.m4s   one CMAF track per source audio stream
 *     subtitles/<id>.vtt, <id>.m3u8        WebVTT and its HLS playlist
 *     poster.jpg
 *     trickplay/sprite-NNNNN.jpg, thumbnails.vtt  one sprite sheet per chunk
 *     analysis/markers.json                 the markers task's findings (not served)
 *
 * The same relative paths are used on every attempt, so a retried job
 * overwrites its earlier outputs instead of leaving a second copy.
 */

/** Every CMAF segment is this long (keyframes are forced on this grid), the last one shorter. */
export const SEGMENT_SECONDS = 4;

/** The folder of one CMAF track: `video/240p`, `audio/a0-en`. */
export const trackDir = (kind: "video" | "audio", id: string) => `${kind}/${id}`;
export const initSegmentPath = (dir: string) => `${dir}/init.mp4`;
export const mediaSegmentPath = (dir: string, n: number) =>
  `${dir}/seg-${String(n).padStart(5, "0")}.m4s`;
export const mediaPlaylistPath = (dir: string) => `${dir}/index.m3u8`;

/**
 * An upload's bytes, kept after transcoding (the master is the source of
 * truth): fixed-size R2 objects `sources/<uploadId>/part-NNNNNN`, numbered
 * from 0, every one but the last exactly the upload's part size. Each is
 * readable as soon as it is written (the parts of an R2 multipart upload are
 * not, until the whole upload completes), so a master can be transcoded
 * while the rest of it is still arriving.
 */
export const sourcePrefix = (uploadId: string) => `sources/${uploadId}/`;
export const sourcePartKey = (uploadId: string, part: number) =>
  `${sourcePrefix(uploadId)}part-${String(part).padStart(6, "0")}`;

export const MASTER_PLAYLIST = "master.m3u8";
export const DASH_MANIFEST = "manifest.mpd";
export const POSTER = "poster.jpg";
export const TRICKPLAY_DIR = "trickplay";
export const THUMBNAILS_INDEX = `${TRICKPLAY_DIR}/thumbnails.vtt`;
export const SUBTITLES_DIR = "subtitles";
/** One sheet of scrubbing thumbnails per chunk, numbered by the chunk. */
export const spritePath = (n: number) =>
  `${TRICKPLAY_DIR}/sprite-${String(n).padStart(5, "0")}.jpg`;
export const subtitlePath = (id: string) => `${SUBTITLES_DIR}/${id}.vtt`;
export const subtitlePlaylistPath = (id: string) => `${SUBTITLES_DIR}/${id}.m3u8`;

/**
 * What the markers task found (credits, the intro's audio fingerprint),
 * kept with the asset so markers can be found again when it is attached to
 * another episode. JSON is not an output type, so the stream route never
 * serves it.
 */
export const MARKERS_ANALYSIS = "analysis/markers.json";

/** The R2 prefix of an asset's outputs, with its trailing slash. */
export const assetPrefix = (assetId: string) => `media/${assetId}/`;

/** The R2 key of one of an asset's outputs. */
export const assetKey = (assetId: string, path: string) => `${assetPrefix(assetId)}${path}`;

/** Content types of the outputs, by extension; anything else is refused. */
export const OUTPUT_CONTENT_TYPES: Record<string, string> = {
  m3u8: "application/vnd.apple.mpegurl",
  mpd: "application/dash+xml",
  mp4: "video/mp4",
  m4s: "video/iso.segment",
  vtt: "text/vtt; charset=utf-8",
  jpg: "image/jpeg",
};

/** An audio track's init and media segments: audio-only fragmented MP4 (RFC 6381). */
const AUDIO_MEDIA_TYPE = "audio/mp4";

/** The content type of an output path, or null when the extension is not one we write. */
export function outputContentType(path: string): string | null {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return null;
  const extension = name.slice(dot + 1);
  if (!Object.hasOwn(OUTPUT_CONTENT_TYPES, extension)) return null;
  const audio =
    path.startsWith(trackDir("audio", "")) && (extension === "mp4" || extension === "m4s");
  return audio ? AUDIO_MEDIA_TYPE : OUTPUT_CONTENT_TYPES[extension]!;
}

/**
 * Playlists and manifests are rewritten while a title grows (segments
 * appended as chunks land, rungs added as they finish), so they must not be
 * cached for long; everything else is written once per path and never changes.
 */
export function isRewrittenOutput(path: string): boolean {
  return path.endsWith(".m3u8") || path.endsWith(".mpd");
}
