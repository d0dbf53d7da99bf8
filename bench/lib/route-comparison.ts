/**
 * The table every route benchmark prints: each route's latency at one
 * connection (p50/p99) and throughput at 32, beside a baseline route
 * measured in the same run, with ratios to it. The first route is the
 * baseline.
 *
 * The routes take turns over several rounds (latency samples are pooled,
 * throughput averaged), so the slow drift of a busy 2-core machine falls
 * on every route alike instead of on whichever ran last.
 */
import { latencySamples, summarize, throughput, type LoadTarget } from "./http-load.ts";
import { fixed, printTable, ratio } from "./table.ts";

const ROUNDS = 3;

export async function compareRoutes(
  name: string,
  baseUrl: string,
  routes: [label: string, target: LoadTarget][],
  { seconds, connections = 32 }: { seconds: number; connections?: number },
) {
  const perRound = seconds / ROUNDS;
  const pooled = routes.map(() => ({ durations: [] as number[], non2xx: 0, requestsPerSecond: 0 }));
  for (const [, target] of routes) await latencySamples(baseUrl, target, { seconds: 2 }); // warm-up
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [index, [, target]] of routes.entries()) {
      const single = await latencySamples(baseUrl, target, { seconds: perRound });
      const concurrent = await throughput(baseUrl, target, {
        connections,
        seconds: Math.max(1, Math.round(perRound)),
      });
      pooled[index]!.durations.push(...single.durations);
      pooled[index]!.non2xx += single.non2xx + concurrent.non2xx;
      pooled[index]!.requestsPerSecond += concurrent.requestsPerSecond / ROUNDS;
    }
    console.log(`round ${round} of ${ROUNDS} done`);
  }
  const results = routes.map(([label], index) => ({
    label,
    single: summarize({ durations: pooled[index]!.durations, non2xx: 0 }),
    requestsPerSecond: pooled[index]!.requestsPerSecond,
    non2xx: pooled[index]!.non2xx,
  }));
  const [baseline] = results;
  console.log(
    `\n${name} — ${seconds} s per route in ${ROUNDS} interleaved rounds, ${new Date().toISOString()}, ${baseUrl}\n`,
  );
  printTable(
    [
      "route",
      "p50 ms (1 conn)",
      "p99 ms (1 conn)",
      "p50 vs baseline",
      `req/s (${connections} conn)`,
      "req/s vs baseline",
      "non-2xx",
    ],
    results.map(({ label, single, requestsPerSecond, non2xx }) => [
      label,
      fixed(single.p50Ms, 2),
      fixed(single.p99Ms, 2),
      ratio(single.p50Ms, baseline!.single.p50Ms),
      fixed(requestsPerSecond, 0),
      ratio(requestsPerSecond, baseline!.requestsPerSecond),
      non2xx,
    ]),
  );
  return results;
}
