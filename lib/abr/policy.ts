/**
 * The player's adaptive-bitrate (ABR) policy. Pure, deterministic and browser-free: hls.js runs
 * it in the player (web/src/player/policy-abr.ts) and `npm run bench:abr` scores the same code.
 *
 * Interface ({@link AbrPolicy}): before each segment request the player calls `chooseRung`
 * with an {@link AbrInput} (the ladder, the buffer, the last rung, what past downloads
 * measured, segments left, an optional cap) and fetches the rung of the {@link AbrDecision}
 * it returns, whose reason feeds the "rendition switch reason" analytics. While a segment
 * loads, the player asks `abandon` a few times a second whether to give it up for a lower
 * rung. The policy keeps no state: everything it uses is in the input, so a decision can be
 * replayed from a log.
 *
 * The rule, a hybrid of throughput and buffer:
 * 1. Estimate the link from past downloads (`estimateNetwork`): a Kalman filter on the log of
 *    each segment's throughput gives the expected throughput of the next segment and how
 *    uncertain it is, learnt per session. A measurement far outside what the filter expects is
 *    taken as a change of level, which the estimate follows at once.
 * 2. Pick the rung with the highest expected QoE over the rest of the session, by dynamic
 *    programming over (buffer, last rung) with that throughput model (value-table.ts): the
 *    offline optimum's programme with the unknown future replaced by the model. The buffer
 *    level decides how much risk a higher rung is worth, and near the end of the title the
 *    buffer is spent.
 * 3. Abandon a loading segment when finishing it would stall, a lower rung is worth more by
 *    the same value function, and waiting any longer would leave less than one segment of
 *    buffer to spare.
 */
import { fetchValue, valueTable } from "./value-table.ts";

/** One segment download, as the player measured it. */
export interface SegmentDownload {
  /** The rung the segment was fetched at. */
  rung: number;
  /** Bytes received: the whole segment, or what had arrived when it was abandoned. */
  bytes: number;
  /** From sending the request to the last byte (or to abandoning), in ms. */
  durationMs: number;
  /** From sending the request to the first byte (hls.js `stats.loading.first`): the latency. */
  firstByteMs?: number;
  /** Given up on (see {@link AbrPolicy.abandon}); a measurement all the same. */
  abandoned?: boolean;
}

