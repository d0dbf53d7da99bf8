/**
 * The ramp: viewers added in steps (100, 250, 500…), each step held for a
 * while and measured on its own, with `GET /api/health` probed throughout
 * as the baseline, and what this client process itself cost, so a slow
 * figure can be told apart from a client that could not keep up.
 *
 * Viewers accumulate: a step adds only the viewers it has more than the
 * last, arriving evenly over its first third (people do not all press Play
 * in the same millisecond) while everyone already watching carries on, and
 * then holds its N viewers. Its two halves are counted apart: "arriving"
 * (the arrivals, then half as long again for the queue they leave to
 * drain) and "holding" (the second half: N viewers watching). A step held
 * its viewers when, while holding, segment p99 was under 500 ms, and there
 * was not one error in either half. Arrivals are costly (home, startPlayback and the
 * playlists, fourteen requests each), so a flash crowd of starts is a test
 * of its own; its latencies are printed, not judged. The ramp ends after
 * the first step that misses the bar, unless told to keep going.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { availableParallelism } from "node:os";
import { machineCpuSeconds } from "../process-cpu.ts";
import { workerdCores, workerdThreadCpu } from "./stack-cpu.ts";
import type { SignedInViewer } from "./households.ts";
import type { LoadClient } from "./http-client.ts";
import { ROUTES, type Recorder, type StatsWindow } from "./stats.ts";
import { Viewer } from "./viewer.ts";

export const SEGMENT_P99_BAR_MS = 500;
const HEALTH_EVERY_MS = 250;
const LEAVE_CONCURRENCY = 64;
/** The event-loop histogram's sampling interval (ms), which every sample it takes includes. */
const LOOP_RESOLUTION_MS = 10;

export interface RampOptions {
  steps: number[];
  /** Seconds per step: new viewers arrive over its first third; its second half is the hold. */
  stepSeconds: number;
  keepGoing: boolean;
}

export interface StepResult {
  target: number;
  /** Viewers playing at the step's end. */
  playing: number;
  /** Viewers an error stopped (a start or a grant renewal refused), in this step or before. */
  failed: number;
  /** The first half: the new viewers arriving (home, startPlayback, first segments), and settling. */
  arriving: StatsWindow;
  /** The second half: N viewers watching. */
  holding: StatsWindow;
  holdSeconds: number;
  /** Over the hold: this process's CPU, in cores (1 = one core flat out). */
  clientCores: number;
  /** Over the hold: how late this process's event loop ran its timers, p99 (ms); near 0 when idle. */
  clientLoopDelayP99Ms: number;
  /** Over the hold: the stack's workerd processes and their busiest thread, in cores (null: --url). */
  workerd: { processes: number[]; busiestThread: number } | null;
  /** Over the hold: every process on the machine (stack, client, anyone else's), in cores. */
  machineCores: number;
}

/** Whether a step held its viewers: segment p99 under the bar while holding, and not one error. */
export function held(step: StepResult): boolean {
  const segments = step.holding.summary(ROUTES.segment);
  return (
    segments !== null &&
    segments.p99 < SEGMENT_P99_BAR_MS &&
    step.arriving.errors + step.holding.errors === 0 &&
    step.failed === 0
  );
}

export async function runRamp(
  client: LoadClient,
  recorder: Recorder,
  devices: SignedInViewer[],
  titles: string[],
  options: RampOptions,
  onStep: (step: StepResult) => void,
): Promise<{ steps: StepResult[]; end: StatsWindow }> {
  const viewers: Viewer[] = [];
  const arrivals: Promise<void>[] = [];
  const steps: StepResult[] = [];
  const probing = new AbortController();
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loopDelay.enable();

  const probe = (async () => {
    while (!probing.signal.aborted) {
      await client.send(ROUTES.health, "/api/health");
      await sleep(HEALTH_EVERY_MS).catch(() => {});
    }
  })();

  recorder.rotate();
  for (const target of options.steps) {
    const startedAt = performance.now();
    const newcomers = target - viewers.length;
    const stepMs = options.stepSeconds * 1000;
    const gapMs = stepMs / 3 / newcomers;
    for (let n = 0; n < newcomers; n++) {
      const index = viewers.length;
      const viewer = new Viewer(client, devices[index]!, titles[index % titles.length]!);
      viewers.push(viewer);
      arrivals.push(viewer.arrive());
      await sleep(Math.max(0, startedAt + (n + 1) * gapMs - performance.now()));
    }
    await sleep(Math.max(0, startedAt + stepMs / 2 - performance.now()));
    const arriving = recorder.rotate();

    const holdStarted = performance.now();
    const cpuBefore = process.cpuUsage();
    const machineBefore = machineCpuSeconds();
    const workerdBefore = workerdThreadCpu();
    loopDelay.reset();
    await sleep(Math.max(0, startedAt + stepMs - holdStarted));
    const holdSeconds = (performance.now() - holdStarted) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const step: StepResult = {
      target,
      playing: viewers.filter((viewer) => viewer.state === "playing").length,
      failed: viewers.filter((viewer) => viewer.state === "failed").length,
      arriving,
      holding: recorder.rotate(),
      holdSeconds,
      clientCores: (cpu.user + cpu.system) / 1e6 / holdSeconds,
      clientLoopDelayP99Ms: Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
      workerd: workerdCores(workerdBefore, workerdThreadCpu(), holdSeconds),
      machineCores: (machineCpuSeconds() - machineBefore) / holdSeconds,
    };
    steps.push(step);
    onStep(step);
    if (!held(step) && !options.keepGoing) break;
  }

  // The end of the run, counted on its own: everyone leaves, a few dozen at a time.
  probing.abort();
  await probe;
  await Promise.all(arrivals);
  let next = 0;
  await Promise.all(
    Array.from({ length: LEAVE_CONCURRENCY }, async () => {
      for (let n = next++; n < viewers.length; n = next++) await viewers[n]!.leave();
    }),
  );
  loopDelay.disable();
  return { steps, end: recorder.rotate() };
}

/** Cores on this machine, for reading `machineCores`. */
export const MACHINE_CORES = availableParallelism();
