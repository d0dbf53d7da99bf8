/**
 * The encoding ladder for one title: which rungs, at what bit rates, with
 * which audio renditions. Pure: it only reads the probe and the complexity
 * measurement, so every rule below is unit-tested without ffmpeg.
 *
 * The rule:
 * 1. Rungs are named by their short side. Candidates: 240, 360, 480, 720,
 *    1080, 1440, 2160. Keep those no larger than the source's short side (we
 *    never upscale). If the source's short side is not a candidate and is at
 *    least 10% above the largest kept candidate (or no candidate fits, for a
 *    source under 240 lines), the source's own size becomes the top rung.
 *    Widths keep the display aspect ratio, rounded to even, never wider than
 *    the source.
 * 2. Base bit rates, for complex content at 30 fps (kbps): 240p 300,
 *    360p 700, 480p 1200, 720p 2500, 1080p 5000, 1440p 9000, 2160p 16000.
 *    A non-standard rung is interpolated geometrically between its
 *    neighbours (extrapolated along the nearest pair outside the table).
 *    Above 35 fps the base is ×1.4.
 * 3. Per title: the complexity probe measures what x264 needs at two sizes
 *    and fits needed(p) = kbpsLow × (p / pLow)^k over pixel count p. Each
 *    rung gets clamp(needed(p) × CALIBRATION, 0.35 × base, base).
 * 4. Rungs that would add nothing are dropped: walking up from the lowest
 *    rung (always kept), a rung whose bit rate is under 1.35× the last kept
 *    rung's is dropped, since its extra pixels would get almost no extra
 *    bits. The top rung gets no exemption: if it too falls under the
 *    threshold, the last kept rung below it is the top.
 * 5. Every rung: x264 veryfast, High profile, yuv420p, constrained VBR
 *    (maxrate 1.5×, buffer 2× the bit rate), closed GOPs with a keyframe
 *    exactly every SEGMENT_SECONDS on the same timestamps in every rung.
 *    Audio: one AAC-LC rendition per source stream, 48 kHz, at most 2
 *    channels, 64 kbps per channel.
 */
import type { AudioRung, Source, VideoRung } from "../ingest/task-protocol.ts";
import { neededKbps, type Complexity } from "./complexity-model.ts";
import { languageName } from "./language.ts";
import { evenFloor, sizeForShortSide } from "./rung-size.ts";

/** Segment length, and so the keyframe interval, in seconds. */
export { SEGMENT_SECONDS } from "./asset-layout.ts";

/**
 * Converts what x264 ultrafast at CRF 23 spends in the complexity probe into a
 * veryfast VBR target of similar quality. Ultrafast has no B-frames, CABAC or
 * deblocking, so it spends roughly twice what veryfast needs; calibrated so
 * that a detailed, moving test pattern with grain (testsrc2 + noise) lands at
 * the base rates and a flat animation-like clip near the 0.35× floor.
 */
export const CALIBRATION = 0.5;

const CANDIDATES: readonly { shortSide: number; baseKbps: number }[] = [
  { shortSide: 240, baseKbps: 300 },
  { shortSide: 360, baseKbps: 700 },
  { shortSide: 480, baseKbps: 1200 },
  { shortSide: 720, baseKbps: 2500 },
  { shortSide: 1080, baseKbps: 5000 },
  { shortSide: 1440, baseKbps: 9000 },
  { shortSide: 2160, baseKbps: 16000 },
];
/** A source this much larger than the largest candidate below it gets a rung of its own size. */
const OWN_RUNG_MARGIN = 1.1;
const HIGH_FRAME_RATE = 35;
const HIGH_FRAME_RATE_FACTOR = 1.4;
const FLOOR_FRACTION = 0.35;
/** A rung must get at least this many times the bits of the rung below to be worth its pixels. */
const MIN_STEP = 1.35;
const AUDIO_KBPS_PER_CHANNEL = 64;
const MAX_AUDIO_CHANNELS = 2;

