/**
 * The player's adaptive-bitrate (ABR) policy. Pure and browser-free: the player (hls.js with
 * this policy plugged in) and `npm run bench:abr` run the same function.
 *
 * Interface: before each segment request the player calls the policy with an {@link AbrInput}
 * (the ladder, the buffer, what past downloads measured) and fetches the rung it returns
 * ({@link AbrDecision}). The policy keeps no state between calls: everything it uses is in
 * the input, so a decision can be replayed from a log.
 */

/** One segment download, as the player measured it. */
export interface SegmentDownload {
  /** The rung the segment was fetched at. */
  rung: number;
  /** Bytes received: the whole segment, or what had arrived when it was abandoned. */
  bytes: number;
  /** From sending the request to the last byte (or to abandoning), in ms: includes the round trip. */
  durationMs: number;
  /** Given up on (see {@link AbrPolicy.abandon}); a measurement all the same. */
  abandoned?: boolean;
}

export interface AbrInput {
  /** The ladder's bit rates in kbps, ascending: rung 0 is the lowest. */
  bitratesKbps: readonly number[];
  segmentSeconds: number;
  /** Media buffered ahead of the playhead, in seconds (now: while a segment loads, it drains). */
  bufferSeconds: number;
  /** The player stops requesting while the buffer is this full (hls.js `maxBufferLength`). */
  maxBufferSeconds: number;
  /** The rung of the last segment fetched whole; undefined before the first. */
  lastRung: number | undefined;
  /** Past downloads of this session, oldest first (the policy reads only the recent ones). */
  downloads: readonly SegmentDownload[];
  /** Whether the first frame has been shown. */
  playing: boolean;
  /** Segments left to fetch before the end of the title, this one included; absent for live. */
  segmentsLeft?: number;
  /** The highest rung allowed (plan, device or a manual choice); the whole ladder if absent. */
  maxRung?: number;
}

/** A segment still loading, when the player asks whether to give up on it. */
export interface LoadingSegment {
  rung: number;
  bytesTotal: number;
  bytesLoaded: number;
  /** Since the request was sent. */
  elapsedMs: number;
}

/** Why a rung was chosen, for the "rendition switch reason" analytics. */
export type AbrReason =
  | "startup" // nothing measured yet
  | "throughput" // what the throughput estimate sustains
  | "buffer" // the buffer level decided
  | "abandon" // the segment loading was too slow and was replaced by a lower rung
  | "cap"; // limited by `maxRung`

export interface AbrDecision {
  rung: number;
  reason: AbrReason;
}

export interface AbrPolicy {
  /** Before each segment request: the rung to fetch. */
  chooseRung(input: AbrInput): AbrDecision;
  /**
   * While a segment loads (the player asks a few times a second): a lower rung to fetch instead
   * right away, abandoning this one, or undefined to let it finish. Optional: without it the
   * player never abandons.
   */
  abandon?(input: AbrInput, loading: LoadingSegment): AbrDecision | undefined;
}

import { fetchValue, valueTable } from "./value-table.ts";

/** What each of the last `count` downloads measured, in kbps, oldest first. */
export function recentThroughputsKbps(
  downloads: readonly SegmentDownload[],
  count: number,
): number[] {
  return downloads
    .slice(-count)
    .map((download) => (download.bytes * 8) / Math.max(download.durationMs, 1));
}

export function harmonicMean(values: readonly number[]): number {
  return values.length / values.reduce((sum, value) => sum + 1 / value, 0);
}

/** The highest rung whose bit rate is at most `kbps` (rung 0 if none is), within `maxRung`. */
export function highestRungWithin(
  bitratesKbps: readonly number[],
  kbps: number,
  maxRung = bitratesKbps.length - 1,
): number {
  let rung = 0;
  while (rung < maxRung && bitratesKbps[rung + 1]! <= kbps) rung++;
  return rung;
}

export interface AbrParams {
  /** Downloads whose harmonic mean is the throughput estimate. */
  window: number;
  /** Prior σ of the log of a segment's throughput around the estimate, before the session shows its own. */
  spread: number;
  /** How many downloads' worth of evidence that prior counts for against the session's own errors. */
  spreadPriorWeight: number;
  /** Segments ahead the value function plans over when the title's end is further away. */
  horizon: number;
  /** QoE weights the policy maximises: per second of rebuffering, per Mbps of bit rate change. */
  rebufferPenalty: number;
  switchPenalty: number;
  abandonAfterMs: number;
}

export const DEFAULT_ABR_PARAMS: AbrParams = {
  window: 5,
  spread: 0.9,
  spreadPriorWeight: 5,
  horizon: 20,
  rebufferPenalty: 4.3,
  switchPenalty: 1,
  abandonAfterMs: 2000,
};

