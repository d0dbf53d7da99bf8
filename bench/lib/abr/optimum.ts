/**
 * The offline optimum: the rung sequence with the highest QoE for one trace, found by dynamic
 * programming with the whole trace known in advance, in the same session model as the online
 * policies (simulator.ts). The DP plays every rung from every kept state, segment by segment.
 *
 * A state after k segments is the clock c, the projected end of playback M = c + buffer + the
 * content still to fetch, and the score so far U (Σ Mbps − Σ |Δ Mbps|). Final QoE is
 * U − 4.3 × (M − content), and an earlier c or M never hurts what can follow (every later
 * request can go out no later), so a state with U no lower, c no later and M no later
 * dominates another with the same last rung and is the only one kept. States are grouped by
 * (segment, last rung, buffer in 0.1 s bins) and each group keeps at most `keep`
 * non-dominated states, dropping the one with the lowest U − 4.3·M when full. Without that
 * limit the result would be exact; with it, it is a feasible plan replayed through the same
 * simulator, so never above the true optimum, and keeping 1, 2, 4, 8 or 16 states per group
 * moved the total over 20 traces by under 0.05 % (lib/abr/README.md).
 */
import { REBUFFER_PENALTY } from "./qoe.ts";
import { fetchSegment, type SessionModel, type StepResult } from "./simulator.ts";
import type { Trace } from "./traces.ts";

const BUFFER_BIN_SECONDS = 0.1;
/** Non-dominated states kept per group. */
const KEEP = 4;

/** The best rung for each segment of a session on `trace`. */
export function optimalRungs(
  trace: Trace,
  bitratesKbps: readonly number[],
  model: SessionModel,
): number[] {
  const keep = KEEP;
  const rungs = bitratesKbps.length;
  const bins = Math.ceil(model.maxBufferSeconds / BUFFER_BIN_SECONDS) + 1;
  const groups = rungs * bins;
  const size = groups * keep;
  const layers: Layer[] = [];
  const step: StepResult = { time: 0, buffer: 0, downloadSeconds: 0, stall: 0 };
  const from = { time: 0, buffer: 0 };
  let previous: Layer | undefined;
  for (let segment = 0; segment < model.segments; segment++) {
    const layer = newLayer(groups, size);
    const sources = previous ? previous.count.length : 1;
    for (let group = 0; group < sources; group++) {
      const count = previous ? previous.count[group]! : 1;
      const lastKbps = previous ? bitratesKbps[Math.floor(group / bins)]! : 0;
      for (let slot = 0; slot < count; slot++) {
        const at = group * keep + slot;
        from.time = previous ? previous.time[at]! : 0;
        from.buffer = previous ? previous.buffer[at]! : 0;
        const utility = previous ? previous.utility[at]! : 0;
        for (let rung = 0; rung < rungs; rung++) {
          const kbps = bitratesKbps[rung]!;
          fetchSegment(trace, model, from, kbps, !previous, step);
          const score = utility + kbps / 1000 - (previous ? Math.abs(kbps - lastKbps) / 1000 : 0);
          const bin = Math.min(bins - 1, Math.floor(step.buffer / BUFFER_BIN_SECONDS));
          insert(layer, rung * bins + bin, keep, score, step.time, step.buffer, previous ? at : -1);
        }
      }
    }
    layers.push(layer);
    previous = layer;
  }
  return bestPath(layers, bins, keep);
}

interface Layer {
  count: Uint8Array;
  utility: Float64Array;
  time: Float64Array;
  buffer: Float64Array;
  parent: Int32Array;
}

function newLayer(groups: number, size: number): Layer {
  return {
    count: new Uint8Array(groups),
    utility: new Float64Array(size),
    time: new Float64Array(size),
    buffer: new Float64Array(size),
    parent: new Int32Array(size),
  };
}

/** The QoE a state would end with if nothing stalled from here on (up to a constant). */
const optimistic = (utility: number, end: number) => utility - REBUFFER_PENALTY * end;

function insert(
  layer: Layer,
  group: number,
  keep: number,
  utility: number,
  time: number,
  buffer: number,
  parent: number,
): void {
  const end = time + buffer;
  const base = group * keep;
  let count = layer.count[group]!;
  for (let slot = 0; slot < count; slot++) {
    const at = base + slot;
    const otherEnd = layer.time[at]! + layer.buffer[at]!;
    if (layer.utility[at]! >= utility && layer.time[at]! <= time && otherEnd <= end) return;
    if (utility >= layer.utility[at]! && time <= layer.time[at]! && end <= otherEnd) {
      // Dominated: move the last state into its slot and look at that one next.
      count--;
      copy(layer, base + count, at);
      slot--;
    }
  }
  let at = base + count;
  if (count === keep) {
    at = base;
    for (let slot = 1; slot < keep; slot++) {
      const candidate = base + slot;
      const value = optimistic(
        layer.utility[candidate]!,
        layer.time[candidate]! + layer.buffer[candidate]!,
      );
      if (value < optimistic(layer.utility[at]!, layer.time[at]! + layer.buffer[at]!))
        at = candidate;
    }
    if (
      optimistic(utility, end) <=
      optimistic(layer.utility[at]!, layer.time[at]! + layer.buffer[at]!)
    ) {
      layer.count[group] = count;
      return;
    }
  } else count++;
  layer.count[group] = count;
  layer.utility[at] = utility;
  layer.time[at] = time;
  layer.buffer[at] = buffer;
  layer.parent[at] = parent;
}

function copy(layer: Layer, from: number, to: number): void {
  layer.utility[to] = layer.utility[from]!;
  layer.time[to] = layer.time[from]!;
  layer.buffer[to] = layer.buffer[from]!;
  layer.parent[to] = layer.parent[from]!;
}

/** Walks back from the final state with the highest QoE. */
function bestPath(layers: Layer[], bins: number, keep: number): number[] {
  const last = layers.at(-1)!;
  let best = -1;
  let bestValue = -Infinity;
  last.count.forEach((count, group) => {
    for (let slot = 0; slot < count; slot++) {
      const at = group * keep + slot;
      const value = optimistic(last.utility[at]!, last.time[at]! + last.buffer[at]!);
      if (value > bestValue) {
        best = at;
        bestValue = value;
      }
    }
  });
  const rungs: number[] = [];
  for (let segment = layers.length - 1, at = best; segment >= 0; segment--) {
    rungs.push(Math.floor(at / keep / bins));
    at = layers[segment]!.parent[at]!;
  }
  return rungs.reverse();
}