export type { AudioRung, VideoRung };

export interface LadderPlan {
  frameRate: number;
  /** Ascending; the first is the lowest rung. */
  video: VideoRung[];
  audio: AudioRung[];
}

/**
 * @example
 * const plan = planLadder(source, complexity);
 * plan.video.map((r) => r.id); // ["240p", "360p", "480p", "720p", "1080p"]
 *
 * `lowest`, when given, is kept as the first rung instead of being planned
 * again: a master still uploading gets its lowest rung from a sample of its
 * start (so the title can play early) and the rungs above it from samples
 * across the whole film, stepped up from that lowest rung.
 */
export function planLadder(
  source: Pick<Source, "video" | "audio">,
  complexity: Complexity,
  lowest?: VideoRung,
): LadderPlan {
  const { width, height, frameRate } = source.video;
  const fpsFactor = frameRate > HIGH_FRAME_RATE ? HIGH_FRAME_RATE_FACTOR : 1;
  const sizes = rungShortSides(Math.min(width, height));
  const video: VideoRung[] = [];
  for (const shortSide of sizes) {
    const size = sizeForShortSide(shortSide, { width, height });
    const baseKbps = Math.round(baseKbpsFor(shortSide) * fpsFactor);
    const wanted = neededKbps(complexity, size.width * size.height) * CALIBRATION;
    const bitrateKbps = Math.round(Math.min(baseKbps, Math.max(FLOOR_FRACTION * baseKbps, wanted)));
    const rung = {
      id: `${shortSide}p`,
      width: size.width,
      height: size.height,
      bitrateKbps,
      baseKbps,
    };
    const below = video.at(-1);
    if (!below) video.push(lowest ?? rung);
    else if (rung.bitrateKbps >= MIN_STEP * below.bitrateKbps) video.push(rung);
  }
  return { frameRate, video, audio: planAudio(source.audio) };
}

/** Short sides of the candidate rungs for a source, ascending, before any are dropped. */
function rungShortSides(sourceShortSide: number): number[] {
  const kept = CANDIDATES.map((c) => c.shortSide).filter((s) => s <= sourceShortSide);
  const largest = kept.at(-1);
  const own = evenFloor(sourceShortSide);
  if (largest === undefined || (own !== largest && own >= largest * OWN_RUNG_MARGIN))
    kept.push(own);
  return kept;
}

/** The base rate for any short side: geometric interpolation along the candidate table. */
export function baseKbpsFor(shortSide: number): number {
  // The candidates either side of shortSide; outside the table, the nearest pair.
  const found = CANDIDATES.findIndex((c) => c.shortSide >= shortSide);
  const upper = found === -1 ? CANDIDATES.length - 1 : Math.max(found, 1);
  const lo = CANDIDATES[upper - 1]!;
  const hi = CANDIDATES[upper]!;
  const exponent = Math.log(hi.baseKbps / lo.baseKbps) / Math.log(hi.shortSide / lo.shortSide);
  return lo.baseKbps * (shortSide / lo.shortSide) ** exponent;
}

function planAudio(streams: Source["audio"]): AudioRung[] {
  const defaultIndex = Math.max(
    0,
    streams.findIndex((s) => s.default),
  );
  const used = new Map<string, number>();
  return streams.map((stream, position) => {
    const channels = Math.min(stream.channels, MAX_AUDIO_CHANNELS);
    const wanted = stream.title ?? languageName(stream.language) ?? `Audio ${position + 1}`;
    // HLS requires names to be unique within the audio group.
    const seen = (used.get(wanted) ?? 0) + 1;
    used.set(wanted, seen);
    return {
      id: `a${position}-${stream.language}`,
      streamIndex: stream.index,
      language: stream.language,
      name: seen === 1 ? wanted : `${wanted} (${seen})`,
      channels,
      bitrateKbps: AUDIO_KBPS_PER_CHANNEL * channels,
      default: position === defaultIndex,
    };
  });
}
