/**
 * Per-viewer manifests: the HLS master playlist and the DASH MPD the ingest
 * Worker assembled (lib/media/manifests/), with the video renditions
 * taller than the viewer may get taken out. The lowest rendition is always
 * kept, so a manifest never ends up empty. Only the master and the MPD list
 * renditions; media playlists and segments need no rewriting, because their
 * URLs are relative and inherit the grant from the path they came from.
 *
 * Rendition folders are named by height (`video/720p/…`), so the segment
 * route can tell whether a path is in a viewer's scope without a lookup.
 */

const RESOLUTION = /RESOLUTION=\d+x(\d+)/;

/** The HLS master playlist without variants taller than `maxHeight`. */
export function filterHlsMaster(playlist: string, maxHeight: number): string {
  const lines = playlist.split("\n");
  const heights = lines
    .map((line) => (line.startsWith("#EXT-X-STREAM-INF:") ? heightOf(RESOLUTION, line) : null))
    .filter((height): height is number => height !== null);
  const keep = allowedHeight(heights, maxHeight);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith("#EXT-X-STREAM-INF:") && !keep(heightOf(RESOLUTION, line))) {
      i++; // and its URI line
      continue;
    }
    out.push(line);
  }
  return out.join("\n");
}

const REPRESENTATION = /<Representation\b[^>]*>[\s\S]*?<\/Representation>\s*/g;
const HEIGHT_ATTRIBUTE = /^<Representation\b[^>]*\sheight="(\d+)"/;

/** The DASH MPD without video Representations taller than `maxHeight`. */
export function filterDashMpd(mpd: string, maxHeight: number): string {
  const heights = [...mpd.matchAll(REPRESENTATION)]
    .map((match) => heightOf(HEIGHT_ATTRIBUTE, match[0]))
    .filter((height): height is number => height !== null);
  const keep = allowedHeight(heights, maxHeight);
  // Audio and text Representations have no height and are always kept.
  return mpd.replace(REPRESENTATION, (representation) => {
    const height = heightOf(HEIGHT_ATTRIBUTE, representation);
    return height === null || keep(height) ? representation : "";
  });
}

/** The height of a rendition folder's files (`video/720p/seg-00001.m4s` → 720); null for others. */
export function renditionHeightOfPath(path: string): number | null {
  return heightOf(/^video\/(\d+)p\//, path);
}

function heightOf(pattern: RegExp, text: string): number | null {
  const match = pattern.exec(text);
  return match ? Number(match[1]) : null;
}

/** Whether a height may be listed: within the cap, or the lowest one there is. */
function allowedHeight(heights: number[], maxHeight: number) {
  const lowest = Math.min(...heights);
  return (height: number | null) => height === null || height <= maxHeight || height === lowest;
}
