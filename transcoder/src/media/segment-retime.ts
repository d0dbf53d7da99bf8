/**
 * Moves a media segment that was encoded as part of one chunk onto the
 * film's timeline. A chunk's encode starts its clock and its fragment count
 * at zero; joined after the segments of earlier chunks, its segments must
 * carry the film's times and numbers instead, or players (and ffmpeg's own
 * mov demuxer, which stops reading a joined track after the first chunk)
 * see the timeline jump back. Three fields change, in place, found by
 * walking the boxes (never by searching for their names in the bytes):
 *
 *     sidx.earliest_presentation_time   + offset
 *     moof/traf/tfdt.baseMediaDecodeTime + offset
 *     moof/mfhd.sequence_number          = the film's segment number + 1
 *
 * Nothing changes size, so every byte offset in the segment stays valid.
 */
import { boxes, type Box } from "./bmff.ts";

export interface Retiming {
  /** Added to every time, in units of the track's timescale. */
  offsetTicks: number;
  /** The track's timescale (from its init segment); the sidx must use the same. */
  timescale: number;
  /** The segment's number in the film, from 0. */
  segment: number;
}

const UINT32_MAX = 0xffffffffn;

/**
 * Rewrites the segment's times and sequence number in `bytes`.
 *
 * @example
 * // Chunk 3 starts at frame 720 of a 30000/1001 film whose track timescale is 30000.
 * retimeSegment(bytes, { offsetTicks: 720 * 1001, timescale: 30000, segment: 6 });
 */
export function retimeSegment(bytes: Uint8Array, retiming: Retiming): void {
  const offset = BigInt(retiming.offsetTicks);
  const top = boxes(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const moofs = top.filter((box) => box.type === "moof");
  // One fragment per segment is what the hls muxer writes; more would need a numbering scheme of their own.
  if (moofs.length !== 1) throw new Error(`A segment with ${moofs.length} fragments`);
  for (const sidx of top.filter((box) => box.type === "sidx")) {
    const timescale = sidx.body.getUint32(8);
    if (timescale !== retiming.timescale) {
      throw new Error(`sidx timescale ${timescale} is not the track's ${retiming.timescale}`);
    }
    addToTime(sidx, 12, offset, "sidx earliest_presentation_time");
  }
  const children = boxes(moofs[0]!.body);
  const mfhd = children.find((box) => box.type === "mfhd");
  if (!mfhd) throw new Error("moof without mfhd");
  mfhd.body.setUint32(4, retiming.segment + 1);
  for (const traf of children.filter((box) => box.type === "traf")) {
    const tfdt = boxes(traf.body).find((box) => box.type === "tfdt");
    if (!tfdt) throw new Error("traf without tfdt");
    addToTime(tfdt, 4, offset, "tfdt baseMediaDecodeTime");
  }
}

/** Adds `offset` to the time at `at` in a full box's body: 64 bits in version 1, 32 in version 0. */
function addToTime(box: Box, at: number, offset: bigint, field: string): void {
  if (box.body.getUint8(0) === 1) {
    box.body.setBigUint64(at, box.body.getBigUint64(at) + offset);
    return;
  }
  const time = BigInt(box.body.getUint32(at)) + offset;
  if (time > UINT32_MAX) throw new Error(`${field} ${time} does not fit in a version 0 box`);
  box.body.setUint32(at, Number(time));
}
