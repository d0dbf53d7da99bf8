/**
 * Moving a chunk's segment onto the film's timeline, on segments built box
 * by box here (both versions of sidx and tfdt), read back with the box
 * reader.
 */
import { describe, expect, it } from "vitest";
import { boxes, parseSegment, type InitInfo } from "../src/media/bmff.ts";
import { retimeSegment } from "../src/media/segment-retime.ts";
import { fragmentSequence } from "./output-checks.ts";

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length);
  header.write(type, 4, "latin1");
  return Buffer.concat([header, body]);
}

const uint32 = (...values: number[]) => {
  const bytes = Buffer.alloc(4 * values.length);
  values.forEach((value, i) => bytes.writeUInt32BE(value, 4 * i));
  return bytes;
};
const uint64 = (value: bigint) => {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(value);
  return bytes;
};
/** A full box's version and flags. */
const versionFlags = (version: number, flags = 0) => uint32((version << 24) | flags);

const TIMESCALE = 30000;
const FRAME = 1001;
const INIT: InitInfo = {
  timescale: TIMESCALE,
  codecs: "avc1.64000d",
  defaults: { duration: 0, flags: 0 },
};

/** styp, sidx, then `fragments` (default 1) × moof (mfhd, traf: tfhd, tfdt, trun of `frames` samples) and mdat. */
function segment(options: {
  version: 0 | 1;
  start: number;
  sequence: number;
  frames: number;
  fragments?: number;
}) {
  const { version, start, sequence, frames, fragments = 1 } = options;
  const time = (value: number) => (version === 1 ? uint64(BigInt(value)) : uint32(value));
  const sidx = box(
    "sidx",
    versionFlags(version),
    uint32(1, TIMESCALE),
    time(start),
    time(0),
    uint32(1, 1234, frames * FRAME, 0x90000000),
  );
  const trun = box(
    "trun",
    versionFlags(0, 0x100 | 0x001),
    uint32(frames, 0),
    ...Array.from({ length: frames }, () => uint32(FRAME)),
  );
  const traf = box(
    "traf",
    box("tfhd", versionFlags(0, 0x020000), uint32(1)),
    box("tfdt", versionFlags(version), time(start)),
    trun,
  );
  const moof = box("moof", box("mfhd", versionFlags(0), uint32(sequence)), traf);
  const mdat = box("mdat", Buffer.from("frames go here"));
  const styp = box("styp", Buffer.from("msdh0000msdhmsix", "latin1"));
  return Buffer.concat([
    styp,
    sidx,
    ...Array.from({ length: fragments }, () => [moof, mdat]).flat(),
  ]);
}

/** The sidx's earliest_presentation_time, read with the box reader. */
function sidxTime(bytes: Buffer): bigint {
  const sidx = boxes(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)).find(
    (b) => b.type === "sidx",
  )!;
  return sidx.body.getUint8(0) === 1 ? sidx.body.getBigUint64(12) : BigInt(sidx.body.getUint32(12));
}

describe("retimeSegment", () => {
  it.each([0, 1] as const)(
    "adds the chunk's start to tfdt and sidx (version %i) and numbers the fragment in the film",
    (version) => {
      const bytes = segment({ version, start: 120 * FRAME, sequence: 2, frames: 120 });
      const before = Buffer.from(bytes);
      retimeSegment(bytes, { offsetTicks: 720 * FRAME, timescale: TIMESCALE, segment: 7 });
      const retimed = parseSegment(bytes, INIT);
      expect(retimed.baseMediaDecodeTime).toBe(840 * FRAME);
      expect(retimed.duration).toBe(120 * FRAME);
      expect(sidxTime(bytes)).toBe(BigInt(840 * FRAME));
      expect(fragmentSequence(bytes)).toBe(8);
      // Nothing changes size, and the media data is untouched.
      expect(bytes.length).toBe(before.length);
      expect(bytes.subarray(-22).equals(before.subarray(-22))).toBe(true);
    },
  );

  it("carries 64-bit times past 2^32", () => {
    const bytes = segment({ version: 1, start: 0, sequence: 1, frames: 1 });
    retimeSegment(bytes, { offsetTicks: 2 ** 33, timescale: TIMESCALE, segment: 0 });
    expect(parseSegment(bytes, INIT).baseMediaDecodeTime).toBe(2 ** 33);
  });

  it("refuses what it cannot rewrite in place", () => {
    const version0 = segment({ version: 0, start: 0, sequence: 1, frames: 1 });
    expect(() =>
      retimeSegment(version0, { offsetTicks: 2 ** 32, timescale: TIMESCALE, segment: 0 }),
    ).toThrow(/does not fit in a version 0 box/);
    const other = segment({ version: 1, start: 0, sequence: 1, frames: 1 });
    expect(() => retimeSegment(other, { offsetTicks: 0, timescale: 90000, segment: 0 })).toThrow(
      /sidx timescale 30000 is not the track's 90000/,
    );
    const twoFragments = segment({ version: 1, start: 0, sequence: 1, frames: 1, fragments: 2 });
    expect(() =>
      retimeSegment(twoFragments, { offsetTicks: 0, timescale: TIMESCALE, segment: 0 }),
    ).toThrow(/2 fragments/);
  });
});
