/**
 * Reads the facts the ingest Worker builds playlists and manifests from
 * back out of CMAF files as written: an init segment's timescale and codec,
 * a media segment's exact start, duration and size. Only a segment's moof
 * boxes are read (a few KB), never its media data.
 */
import { open, readFile } from "node:fs/promises";
import type { InitFacts, SegmentFacts } from "../../../lib/ingest/task-protocol.ts";
import { parseInit, parseSegment, type InitInfo } from "../media/bmff.ts";

/**
 * An init segment, parsed.
 *
 * @example
 * const init = await readInit("/work/out/audio/a0-en/init.mp4");
 */
export async function readInit(file: string): Promise<InitInfo> {
  return parseInit(await readFile(file));
}

/**
 * What the protocol reports of an init segment.
 *
 * @example
 * initFacts(init); // { timescale: 48000, codecs: "mp4a.40.2", channels: 2, sampleRate: 48000 }
 */
export function initFacts(init: InitInfo): InitFacts {
  const { timescale, codecs, width, height, channels, sampleRate } = init;
  const facts: InitFacts = { timescale, codecs };
  if (width) facts.width = width;
  if (height) facts.height = height;
  if (channels) facts.channels = channels;
  if (sampleRate) facts.sampleRate = sampleRate;
  return facts;
}

/**
 * One media segment's facts, as segment `number` of its track.
 *
 * @example
 * await readSegmentFacts("/work/out/audio/a0-en/seg-00003.m4s", init, 3);
 * // { number: 3, baseMediaDecodeTime: 576000, duration: 192512, size: 33107 }
 */
export async function readSegmentFacts(
  file: string,
  init: InitInfo,
  number: number,
): Promise<SegmentFacts> {
  const { moofs, size } = await readMoofs(file);
  const { baseMediaDecodeTime, duration } = parseSegment(moofs, init, size);
  return { number, baseMediaDecodeTime, duration, size };
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
