/**
 * bench:load's tables: one line per step (viewers, throughput, segment
 * latency, R2 reads per segment, errors, the health baseline, and what the
 * client, the stack's workerd and the machine used), every route per step
 * in both phases, the end of the run, and the verdict against issue 12's
 * targets.
 */
import { fixed, printTable } from "../table.ts";
import { held, MACHINE_CORES, SEGMENT_P99_BAR_MS, type StepResult } from "./ramp.ts";
import {
  r2ReadsPerSegment,
  ROUTES,
  type CacheCounts,
  type Route,
  type RouteSummary,
  type StatsWindow,
} from "./stats.ts";

/** Issue 12's targets. */
const TARGET_VIEWERS = 1000;
const TARGET_R2_READS_PER_SEGMENT = 0.05;
const VIEWER_ROUTES: Route[] = [
  ROUTES.account,
  ROUTES.profiles,
  ROUTES.home,
  ROUTES.hero,
  ROUTES.start,
  ROUTES.master,
  ROUTES.playlist,
  ROUTES.init,
  ROUTES.segment,
  ROUTES.progress,
  ROUTES.qoe,
  ROUTES.renewGrant,
  ROUTES.renewToken,
  ROUTES.stop,
  ROUTES.health,
];
const SETUP_ROUTES: Route[] = [
  ROUTES.register,
  ROUTES.login,
  ROUTES.profiles,
  ROUTES.createProfile,
  ROUTES.selectProfile,
];

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? "—" : fixed(value, value < 10 ? 1 : 0);

const errorsCell = (summary: RouteSummary | null) =>
  !summary ? "—" : summary.errors ? `${summary.errors} (${summary.failures})` : "0";

function summaryCells(summary: RouteSummary | null) {
  return summary
    ? [summary.requests, ms(summary.p50), ms(summary.p99), errorsCell(summary)]
    : ["—", "—", "—", "—"];
}

function routeRows(window: StatsWindow, routes: Route[]) {
  return routes.flatMap((route) => {
    const summary = window.summary(route);
    return summary ? [[route, ...summaryCells(summary)]] : [];
  });
}

function cacheCell(cache: CacheCounts): string {
  const reads = r2ReadsPerSegment(cache);
  const { hit, miss, absent } = cache;
  return `${Number.isNaN(reads) ? "—" : fixed(reads, 3)} (${hit} hit, ${miss} miss${absent ? `, ${absent} no header` : ""})`;
}

export function printRun(run: {
  url: string;
  setup: StatsWindow;
  setupSeconds: number;
  steps: StepResult[];
  end: StatsWindow;
  stepSeconds: number;
}): void {
  const { steps } = run;
  console.log(
    `\nbench:load — ${steps.map((step) => step.target).join(" → ")} viewers, ${run.stepSeconds} s per step (arrivals over the first third; the second half held), ${new Date().toISOString()}, ${run.url}`,
  );
  console.log(`\nSetup, before the clock: ${fixed(run.setupSeconds, 0)} s`);
  printTable(
    ["route", "requests", "p50 ms", "p99 ms", "errors"],
    routeRows(run.setup, SETUP_ROUTES),
  );

  console.log(
    "\nPer step, over its second half (N viewers watching) unless it says arriving. Segments: video and audio media segments; R2 reads per segment: misses / init and media segments served",
  );
  printTable(
    [
      "viewers",
      "playing",
      "requests/s",
      "segments/s",
      "MB/s",
      "segment p50 ms",
      "segment p99 ms",
      "R2 reads per segment: arriving",
      "holding",
      "errors (arriving + holding)",
      "health p50 ms",
      "health p99 ms",
      "client CPU (cores)",
      "client loop delay p99 ms",
      "workerd CPU by process (cores)",
      "its busiest thread (cores)",
      "workerd CPU per request (ms)",
      `machine CPU (of ${MACHINE_CORES} cores)`,
      `held (p99 < ${SEGMENT_P99_BAR_MS} ms, no errors)`,
    ],
    steps.map((step) => {
      const { holding } = step;
      const segments = holding.summary(ROUTES.segment);
      const health = holding.summary(ROUTES.health);
      return [
        step.target,
        step.playing,
        fixed(holding.requests / step.holdSeconds, 0),
        fixed(holding.segmentsServed / step.holdSeconds, 0),
        fixed(holding.segmentBytes / 1e6 / step.holdSeconds, 1),
        ms(segments?.p50),
        ms(segments?.p99),
        cacheCell(step.arriving.cache),
        cacheCell(holding.cache),
        `${step.arriving.errors} + ${step.holding.errors}` +
          (step.failed ? ` (${step.failed} viewers stopped)` : ""),
        ms(health?.p50),
        ms(health?.p99),
        fixed(step.clientCores, 2),
        ms(step.clientLoopDelayP99Ms),
        step.workerd ? step.workerd.processes.map((cores) => fixed(cores, 2)).join(" + ") : "—",
        step.workerd ? fixed(step.workerd.busiestThread, 2) : "—",
        step.workerd
          ? ms((sum(step.workerd.processes) * 1000 * step.holdSeconds) / holding.requests)
          : "—",
        fixed(step.machineCores, 2),
        held(step) ? "yes" : "NO",
      ];
    }),
  );

  console.log("\nPer step and route");
  printTable(
    [
      "viewers",
      "route",
      "arriving: requests",
      "p50 ms",
      "p99 ms",
      "errors",
      "holding: requests",
      "p50 ms",
      "p99 ms",
      "errors",
    ],
    steps.flatMap((step) =>
      VIEWER_ROUTES.flatMap((route) => {
        const arriving = step.arriving.summary(route);
        const holding = step.holding.summary(route);
        if (!arriving && !holding) return [];
        return [[step.target, route, ...summaryCells(arriving), ...summaryCells(holding)]];
      }),
    ),
  );

  console.log("\nEnd of the run (every viewer leaves, 64 at a time)");
  printTable(
    ["route", "requests", "p50 ms", "p99 ms", "errors"],
    routeRows(run.end, VIEWER_ROUTES),
  );

  const absent = steps.reduce(
    (sum, step) => sum + step.arriving.cache.absent + step.holding.cache.absent,
    0,
  );
  if (absent > 0)
    console.log(
      `\nNote: ${absent} segment answers had no X-Marquee-Cache header; each is counted as an R2 read (a miss).`,
    );

  const heldSteps = steps.filter((_, index) => steps.slice(0, index + 1).every(held));
  const largest = heldSteps.at(-1)?.target ?? 0;
  console.log(
    `\nLargest N held (while holding, segment p99 < ${SEGMENT_P99_BAR_MS} ms; no errors; at that step and every one before): ` +
      `${largest || "none"} — target ≥ ${TARGET_VIEWERS}: ${largest >= TARGET_VIEWERS ? "met" : "not met"}`,
  );
  const last = steps.at(-1)!;
  const warmReads = r2ReadsPerSegment(last.holding.cache);
  console.log(
    `R2 reads per segment in the last step's hold (${last.target} viewers; warm once every film has been played through): ` +
      `${Number.isNaN(warmReads) ? "—" : fixed(warmReads, 3)} — target < ${TARGET_R2_READS_PER_SEGMENT}: ` +
      `${warmReads < TARGET_R2_READS_PER_SEGMENT ? "met" : "not met"}`,
  );
}
