/**
 * A small ISO-BMFF (MP4) box reader for the CMAF files we write: enough of an
 * init segment for manifests (timescale, RFC 6381 codec string, picture size,
 * audio channels) and enough of a media segment for exact timing (start,
 * duration, whether it starts on a sync sample). Playlists are built from
 * these numbers rather than ffmpeg's rounded EXTINF values. The box walker
 * is shared with segment-retime.ts, which edits segments in place.
 */

export interface SampleDefaults {
  duration: number;
  flags: number;
}

export interface InitInfo {
  /** Units per second of the track's timestamps. */
  timescale: number;
  /** RFC 6381: "avc1.64001f", "mp4a.40.2". */
  codecs: string;
  width?: number;
  height?: number;
  channels?: number;
  sampleRate?: number;
  /** Defaults from `trex`, used when a fragment does not say. */
  defaults: SampleDefaults;
}

export interface SegmentInfo {
  /** `tfdt`: the first sample's decode time, in timescale units. */
  baseMediaDecodeTime: number;
  /** Sum of the sample durations, in timescale units. */
  duration: number;
  /** Bytes in the file. */
  size: number;
  startsWithSync: boolean;
}

export interface Box {
  type: string;
  /** The payload, after the size and type: a view on the caller's bytes, so writes land in them. */
  body: DataView;
}

/**
 * The boxes laid end to end in `view` (one level; walk a box's body for its children).
 *
 * @example
 * boxes(new DataView(bytes.buffer)).map((box) => box.type); // ["styp", "sidx", "moof", "mdat"]
 */
export function boxes(view: DataView): Box[] {
  const found: Box[] = [];
  let offset = 0;
  while (offset + 8 <= view.byteLength) {
    let size = view.getUint32(offset);
    const type = fourcc(view, offset + 4);
    let header = 8;
    if (size === 1) {
      size = Number(view.getBigUint64(offset + 8));
      header = 16;
    } else if (size === 0) {
      size = view.byteLength - offset;
    }
    if (size < header || offset + size > view.byteLength)
      throw new Error(`Truncated "${type}" box`);
    found.push({
      type,
      body: new DataView(view.buffer, view.byteOffset + offset + header, size - header),
    });
    offset += size;
  }
  return found;
}

/**
 * Whether a media segment holds any fragment (moof) at all.
 *
 * @example
 * holdsFragment(await readFile("seg-00000.m4s")); // true
 */
export function holdsFragment(bytes: Uint8Array): boolean {
  return boxes(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)).some(
    (box) => box.type === "moof",
  );
}

/** The first box along a path of types, each inside the one before. */
function find(view: DataView, ...path: string[]): Box | undefined {
  let box: Box | undefined;
  let within = view;
  for (const type of path) {
    box = boxes(within).find((b) => b.type === type);
    if (!box) return undefined;
    within = box.body;
  }
  return box;
}

function fourcc(view: DataView, offset: number): string {
  return String.fromCharCode(...[0, 1, 2, 3].map((i) => view.getUint8(offset + i)));
}

const slice = (view: DataView, from: number, length = view.byteLength - from) =>
  new DataView(view.buffer, view.byteOffset + from, length);

/**
 * @example
 * const init = parseInit(await readFile("video/240p/init.mp4"));
 * init.codecs; // "avc1.640015"
 */
export function parseInit(bytes: Uint8Array): InitInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const mdhd = find(view, "moov", "trak", "mdia", "mdhd");
  const stsd = find(view, "moov", "trak", "mdia", "minf", "stbl", "stsd");
  if (!mdhd || !stsd) throw new Error("Not an init segment: no mdhd or stsd");
  const timescale = mdhd.body.getUint32(mdhd.body.getUint8(0) === 1 ? 20 : 12);
  const trex = find(view, "moov", "mvex", "trex");
  const defaults = {
    duration: trex ? trex.body.getUint32(12) : 0,
    flags: trex ? trex.body.getUint32(20) : 0,
  };
  // stsd is a full box with an entry count; the first sample entry is what we need.
  const [entry] = boxes(slice(stsd.body, 8));
  if (!entry) throw new Error("Init segment has no sample entry");
  if (entry.type === "avc1" || entry.type === "avc3") {
    const avcC = find(slice(entry.body, 78), "avcC");
    if (!avcC) throw new Error("avc1 sample entry without avcC");
    const hex = [1, 2, 3].map((i) => avcC.body.getUint8(i).toString(16).padStart(2, "0")).join("");
    return {
      timescale,
      codecs: `${entry.type}.${hex}`,
      width: entry.body.getUint16(24),
      height: entry.body.getUint16(26),
      defaults,
    };
  }
  if (entry.type === "mp4a") {
    const esds = find(slice(entry.body, 28), "esds");
    // The sample entry's channel count is always 2 in MP4 files from ffmpeg; the AAC config has the real one.
    const config = esds ? audioSpecificConfig(slice(esds.body, 4)) : undefined;
    return {
      timescale,
      codecs: `mp4a.40.${config?.objectType ?? 2}`,
      channels: config?.channels || entry.body.getUint16(16),
      sampleRate: entry.body.getUint32(24) >>> 16,
      defaults,
    };
  }
  throw new Error(`Unsupported sample entry "${entry.type}"`);
}

/**
 * The AAC object type and channel configuration from an ES descriptor
 * (ISO 14496-1 descriptors, then the AudioSpecificConfig of ISO 14496-3).
 */
