/**
 * What an upload is, from its first bytes, never from its name: a renamed
 * text file must not reach the transcoder, and a real master with an odd
 * extension must not be refused. The containers are the ones ffmpeg's
 * demuxers take that masters arrive in; subtitles are WebVTT or SubRip.
 */

/** How many leading bytes the checks need (an MPEG-TS stream shows three sync bytes in 377). */
export const SNIFF_BYTES = 512;

export const VIDEO_CONTAINERS = ["mp4", "quicktime", "matroska", "webm", "mpegts", "avi", "mxf"];
export type VideoContainer = (typeof VIDEO_CONTAINERS)[number];

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  signature.every((byte, index) => bytes[at + index] === byte);

// ISO BMFF files open with one of these boxes (ftyp first in anything written since 2004).
const BMFF_FIRST_BOXES = new Set(["ftyp", "moov", "mdat", "free", "skip", "wide", "pnot"]);
const EBML = [0x1a, 0x45, 0xdf, 0xa3];
const MXF_PARTITION_KEY = [0x06, 0x0e, 0x2b, 0x34, 0x02, 0x05, 0x01, 0x01, 0x0d, 0x01, 0x02];
const TS_PACKET = 188;

function bmffBrand(bytes: Uint8Array): VideoContainer | null {
  if (bytes.length < 12 || !BMFF_FIRST_BOXES.has(ascii(bytes, 4, 4))) return null;
  return ascii(bytes, 4, 4) === "ftyp" && ascii(bytes, 8, 4) === "qt  " ? "quicktime" : "mp4";
}

/**
 * The video container the bytes start with, or null.
 *
 * @example
 * detectVideoContainer(firstBytes) // "mp4"
 */
export function detectVideoContainer(bytes: Uint8Array): VideoContainer | null {
  const bmff = bmffBrand(bytes);
  if (bmff) return bmff;
  if (startsWith(bytes, EBML)) {
    // The DocType element names the flavour within the EBML header.
    return ascii(bytes, 0, Math.min(bytes.length, 64)).includes("webm") ? "webm" : "matroska";
  }
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "AVI ") return "avi";
  if (startsWith(bytes, MXF_PARTITION_KEY)) return "mxf";
  if (
    bytes.length > 2 * TS_PACKET &&
    [0, TS_PACKET, 2 * TS_PACKET].every((offset) => bytes[offset] === 0x47)
  ) {
    return "mpegts";
  }
  return null;
}

const SRT_CUE = /^\d+\r?\n\d{1,2}:\d{2}:\d{2}[,.]\d{3} --> \d{1,2}:\d{2}:\d{2}[,.]\d{3}/;

/** "webvtt" or "srt" when the bytes start like one (after an optional UTF-8 BOM), else null. */
export function detectSubtitleFormat(bytes: Uint8Array): "webvtt" | "srt" | null {
  const text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false })
    .decode(bytes.subarray(0, SNIFF_BYTES))
    .replace(/^\uFEFF/, "");
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(text)) return "webvtt";
  if (SRT_CUE.test(text.trimStart())) return "srt";
  return null;
}

/**
 * Whether an MP4/QuickTime file's index (`moov`) comes before its media
 * (`mdat`): a "fast-start" file, which ffmpeg can read and seek in while
 * the rest of it is still uploading. Walks the top-level box headers in
 * `bytes` (the file's start); false when mdat comes first, when the file is
 * not ISO BMFF, or when the answer lies past the bytes given.
 *
 * @example
 * mp4IndexAtFront(firstPart) // true for `ffmpeg -movflags +faststart` output
 */
export function mp4IndexAtFront(bytes: Uint8Array): boolean {
  if (!bmffBrand(bytes)) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  while (offset + 8 <= bytes.byteLength) {
    const type = ascii(bytes, offset + 4, 4);
    if (type === "moov") return true;
    if (type === "mdat") return false;
    let size = view.getUint32(offset);
    if (size === 1) {
      if (offset + 16 > bytes.byteLength) return false;
      size = Number(view.getBigUint64(offset + 8));
    }
    if (size < 8) return false;
    offset += size;
  }
  return false;
}
