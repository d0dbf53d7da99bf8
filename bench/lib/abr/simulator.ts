/**
 * The trace-driven session model, shared by the online policies and the offline optimum so
 * both play in the same world:
 * - a session plays `segments` segments of `segmentSeconds` from the start of the trace,
 *   fetched one at a time; each segment of a rung is exactly its bit rate × its duration;
 * - a request waits one round trip (`rttSeconds`) before bytes flow, then the bytes arrive at
 *   the trace's throughput (integrated over time, looping the trace when it runs out);
 * - a segment is requested only when it fits: the buffer never exceeds `maxBufferSeconds`,
 *   so while it is fuller the player waits and the buffer drains;
 * - playback starts when the first segment has arrived (that wait is the startup delay), and
 *   stalls whenever the buffer runs dry until the segment being fetched arrives.
 */
import type {
  AbrInput,
  AbrPolicy,
  LoadingSegment,
  SegmentDownload,
} from "../../../lib/abr/policy.ts";
import type { Session } from "./qoe.ts";
import { delivered, transferEnd, type Trace } from "./traces.ts";

export interface SessionModel {
  segmentSeconds: number;
  segments: number;
  rttSeconds: number;
  maxBufferSeconds: number;
}

/** 4 s segments (the transcoder's), 48 of them (3.2 min, as in Pensieve), hls.js's 30 s buffer. */
export const SESSION_MODEL: SessionModel = {
  segmentSeconds: 4,
  segments: 48,
  rttSeconds: 0.08,
  maxBufferSeconds: 30,
};

/** The player's clock and buffer between segments. */
export interface PlayerState {
  time: number;
  buffer: number;
}

export interface StepResult extends PlayerState {
  /** From request to last byte. */
  downloadSeconds: number;
  /** Stalled while this segment was fetched (0 for the first: that is the startup delay). */
  stall: number;
}

/**
 * Fetches one segment of `kbps` from `from` (playing unless it is the first) into `into`.
 * Writes into a caller-owned object because the optimum calls it millions of times.
 */
export function fetchSegment(
  trace: Trace,
  model: SessionModel,
  from: PlayerState,
  kbps: number,
  first: boolean,
  into: StepResult,
): StepResult {
  const wait = Math.max(0, from.buffer + model.segmentSeconds - model.maxBufferSeconds);
  const requested = from.time + wait;
  const buffer = from.buffer - wait;
  const arrived = transferEnd(
    trace,
    requested + model.rttSeconds,
    (kbps * model.segmentSeconds) / 1000,
  );
  const downloadSeconds = arrived - requested;
  into.time = arrived;
  into.downloadSeconds = downloadSeconds;
  into.stall = first ? 0 : Math.max(0, downloadSeconds - buffer);
  into.buffer = (first ? 0 : Math.max(0, buffer - downloadSeconds)) + model.segmentSeconds;
  return into;
}

/** How often the player asks the policy whether to abandon a loading segment (as web/src/player does). */
const ABANDON_CHECK_SECONDS = 0.2;

/** Plays one session of `trace` with `policy` choosing every segment's rung. */
export function playSession(
  trace: Trace,
  bitratesKbps: readonly number[],
  policy: AbrPolicy,
  model: SessionModel = SESSION_MODEL,
): Session {
  const downloads: SegmentDownload[] = [];
  const kbps: number[] = [];
  const step: StepResult = { time: 0, buffer: 0, downloadSeconds: 0, stall: 0 };
  let startupSeconds = 0;
  let rebufferSeconds = 0;
  let lastRung: number | undefined;
  for (let segment = 0; segment < model.segments; segment++) {
    const first = segment === 0;
    const input = (bufferSeconds: number): AbrInput => ({
      bitratesKbps,
      segmentSeconds: model.segmentSeconds,
      bufferSeconds,
      maxBufferSeconds: model.maxBufferSeconds,
      lastRung,
      downloads,
      playing: !first,
      segmentsLeft: model.segments - segment,
    });
    // What the player sees when it decides: after any wait for room in the buffer.
    let from: PlayerState = { time: step.time, buffer: step.buffer };
    let { rung } = policy.chooseRung(
      input(Math.min(from.buffer, model.maxBufferSeconds - model.segmentSeconds)),
    );
    for (;;) {
      fetchSegment(trace, model, from, bitratesKbps[rung]!, first, step);
      const bufferAtRequest = Math.min(from.buffer, model.maxBufferSeconds - model.segmentSeconds);
      const given = first
        ? undefined
        : giveUp(trace, model, policy, step, bitratesKbps, rung, (elapsed) =>
            input(Math.max(0, bufferAtRequest - elapsed)),
          );
      if (!given) break;
      downloads.push(given.partial);
      // The buffer may be negative here: the stall so far, which the next fetch adds to its own.
      const elapsed = given.partial.durationMs / 1000;
      from = {
        time: step.time - step.downloadSeconds + elapsed,
        buffer: bufferAtRequest - elapsed,
      };
      rung = given.rung;
    }
    if (first) startupSeconds = step.time;
    rebufferSeconds += step.stall;
    kbps.push(bitratesKbps[rung]!);
    lastRung = rung;
    downloads.push({
      rung,
      bytes: (bitratesKbps[rung]! * 1000 * model.segmentSeconds) / 8,
      durationMs: step.downloadSeconds * 1000,
      firstByteMs: model.rttSeconds * 1000,
    });
  }
  return { kbps, startupSeconds, rebufferSeconds };
}

/**
 * Asks the policy, every check interval while the fetch just simulated in `step` would be
 * loading, whether to give it up; the first lower rung it names wins.
 */
function giveUp(
  trace: Trace,
  model: SessionModel,
  policy: AbrPolicy,
  step: StepResult,
  bitratesKbps: readonly number[],
  rung: number,
  inputAfter: (elapsedSeconds: number) => AbrInput,
): { rung: number; partial: SegmentDownload } | undefined {
  if (!policy.abandon) return undefined;
  const requested = step.time - step.downloadSeconds;
  const bytesTotal = (bitratesKbps[rung]! * 1000 * model.segmentSeconds) / 8;
  for (let t = requested + ABANDON_CHECK_SECONDS; t < step.time; t += ABANDON_CHECK_SECONDS) {
    const elapsed = t - requested;
    const loading: LoadingSegment = {
      rung,
      bytesTotal,
      bytesLoaded: (Math.max(0, delivered(trace, requested + model.rttSeconds, t)) * 1e6) / 8,
      elapsedMs: elapsed * 1000,
      firstByteMs: elapsed >= model.rttSeconds ? model.rttSeconds * 1000 : undefined,
    };
    const decision = policy.abandon(inputAfter(elapsed), loading);
    if (decision && decision.rung < rung) {
      const partial = { rung, bytes: loading.bytesLoaded, durationMs: loading.elapsedMs };
      return {
        rung: decision.rung,
        partial: { ...partial, firstByteMs: loading.firstByteMs, abandoned: true },
      };
    }
  }
  return undefined;
}
