/**
 * Finds a season's intro by matching its episodes' audio against each
 * other: the stretch of sound that recurs in every episode near the start,
 * wherever each episode puts it (after a cold open of any length).
 *
 * The fingerprints are Chromaprint's raw ones (AcoustID's library, through
 * ffmpeg's `chromaprint` muxer in the transcoder): one 32-bit item per 1365
 * samples at 11 025 Hz, each summarising the chroma of the couple of seconds
 * from there. The same audio gives items a few bits apart; other audio
 * about half the bits apart. Matching is ours and small: candidate
 * alignments from items that agree exactly, then the longest run of close
 * items at each, as Jellyfin's intro-skipper does.
 */

/** Seconds between fingerprint items (Chromaprint's hop at its 11 025 Hz rate). */
export const FINGERPRINT_ITEM_SECONDS = 1365 / 11_025;

/** Items this many bits apart or fewer are the same audio (of 32; other audio differs in ~16). */
const MAX_BIT_ERRORS = 6;
/** A run survives this many items in a row that differ more (a cut, a sound effect over the music). */
const GAP_ITEMS = 3;
/** Alignments to try: those that most items agree on exactly. */
const CANDIDATE_SHIFTS = 12;
/** Shorter shared audio is a sting or a logo, not an intro; longer is not an intro either. */
const MIN_INTRO_SECONDS = 8;
const MAX_INTRO_SECONDS = 150;
/**
 * Where a run's items sit against the audio they match: an item summarises
 * the audio from its own time on, so the first matching item starts a
 * little before the shared audio (most of its window is already inside)
 * and the last one about a second before its end. Measured on the demo's
 * intros at several offsets (transcoder/test/intro-detection.test.ts).
 */
const RUN_START_LEAD_SECONDS = 0.6;
const RUN_END_LEAD_SECONDS = 1.0;

/** A stretch of one video, in seconds from its start. */
export interface Span {
  startSeconds: number;
  endSeconds: number;
}

/** The same audio in two videos, and how close the match is (mean differing bits per item). */
export interface SharedAudio {
  a: Span;
  b: Span;
  meanBitErrors: number;
}

/** A season episode's detected intro. */
export interface DetectedIntro extends Span {
  /** 0–1: the share of the other episodes that agree, weighed by how close their audio is. */
  confidence: number;
}

function bitCount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Alignments (a's item index minus b's) that the most identical items vote for. */
function candidateShifts(a: Uint32Array, b: Uint32Array): number[] {
  const positions = new Map<number, number[]>();
  b.forEach((item, j) => {
    const list = positions.get(item);
    if (list) list.push(j);
    else positions.set(item, [j]);
  });
  const votes = new Map<number, number>();
  a.forEach((item, i) => {
    for (const j of positions.get(item) ?? []) votes.set(i - j, (votes.get(i - j) ?? 0) + 1);
  });
  return [...votes.entries()]
    .filter(([, count]) => count >= 2)
    .sort((x, y) => y[1] - x[1])
    .slice(0, CANDIDATE_SHIFTS)
    .map(([shift]) => shift);
}

interface Run {
  /** a's first and one-past-last matching item. */
  from: number;
  to: number;
  bitErrors: number;
  matched: number;
}

/** The longest run of close items with a aligned to b at `shift`. */
function longestRun(a: Uint32Array, b: Uint32Array, shift: number): Run | null {
  let best: Run | null = null;
  let current: Run | null = null;
  let misses = 0;
  const first = Math.max(0, shift);
  const last = Math.min(a.length, b.length + shift);
  for (let i = first; i < last; i++) {
    const errors = bitCount((a[i]! ^ b[i - shift]!) >>> 0);
    if (errors <= MAX_BIT_ERRORS) {
      current ??= { from: i, to: i, bitErrors: 0, matched: 0 };
      current.to = i + 1;
      current.bitErrors += errors;
      current.matched++;
      misses = 0;
      if (!best || current.to - current.from > best.to - best.from) best = { ...current };
    } else if (current && ++misses > GAP_ITEMS) {
      current = null;
      misses = 0;
    }
  }
  return best;
}