function audioSpecificConfig(es: DataView): { objectType: number; channels: number } {
  let offset = 0;
  const descriptor = (tag: number) => {
    if (es.getUint8(offset) !== tag) throw new Error(`Expected descriptor ${tag}`);
    offset += 1;
    // Lengths are 7 bits per byte, high bit set on all but the last.
    for (let i = 0; i < 4 && es.getUint8(offset++) & 0x80; i++);
  };
  descriptor(0x03);
  const flags = es.getUint8(offset + 2);
  offset += 3;
  if (flags & 0x80) offset += 2;
  if (flags & 0x40) offset += 1 + es.getUint8(offset);
  if (flags & 0x20) offset += 2;
  descriptor(0x04);
  offset += 13;
  descriptor(0x05);
  let bit = offset * 8;
  const read = (bits: number) => {
    let value = 0;
    for (let i = 0; i < bits; i++, bit++)
      value = (value << 1) | ((es.getUint8(bit >> 3) >> (7 - (bit & 7))) & 1);
    return value;
  };
  let objectType = read(5);
  if (objectType === 31) objectType = 32 + read(6);
  if (read(4) === 15) read(24);
  return { objectType, channels: read(4) };
}

const TFHD_BASE_DATA_OFFSET = 0x01;
const TFHD_SAMPLE_DESCRIPTION = 0x02;
const TFHD_DEFAULT_DURATION = 0x08;
const TFHD_DEFAULT_SIZE = 0x10;
const TFHD_DEFAULT_FLAGS = 0x20;
const TRUN_DATA_OFFSET = 0x01;
const TRUN_FIRST_SAMPLE_FLAGS = 0x04;
const TRUN_DURATION = 0x100;
const TRUN_SIZE = 0x200;
const TRUN_FLAGS = 0x400;
const TRUN_CTO = 0x800;
/** sample_is_non_sync_sample, in the sample flags word. */
const NON_SYNC = 0x10000;

/**
 * Timing of a media segment (one or more moof+mdat pairs). `bytes` may hold
 * just the segment's moof boxes, with the file's `size` given separately.
 *
 * @example
 * const seg = parseSegment(await readFile("video/240p/seg-00000.m4s"), init);
 * seg.duration / init.timescale; // 4
 */
export function parseSegment(
  bytes: Uint8Array,
  init: InitInfo,
  size = bytes.byteLength,
): SegmentInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let baseMediaDecodeTime: number | undefined;
  let startsWithSync: boolean | undefined;
  let duration = 0;
  for (const moof of boxes(view).filter((b) => b.type === "moof")) {
    for (const traf of boxes(moof.body).filter((b) => b.type === "traf")) {
      const children = boxes(traf.body);
      const tfhd = children.find((b) => b.type === "tfhd");
      const tfdt = children.find((b) => b.type === "tfdt");
      if (!tfhd) throw new Error("traf without tfhd");
      const defaults = trackFragmentDefaults(tfhd.body, init.defaults);
      if (tfdt && baseMediaDecodeTime === undefined) {
        baseMediaDecodeTime =
          tfdt.body.getUint8(0) === 1 ? Number(tfdt.body.getBigUint64(4)) : tfdt.body.getUint32(4);
      }
      for (const trun of children.filter((b) => b.type === "trun")) {
        const run = readTrun(trun.body, defaults);
        duration += run.duration;
        startsWithSync ??= run.firstSync;
      }
    }
  }
  if (baseMediaDecodeTime === undefined) throw new Error("Not a media segment: no tfdt");
  return { baseMediaDecodeTime, duration, size, startsWithSync: startsWithSync ?? false };
}

function trackFragmentDefaults(tfhd: DataView, fallback: SampleDefaults): SampleDefaults {
  const flags = tfhd.getUint32(0) & 0xffffff;
  let offset = 8;
  if (flags & TFHD_BASE_DATA_OFFSET) offset += 8;
  if (flags & TFHD_SAMPLE_DESCRIPTION) offset += 4;
  let duration = fallback.duration;
  if (flags & TFHD_DEFAULT_DURATION) {
    duration = tfhd.getUint32(offset);
    offset += 4;
  }
  if (flags & TFHD_DEFAULT_SIZE) offset += 4;
  return { duration, flags: flags & TFHD_DEFAULT_FLAGS ? tfhd.getUint32(offset) : fallback.flags };
}

function readTrun(
  trun: DataView,
  defaults: SampleDefaults,
): { duration: number; firstSync: boolean } {
  const flags = trun.getUint32(0) & 0xffffff;
  const count = trun.getUint32(4);
  let offset = 8;
  if (flags & TRUN_DATA_OFFSET) offset += 4;
  let firstFlags: number | undefined;
  if (flags & TRUN_FIRST_SAMPLE_FLAGS) {
    firstFlags = trun.getUint32(offset);
    offset += 4;
  }
  let duration = 0;
  for (let i = 0; i < count; i++) {
    if (flags & TRUN_DURATION) {
      duration += trun.getUint32(offset);
      offset += 4;
    } else {
      duration += defaults.duration;
    }
    if (flags & TRUN_SIZE) offset += 4;
    if (flags & TRUN_FLAGS) {
      if (i === 0) firstFlags ??= trun.getUint32(offset);
      offset += 4;
    }
    if (flags & TRUN_CTO) offset += 4;
  }
  return { duration, firstSync: count > 0 && ((firstFlags ?? defaults.flags) & NON_SYNC) === 0 };
}
