/**
 * The little of HLS a simulated viewer reads, as hls.js would at startLevel
 * 0: the master's lowest variant and the default audio rendition of its
 * group, then each media playlist's init segment and segments. Paths are
 * relative to the asset's folder (the part of a stream URL after the grant).
 */

export interface Variant {
  playlist: string;
  height: number;
  bitrateKbps: number;
  /** The default audio rendition's playlist, when the variant names an audio group. */
  audioPlaylist: string | null;
}

export interface MediaTrack {
  init: string;
  segments: { path: string; seconds: number }[];
}

/** `uri` resolved against the playlist at `from` (both relative to the asset). */
const resolve = (uri: string, from: string) =>
  new URL(uri, `http://asset/${from}`).pathname.slice(1);

function attributes(line: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, name, quoted, bare] of line.matchAll(/([A-Z0-9-]+)=(?:"([^"]*)"|([^,]*))/g)) {
    found.set(name!, quoted ?? bare ?? "");
  }
  return found;
}

/** The lowest-bandwidth variant of a master playlist (at `path`), with its default audio. */
export function lowestVariant(master: string, path: string): Variant {
  const lines = master.split("\n").map((line) => line.trim());
  const variants: (Variant & { audioGroup: string | undefined })[] = [];
  for (const [index, line] of lines.entries()) {
    if (!line.startsWith("#EXT-X-STREAM-INF:")) continue;
    const attrs = attributes(line);
    const height = Number(attrs.get("RESOLUTION")?.split("x")[1] ?? 0);
    variants.push({
      playlist: resolve(lines[index + 1]!, path),
      height,
      bitrateKbps: Math.round(Number(attrs.get("BANDWIDTH") ?? 0) / 1000),
      audioGroup: attrs.get("AUDIO"),
      audioPlaylist: null,
    });
  }
  const lowest = variants.sort((a, b) => a.bitrateKbps - b.bitrateKbps)[0];
  if (!lowest) throw new Error("the master playlist has no variant");
  const audio = lines
    .filter((line) => line.startsWith("#EXT-X-MEDIA:"))
    .map(attributes)
    .filter((attrs) => attrs.get("TYPE") === "AUDIO" && attrs.get("GROUP-ID") === lowest.audioGroup)
    .sort((a, b) => Number(b.get("DEFAULT") === "YES") - Number(a.get("DEFAULT") === "YES"))[0];
  const uri = audio?.get("URI");
  return { ...lowest, audioPlaylist: uri ? resolve(uri, path) : null };
}

/** A VOD media playlist's init segment and segments (at `path`). */
export function mediaTrack(playlist: string, path: string): MediaTrack {
  let init: string | null = null;
  let seconds = 0;
  const segments: MediaTrack["segments"] = [];
  for (const raw of playlist.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("#EXT-X-MAP:")) init = resolve(attributes(line).get("URI")!, path);
    else if (line.startsWith("#EXTINF:")) seconds = Number.parseFloat(line.slice(8));
    else if (line && !line.startsWith("#")) segments.push({ path: resolve(line, path), seconds });
  }
  if (!init || segments.length === 0) throw new Error(`${path} has no init segment or segments`);
  return { init, segments };
}
