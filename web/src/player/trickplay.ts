/**
 * Trickplay previews: the WebVTT index the transcoder writes (one cue per
 * 10 s, pointing into a sprite sheet with `#xywh=`), parsed into a lookup
 * by time. Sprite URLs are resolved against the index's URL, so they carry
 * the grant the same way segments do.
 */
export interface Thumbnail {
  url: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Cue extends Thumbnail {
  start: number;
  end: number;
}

const TIMESTAMP = /(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})/;

function seconds(stamp: string): number {
  const match = TIMESTAMP.exec(stamp);
  if (!match) return Number.NaN;
  const [, h = "0", m = "0", s = "0", ms = "0"] = match;
  return Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
}

/** The cues of a thumbnails WebVTT file at `indexUrl`. */
export function parseThumbnails(vtt: string, indexUrl: string): Cue[] {
  const cues: Cue[] = [];
  for (const block of vtt.split(/\r?\n\r?\n/)) {
    const lines = block.split(/\r?\n/);
    const timing = lines.findIndex((line) => line.includes("-->"));
    const target = lines[timing + 1];
    if (timing < 0 || !target) continue;
    const [from = "", to = ""] = lines[timing]!.split("-->");
    const [file = "", fragment = ""] = target.trim().split("#xywh=");
    const [x = 0, y = 0, width = 0, height = 0] = fragment.split(",").map(Number);
    cues.push({
      start: seconds(from),
      end: seconds(to),
      url: new URL(file, new URL(indexUrl, location.href)).href,
      x,
      y,
      width,
      height,
    });
  }
  return cues;
}

/** The thumbnail showing `time`, if any. */
export function thumbnailAt(cues: readonly Cue[], time: number): Thumbnail | null {
  return cues.find((cue) => time >= cue.start && time < cue.end) ?? null;
}
