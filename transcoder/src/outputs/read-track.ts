/**
 * Reads an encoded CMAF track back from disk: its init segment and the timing
 * of every media segment. Only each segment's moof boxes are read (a few KB),
 * never the media data, so this stays cheap for hours of video.
 */
import { open, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseInit, parseSegment, type InitInfo } from "../media/bmff.ts";
import { initSegmentPath } from "../media/output-paths.ts";
import { segmentFileName, type MediaTrack } from "../manifests/media-track.ts";
import { trackFileOrder } from "./output-watcher.ts";

export interface EncodedTrack {
  init: InitInfo;
  track: MediaTrack;
}

/**
 * @example
 * const { init, track } = await readTrack(outputDir, "video/240p");
 */
export async function readTrack(outputDir: string, dir: string): Promise<EncodedTrack> {
  const init = parseInit(await readFile(join(outputDir, initSegmentPath(dir))));
  const count = (await readdir(join(outputDir, dir))).filter(
    (name) => (trackFileOrder(name) ?? -1) >= 0,
  ).length;
  const segments = [];
  for (let n = 0; n < count; n++) {
    const { moofs, size } = await readMoofs(join(outputDir, dir, segmentFileName(n)));
    const segment = parseSegment(moofs, init, size);
    segments.push({
      baseMediaDecodeTime: segment.baseMediaDecodeTime,
      duration: segment.duration,
      size,
    });
  }
  return { init, track: { dir, timescale: init.timescale, sampleRate: init.sampleRate, segments } };
}

/** The file's top-level moof boxes, found by walking box headers, and the file's size. */
async function readMoofs(path: string): Promise<{ moofs: Uint8Array; size: number }> {
  const file = await open(path);
  try {
    const { size } = await file.stat();
    const moofs: Buffer[] = [];
    const header = Buffer.alloc(16);
    let offset = 0;
    while (offset + 8 <= size) {
      await file.read(header, 0, 16, offset);
      let boxSize = header.readUInt32BE(0);
      if (boxSize === 1) boxSize = Number(header.readBigUInt64BE(8));
      else if (boxSize === 0) boxSize = size - offset;
      if (boxSize < 8) throw new Error(`Bad box size in ${path}`);
      if (header.toString("latin1", 4, 8) === "moof") {
        const box = Buffer.alloc(boxSize);
        await file.read(box, 0, boxSize, offset);
        moofs.push(box);
      }
      offset += boxSize;
    }
    return { moofs: Buffer.concat(moofs), size };
  } finally {
    await file.close();
  }
}