/** The session's recent estimate errors the spread is learnt from. */
const SPREAD_HISTORY = 20;

/**
 * @example
 * const policy = createAbrPolicy();            // or createAbrPolicy({ spread: 0.7 }) in an experiment
 * const { rung, reason } = policy.chooseRung(input);
 */
export function createAbrPolicy(overrides: Partial<AbrParams> = {}): AbrPolicy {
  const params = { ...DEFAULT_ABR_PARAMS, ...overrides };
  const tableFor = (input: AbrInput, throughputKbps: number) =>
    valueTable({
      bitratesKbps: input.bitratesKbps,
      segmentSeconds: input.segmentSeconds,
      maxBufferSeconds: input.maxBufferSeconds,
      throughputKbps,
      spread: spreadOf(input.downloads, params),
      horizon: params.horizon,
      rebufferPenalty: params.rebufferPenalty,
      switchPenalty: params.switchPenalty,
    });
  const left = (input: AbrInput) => Math.min(input.segmentsLeft ?? params.horizon, params.horizon);
  const megabitsOf = (input: AbrInput, rung: number) =>
    (input.bitratesKbps[rung]! * input.segmentSeconds) / 1000;

  return {
    chooseRung(input) {
      const cap = capOf(input);
      if (input.downloads.length === 0) return { rung: 0, reason: "startup" };
      const estimate = harmonicMean(
        recentThroughputsKbps(
          input.downloads.filter((d) => !d.abandoned),
          params.window,
        ),
      );
      const table = tableFor(input, estimate);
      const last = input.lastRung ?? 0;
      let best = 0;
      let bestValue = -Infinity;
      for (let rung = 0; rung <= cap; rung++) {
        const value = fetchValue(
          table,
          left(input),
          input.bufferSeconds,
          rung,
          last,
          megabitsOf(input, rung),
          estimate,
        );
        if (value > bestValue) {
          best = rung;
          bestValue = value;
        }
      }
      const byThroughput = highestRungWithin(input.bitratesKbps, estimate, cap);
      const reason =
        best === cap && cap < input.bitratesKbps.length - 1
          ? "cap"
          : best === byThroughput
            ? "throughput"
            : "buffer";
      return { rung: best, reason };
    },

    abandon(input, loading) {
      if (loading.rung === 0 || loading.elapsedMs < params.abandonAfterMs) return undefined;
      // What this download is getting now times both finishing it and starting over lower.
      const loadingKbps = Math.max((loading.bytesLoaded * 8) / loading.elapsedMs, 1);
      const remaining = ((loading.bytesTotal - loading.bytesLoaded) * 8) / 1e6;
      if ((remaining * 1000) / loadingKbps <= input.bufferSeconds) return undefined;
      const estimate = harmonicMean(
        recentThroughputsKbps(
          input.downloads.filter((d) => !d.abandoned),
          params.window,
        ),
      );
      const table = tableFor(input, estimate);
      const last = input.lastRung ?? loading.rung;
      const value = (rung: number, megabits: number) =>
        fetchValue(table, left(input), input.bufferSeconds, rung, last, megabits, loadingKbps);
      let best: number | undefined;
      let bestValue = value(loading.rung, remaining);
      for (let rung = 0; rung < loading.rung; rung++) {
        const restart = value(rung, megabitsOf(input, rung));
        if (restart > bestValue) {
          best = rung;
          bestValue = restart;
        }
      }
      return best === undefined ? undefined : { rung: best, reason: "abandon" };
    },
  };
}

/**
 * σ of the log of measured / estimated throughput: the prior, pooled with the errors the
 * estimate made over this session's recent downloads (each estimate from the downloads before).
 */
function spreadOf(downloads: readonly SegmentDownload[], params: AbrParams): number {
  const samples = recentThroughputsKbps(
    downloads.filter((d) => !d.abandoned),
    SPREAD_HISTORY + params.window,
  );
  let squares = params.spreadPriorWeight * params.spread ** 2;
  let count = params.spreadPriorWeight;
  for (let i = Math.max(1, samples.length - SPREAD_HISTORY); i < samples.length; i++) {
    const estimate = harmonicMean(samples.slice(Math.max(0, i - params.window), i));
    squares += Math.log(samples[i]! / estimate) ** 2;
    count++;
  }
  return Math.sqrt(squares / count);
}

/** The highest rung the input allows. */
export function capOf(input: AbrInput): number {
  return Math.min(input.maxRung ?? Infinity, input.bitratesKbps.length - 1);
}
