/**
 * The player's adaptive-bitrate (ABR) policy. Pure and browser-free: the player (hls.js with
 * this policy plugged in) and `npm run bench:abr` run the same function.
 *
 * Interface: before each segment request the player calls the policy with an {@link AbrInput}
 * (the ladder, the buffer, what past downloads measured) and fetches the rung it returns
 * ({@link AbrDecision}). The policy keeps no state between calls: everything it uses is in
 * the input, so a decision can be replayed from a log.
 */

/** One finished segment download, as the player measured it. */
export interface SegmentDownload {
  /** The rung the segment was fetched at. */
  rung: number;
  bytes: number;
  /** From sending the request to the last byte, in ms: includes the request's round trip. */
  durationMs: number;
}

export interface AbrInput {
  /** The ladder's bit rates in kbps, ascending: rung 0 is the lowest. */
  bitratesKbps: readonly number[];
  segmentSeconds: number;
  /** Media buffered ahead of the playhead, in seconds. */
  bufferSeconds: number;
  /** The player stops requesting while the buffer is this full (hls.js `maxBufferLength`). */
  maxBufferSeconds: number;
  /** The rung of the previous segment; undefined for the first one. */
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

/** Why a rung was chosen, for the "rendition switch reason" analytics. */
export type AbrReason =
  | "startup" // no download measured yet
  | "throughput" // what the estimate sustains
  | "buffer" // the buffer allowed more, or demanded less, than the estimate alone
  | "cap"; // the choice was limited by `maxRung`

export interface AbrDecision {
  rung: number;
  reason: AbrReason;
}

export type AbrPolicy = (input: AbrInput) => AbrDecision;

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
  /** Segments ahead the policy plans over. */
  horizon: number;
  /** Past downloads the throughput estimate averages. */
  window: number;
  /** Weight of a bit rate change in planning, over the QoE's own (noisy estimates overreact). */
  switchWeight: number;
}

export const DEFAULT_ABR_PARAMS: AbrParams = { horizon: 5, window: 5, switchWeight: 2 };

/** Provisional: a RobustMPC-style planner while the hybrid is tuned. */
export function createAbrPolicy(overrides: Partial<AbrParams> = {}): AbrPolicy {
  const params = { ...DEFAULT_ABR_PARAMS, ...overrides };
  return (input) => {
    const { bitratesKbps: rates, segmentSeconds } = input;
    const cap = Math.min(input.maxRung ?? Infinity, rates.length - 1);
    const samples = recentThroughputsKbps(input.downloads, params.window * 2);
    if (samples.length === 0) return { rung: 0, reason: "startup" };
    const errors = samples.slice(1).map((actual, i) => {
      const predicted = harmonicMean(samples.slice(Math.max(0, i + 1 - params.window), i + 1));
      return Math.abs(predicted - actual) / actual;
    });
    const estimate =
      harmonicMean(samples.slice(-params.window)) /
      (1 + Math.max(0, ...errors.slice(-params.window)));
    const horizon = Math.min(params.horizon, input.segmentsLeft ?? params.horizon);
    const last = rates[input.lastRung ?? 0]!;
    let best = 0;
    let bestValue = -Infinity;
    for (let first = 0; first <= cap; first++)
      for (let rest = 0; rest <= cap; rest++) {
        let buffer = input.bufferSeconds;
        let value = 0;
        let previous = last;
        for (let k = 0; k < horizon; k++) {
          const kbps = rates[k === 0 ? first : rest]!;
          buffer = Math.min(buffer, input.maxBufferSeconds - segmentSeconds);
          const download = (kbps * segmentSeconds) / estimate;
          value +=
            kbps / 1000 -
            (params.switchWeight * Math.abs(kbps - previous)) / 1000 -
            4.3 * Math.max(0, download - buffer);
          buffer = Math.max(0, buffer - download) + segmentSeconds;
          previous = kbps;
        }
        if (value > bestValue) {
          bestValue = value;
          best = first;
        }
      }
    return { rung: best, reason: best === cap && cap < rates.length - 1 ? "cap" : "throughput" };
  };
}
