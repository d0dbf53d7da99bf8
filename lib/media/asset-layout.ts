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
 *     trickplay/sprite-NNN.jpg, thumbnails.vtt
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

/** The R2 key of an upload's bytes (kept after transcoding; the master is the source of truth). */
export const sourceKey = (uploadId: string) => `sources/${uploadId}`;

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

/** The content type of an output path, or null when the extension is not one we write. */
export function outputContentType(path: string): string | null {
  const extension = path.slice(path.lastIndexOf(".") + 1);
  return OUTPUT_CONTENT_TYPES[extension] ?? null;
}

/**
 * Manifests are rewritten as rungs are added, so they must not be cached for
 * long; everything else is written once per path and never changes.
 */
export function isRewrittenOutput(path: string): boolean {
  return path === "master.m3u8" || path === "manifest.mpd";
}
