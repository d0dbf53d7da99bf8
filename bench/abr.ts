/**
 * `npm run bench:abr`: the player's ABR policy (lib/abr/policy.ts, the code the player runs)
 * beside a throughput rule, BOLA and the offline optimum, each playing one session per network
 * trace in the trace-driven simulator (bench/lib/abr/simulator.ts states its model), on a
 * Netflix-like ladder and on the ladders our transcoder plans for the demo clips. The headline
 * is each policy's total QoE over all traces divided by the optimum's total; under each
 * ladder's table, a regression line says whether our policy still reaches 0.9 of it.
 *
 *   npm run bench:abr                        # the development traces
 *   npm run bench:abr -- --traces DIR        # any folder of traces in the same format
 *   npm run bench:abr -- --limit 40          # the first 40 traces only (quicker)
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { bola, throughputRule } from "../lib/abr/baselines.ts";
import { createAbrPolicy, type AbrPolicy } from "../lib/abr/policy.ts";
import { ROOT } from "../scripts/local-stack.ts";
import { demoLadders, NETFLIX_LADDER, type Ladder } from "./lib/abr/ladders.ts";
import { optimalRungs } from "./lib/abr/optimum.ts";
import { qoe, summarize, type Session } from "./lib/abr/qoe.ts";
import { playSession, SESSION_MODEL } from "./lib/abr/simulator.ts";
import { loadTraces } from "./lib/abr/traces.ts";
import { fixed, printTable } from "./lib/table.ts";

const { values } = parseArgs({
  options: {
    traces: { type: "string", default: "../shared/data/abr-traces/dev" },
    limit: { type: "string" },
  },
});
const dir = resolve(ROOT, values.traces);
const traces = loadTraces(dir, values.limit === undefined ? Infinity : Number(values.limit));
const model = SESSION_MODEL;
console.log(
  `bench:abr: ${traces.length} traces from ${dir}; one session of ${model.segments} × ` +
    `${model.segmentSeconds} s segments per trace, ${model.rttSeconds * 1000} ms round trip ` +
    `per request, ${model.maxBufferSeconds} s max buffer`,
);

/** The policy's QoE over the optimum's, on every ladder: the product's bar (the playback issue). */
const TARGET = 0.9;

const online: [string, AbrPolicy][] = [
  ["our policy", createAbrPolicy()],
  ["throughput rule (HM5 × 0.9)", throughputRule],
  ["BOLA", bola],
];

for (const ladder of [NETFLIX_LADDER, ...(await demoLadders())]) report(ladder);

function report(ladder: Ladder): void {
  const started = performance.now();
  const play = (policy: AbrPolicy) =>
    traces.map((trace) => playSession(trace, ladder.kbps, policy));
  const optimum = traces.map((trace) =>
    playSession(trace, ladder.kbps, replay(optimalRungs(trace, ladder.kbps, model))),
  );
  const rows: [string, Session[]][] = [
    ...online.map(([name, policy]): [string, Session[]] => [name, play(policy)]),
    ["offline optimum (DP)", optimum],
  ];
  const optimumTotal = summarize(optimum, model.segmentSeconds).totalQoe;
  console.log(
    `\n${ladder.name} ladder (${ladder.kbps.join(", ")} kbps), ` +
      `${fixed((performance.now() - started) / 1000)} s:`,
  );
  printTable(
    [
      "policy",
      "QoE / optimum",
      "mean QoE",
      "avg bitrate (kbps)",
      "rebuffer (%)",
      "startup (s)",
      "switches / session",
    ],
    rows.map(([name, sessions]) => {
      const s = summarize(sessions, model.segmentSeconds);
      return [
        name,
        fixed(s.totalQoe / optimumTotal, 4),
        fixed(s.meanQoe),
        fixed(s.meanKbps, 0),
        fixed(s.rebufferPercent, 2),
        fixed(s.meanStartupSeconds, 2),
        fixed(s.switchesPerSession),
      ];
    }),
  );
  const ours = summarize(rows[0]![1], model.segmentSeconds).totalQoe / optimumTotal;
  console.log(
    `our policy on the ${ladder.name} ladder: ${fixed(ours, 3)} of the optimum (target ≥ ${TARGET}: ${ours >= TARGET ? "met" : "MISSED"})`,
  );
  // The optimum's pruning is not exact in theory; say so if an online policy ever beats it.
  const beaten = rows
    .slice(0, -1)
    .flatMap(([, sessions]) => sessions.filter((s, i) => qoe(s) > qoe(optimum[i]!) + 1e-6));
  if (beaten.length > 0)
    console.log(`(an online policy beat the optimum in ${beaten.length} sessions)`);
}

/** Plays a precomputed plan through the same simulator, so its metrics come out the same way. */
function replay(rungs: number[]): AbrPolicy {
  return {
    chooseRung: (input) => ({ rung: rungs[input.downloads.length]!, reason: "throughput" }),
  };
}