export interface AbrInput {
  /** The ladder's bit rates in kbps, ascending: rung 0 is the lowest. */
  bitratesKbps: readonly number[];
  segmentSeconds: number;
  /** Media buffered ahead of the playhead, in seconds (now: while a segment loads, it drains). */
  bufferSeconds: number;
  /**
   * The buffer's ceiling: a segment is requested only while it fits under this (hls.js, which
   * requests while the buffer is under `maxBufferLength`, reaches `maxBufferLength` + a segment).
   */
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
  /** When the first byte came, since the request was sent; undefined while none has. */
  firstByteMs?: number;
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

/**
 * What each of the last `count` downloads measured, in kbps, oldest first: bytes over the time
 * they took to arrive after the first byte, as hls.js's estimator samples them (the latency is
 * not bandwidth, and on a small segment it would dominate).
 */
export function recentThroughputsKbps(
  downloads: readonly SegmentDownload[],
  count: number,
): number[] {
  return downloads.slice(-count).map(throughputKbps);
}

export function throughputKbps(download: SegmentDownload | LoadingSegment): number {
  const bytes = "bytesLoaded" in download ? download.bytesLoaded : download.bytes;
  const ms = "elapsedMs" in download ? download.elapsedMs : download.durationMs;
  return (bytes * 8) / Math.max(ms - (download.firstByteMs ?? 0), 1);
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
  /**
   * The throughput model (see {@link estimateNetwork}): how much the log of the link's
   * throughput drifts per segment (variance), the prior variance of one segment's measurement
   * around it, and how many segments' worth of evidence that prior counts for.
   */
  drift: number;
  noise: number;
  noisePriorWeight: number;
  /** Segments ahead the value function plans over when the title's end is further away. */
  horizon: number;
  /** The QoE the policy maximises: per second of rebuffering, per Mbps of bit rate change. */
  rebufferPenalty: number;
  switchPenalty: number;
  /**
   * A loading segment is judged by its own rate so far pooled with the estimate, which counts
   * as this many seconds of transfer: one short dip should not condemn a segment.
   */
  abandonEstimateWeightSeconds: number;
}

export const DEFAULT_ABR_PARAMS: AbrParams = {
  drift: 0.02,
  noise: 0.2,
  noisePriorWeight: 5,
  horizon: 20,
  rebufferPenalty: 4.3,
  switchPenalty: 1,
  abandonEstimateWeightSeconds: 4,
};

/** Downloads the estimate looks back over (older ones have long stopped mattering). */
const HISTORY = 50;

/**
 * @example
 * const policy = createAbrPolicy();          // or createAbrPolicy({ drift: 0.05 }) in an experiment
 * const { rung, reason } = policy.chooseRung(input);
 */
export function createAbrPolicy(overrides: Partial<AbrParams> = {}): AbrPolicy {
  const params = { ...DEFAULT_ABR_PARAMS, ...overrides };
  const tableFor = (input: AbrInput, network: NetworkEstimate) =>
    valueTable({
      bitratesKbps: input.bitratesKbps,
      segmentSeconds: input.segmentSeconds,
      maxBufferSeconds: input.maxBufferSeconds,
      throughputKbps: network.kbps,
      spread: network.spread,
      latencySeconds: network.latencySeconds,
      horizon: params.horizon,
      rebufferPenalty: params.rebufferPenalty,
      switchPenalty: params.switchPenalty,
    });
  const left = (input: AbrInput) => Math.min(input.segmentsLeft ?? params.horizon, params.horizon);
  const megabitsOf = (input: AbrInput, rung: number) =>
    (input.bitratesKbps[rung]! * input.segmentSeconds) / 1000;

  return {
    chooseRung(input) {
      const network = estimateNetwork(input.downloads, params);
      if (!network) return { rung: 0, reason: "startup" };
      const cap = capOf(input);
      const table = tableFor(input, network);
      const last = input.lastRung ?? 0;
      let best = 0;
      let bestValue = -Infinity;
      for (let rung = 0; rung <= cap; rung++) {
        const value = fetchValue(table, {
          left: left(input),
          bufferSeconds: input.bufferSeconds,
          rung,
          lastRung: last,
          megabits: megabitsOf(input, rung),
          throughputKbps: network.kbps,
          latencySeconds: network.latencySeconds,
        });
        if (value > bestValue) {
          best = rung;
          bestValue = value;
        }
      }
      const byThroughput = highestRungWithin(input.bitratesKbps, network.kbps, cap);
      const reason =
        best === cap && cap < input.bitratesKbps.length - 1
          ? "cap"
          : best === byThroughput
            ? "throughput"
            : "buffer";
      return { rung: best, reason };
    },

    abandon(input, loading) {
      const network = estimateNetwork(input.downloads, params);
      if (loading.rung === 0 || !network) return undefined;
      const kbps = loadingKbps(input, loading, network, params);
      const remaining = remainingMegabits(loading);
      // Finishing in time is never worth abandoning for.
      if ((remaining * 1000) / kbps <= input.bufferSeconds) return undefined;
      const table = tableFor(input, network);
      const value = (rung: number, megabits: number, latencySeconds: number) =>
        fetchValue(table, {
          left: left(input),
          bufferSeconds: input.bufferSeconds,
          rung,
          lastRung: input.lastRung ?? loading.rung,
          megabits,
          throughputKbps: kbps,
          latencySeconds,
        });
      let best: number | undefined;
      let bestValue = value(loading.rung, remaining, 0);
      for (let rung = 0; rung < loading.rung; rung++) {
        const restart = value(rung, megabitsOf(input, rung), network.latencySeconds);
        if (restart > bestValue) {
          best = rung;
          bestValue = restart;
        }
      }
      if (best === undefined) return undefined;
      // While the replacement would still arrive with a segment's worth of buffer to spare,
      // waiting costs nothing and the transfer may recover (links often pause for a second or two).
      const replacementSeconds = network.latencySeconds + (megabitsOf(input, best) * 1000) / kbps;
      if (replacementSeconds <= input.bufferSeconds - input.segmentSeconds) return undefined;
      return { rung: best, reason: "abandon" };
    },
  };
}

/**
 * The rate a loading segment will go on at: its rate so far pooled with the estimate
 * (harmonically: it is download times that add), so one short dip does not condemn it; but a
 * transfer that has run a while far below what the link's history allows is a new level of
 * the link, and its own rate is believed when the drop threatens playback: the buffer is short
 * (issue 11's case) and finishing at that rate would leave less than a segment of it. Without
 * that, a link that drops then keeps being judged on the old rate until finishing the segment
 * has become the only way left. Otherwise the pooled rate stands: believing a dip with a fuller
 * buffer costs QoE on the traces (0.002-0.004 on bench:abr).
 */
function loadingKbps(
  input: AbrInput,
  loading: LoadingSegment,
  network: NetworkEstimate,
  params: AbrParams,
) {
  const measured = throughputKbps(loading);
  const transferSeconds = (loading.elapsedMs - (loading.firstByteMs ?? loading.elapsedMs)) / 1000;
  if (measured > 0 && transferSeconds >= LEVEL_SHIFT_TRANSFER_SECONDS) {
    const fallen =
      Math.log(network.kbps) - Math.log(measured) > LOADING_SHIFT_SPREADS * network.spread;
    const finishSeconds = (remainingMegabits(loading) * 1000) / measured;
    const threatened =
      input.bufferSeconds < SHORT_BUFFER_SECONDS &&
      finishSeconds > input.bufferSeconds - input.segmentSeconds;
    if (fallen && threatened) return measured;
  }
  const seconds = loading.elapsedMs / 1000;
  const weight = params.abandonEstimateWeightSeconds;
  return (seconds + weight) / (seconds / measured + weight / network.kbps);
}

/** What is left to arrive of a loading segment, in megabits. */
function remainingMegabits(loading: LoadingSegment): number {
  return ((loading.bytesTotal - loading.bytesLoaded) * 8) / 1e6;
}

export interface NetworkEstimate {
  /** What the next segment's throughput is expected to be: its harmonic mean, in kbps. */
  kbps: number;
  /** σ of the log of the next segment's throughput around that. */
  spread: number;
  latencySeconds: number;
}

/**
 * The link as a local-level model: the log of each segment's throughput is the link's level
 * plus independent noise (variance r), and the level drifts as a random walk (variance
 * `drift` per segment). A Kalman filter tracks the level, so a noisy session averages over
 * more segments and a steady one follows changes fast; r comes from how much consecutive
 * measurements differ (E[(y_i − y_{i−1})²] = drift + 2r), pooled with the prior `noise`.
 *
 * The random walk's small steps cannot explain a link that drops (or jumps) several-fold from
 * one segment to the next, which real links do; a filter that treats such a measurement as
 * noise takes several slow segments to believe it. So a measurement more than
 * `LEVEL_SHIFT_SPREADS` σ from the prediction is taken as a new level: the level's variance is
 * raised to what that innovation implies, and the update all but adopts it.
 *
 * Abandoned downloads count once their transfer lasted `PARTIAL_SAMPLE_SECONDS`: shorter ones
 * cover too little time (and were abandoned because they were slow, so they read low).
 * Undefined until a download has counted.
 */
export function estimateNetwork(
  downloads: readonly SegmentDownload[],
  params: AbrParams,
): NetworkEstimate | undefined {
  const measured = downloads
    .filter(
      (download) =>
        !download.abandoned ||
        download.durationMs - (download.firstByteMs ?? 0) >= PARTIAL_SAMPLE_SECONDS * 1000,
    )
    .slice(-HISTORY);
  if (measured.length === 0) return undefined;
  const logs = measured.map((download) => Math.log(throughputKbps(download)));
  let squares = params.noisePriorWeight * (params.drift + 2 * params.noise);
  for (let i = 1; i < logs.length; i++) squares += (logs[i]! - logs[i - 1]!) ** 2;
  const pooled = squares / (params.noisePriorWeight + Math.max(0, logs.length - 1));
  const noise = Math.max(MIN_NOISE, (pooled - params.drift) / 2);
  let level = logs[0]!;
  let variance = noise;
  for (const y of logs.slice(1)) {
    variance += params.drift;
    const innovation = y - level;
    if (innovation ** 2 > LEVEL_SHIFT_SPREADS ** 2 * (variance + noise)) {
      variance = Math.max(variance, innovation ** 2 - noise);
    }
    const gain = variance / (variance + noise);
    level += gain * innovation;
    variance *= 1 - gain;
  }
  const spread = Math.sqrt(variance + params.drift + noise);
  const latencies = measured.slice(-LATENCY_SAMPLES).map((download) => download.firstByteMs ?? 0);
  return {
    kbps: Math.exp(level - spread ** 2 / 2),
    spread,
    latencySeconds: latencies.reduce((sum, ms) => sum + ms, 0) / latencies.length / 1000,
  };
}

/** Measurement noise is never taken as smaller than this variance (σ ≈ 0.1). */
const MIN_NOISE = 0.01;
/**
 * A measurement this many σ from the filter's prediction is a change of level, not noise: under
 * the model a 4σ miss happens once in 16 000 segments, while real links drop or jump several-fold
 * (a handover, a new bottleneck) far more often. 3.5 to 6 score the same on bench:abr (±0.002).
 */
const LEVEL_SHIFT_SPREADS = 4;
/** Under this much buffer a drop threatens playback (issue 11's short-buffer case). */
const SHORT_BUFFER_SECONDS = 8;
/**
 * A loading segment's own rate is a new level of the link once it is this many σ below the
 * estimate. Lower than LEVEL_SHIFT_SPREADS: it is asked only when the drop threatens playback,
 * where a stall costs more than a needless lower rung, and early in a session the estimate's σ
 * is wide (0.5 after two or three segments: 4σ would take a sevenfold drop, and Chromium's
 * 8 → 1 Mbps gives 6.7-fold). On bench:abr 2.5 scores at least what 4 did on every ladder;
 * 2 and 3 move them by ±0.002.
 */
const LOADING_SHIFT_SPREADS = 2.5;
/** A loading segment's own rate is a new level only after this much transfer (a second of bytes). */
const LEVEL_SHIFT_TRANSFER_SECONDS = 1;
/**
 * An abandoned download counts as a measurement once its transfer lasted a segment's duration
 * (4 s): as much link time as a whole segment typically covers. 2 to 6 score the same (±0.002).
 */
const PARTIAL_SAMPLE_SECONDS = 4;
const LATENCY_SAMPLES = 5;

/** The highest rung the input allows. */
export function capOf(input: AbrInput): number {
  return Math.min(input.maxRung ?? Infinity, input.bitratesKbps.length - 1);
}