const spanOfItems = (from: number, to: number): Span => ({
  startSeconds: Math.max(0, from * FINGERPRINT_ITEM_SECONDS + RUN_START_LEAD_SECONDS),
  endSeconds: to * FINGERPRINT_ITEM_SECONDS + RUN_END_LEAD_SECONDS,
});

/**
 * The longest stretch of audio two videos share, or null when they share
 * none long enough to be an intro.
 *
 * @example
 * sharedAudio(episode1, episode2);
 * // { a: { startSeconds: 4.1, endSeconds: 14 }, b: { startSeconds: 8, endSeconds: 17.9 }, meanBitErrors: 2.1 }
 */
export function sharedAudio(a: Uint32Array, b: Uint32Array): SharedAudio | null {
  let best: { run: Run; shift: number } | null = null;
  for (const shift of candidateShifts(a, b)) {
    const run = longestRun(a, b, shift);
    if (run && (!best || run.to - run.from > best.run.to - best.run.from)) best = { run, shift };
  }
  if (!best) return null;
  const { run, shift } = best;
  const seconds = (run.to - run.from) * FINGERPRINT_ITEM_SECONDS;
  if (seconds < MIN_INTRO_SECONDS || seconds > MAX_INTRO_SECONDS) return null;
  return {
    a: spanOfItems(run.from, run.to),
    b: spanOfItems(run.from - shift, run.to - shift),
    meanBitErrors: run.bitErrors / run.matched,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length / 2;
  return sorted.length % 2
    ? sorted[Math.floor(middle)]!
    : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const overlapShare = (x: Span, y: Span) => {
  const overlap = Math.min(x.endSeconds, y.endSeconds) - Math.max(x.startSeconds, y.startSeconds);
  const shorter = Math.min(x.endSeconds - x.startSeconds, y.endSeconds - y.startSeconds);
  return Math.max(0, overlap) / shorter;
};

/**
 * Each episode's intro, from its audio matched against every other
 * episode's: the span most of the matches agree on (their median edges).
 * An episode that shares no intro-length audio with any other has none.
 *
 * @example
 * seasonIntros(new Map([["e1", fp1], ["e2", fp2], ["e3", fp3]])).get("e2");
 * // { startSeconds: 8.2, endSeconds: 18.1, confidence: 0.93 }
 */
export function seasonIntros(
  fingerprints: ReadonlyMap<string, Uint32Array>,
): Map<string, DetectedIntro> {
  const ids = [...fingerprints.keys()];
  const matches = new Map<string, { span: Span; meanBitErrors: number }[]>(
    ids.map((id) => [id, []]),
  );
  ids.forEach((a, i) => {
    for (const b of ids.slice(i + 1)) {
      const shared = sharedAudio(fingerprints.get(a)!, fingerprints.get(b)!);
      if (!shared) continue;
      matches.get(a)!.push({ span: shared.a, meanBitErrors: shared.meanBitErrors });
      matches.get(b)!.push({ span: shared.b, meanBitErrors: shared.meanBitErrors });
    }
  });

  const intros = new Map<string, DetectedIntro>();
  for (const [id, found] of matches) {
    if (found.length === 0) continue;
    // The largest group of matches that overlap each other mostly: the intro, not a stray jingle.
    const groups = found.map((one) =>
      found.filter((other) => overlapShare(one.span, other.span) >= 0.5),
    );
    const agreeing = groups.reduce((largest, group) =>
      group.length > largest.length ? group : largest,
    );
    const closeness =
      1 - median(agreeing.map((match) => match.meanBitErrors)) / (2 * MAX_BIT_ERRORS);
    intros.set(id, {
      startSeconds: median(agreeing.map((match) => match.span.startSeconds)),
      endSeconds: median(agreeing.map((match) => match.span.endSeconds)),
      confidence: (agreeing.length / (ids.length - 1)) * closeness,
    });
  }
  return intros;
}

/** A raw fingerprint from its little-endian bytes (as ffmpeg's muxer writes them). */
export function fingerprintFromBytes(bytes: Uint8Array): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const items = new Uint32Array(Math.floor(bytes.byteLength / 4));
  for (let i = 0; i < items.length; i++) items[i] = view.getUint32(i * 4, true);
  return items;
}
