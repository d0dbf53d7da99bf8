/**
 * The table every route benchmark prints: each route's latency at one
 * connection (p50/p99) and throughput at 32, beside a baseline route
 * measured in the same run, with ratios to it. The first route is the
 * baseline.
 */
import { latency, throughput, type LoadTarget } from "./http-load.ts";
import { fixed, printTable, ratio } from "./table.ts";

export async function compareRoutes(
  name: string,
  baseUrl: string,
  routes: [label: string, target: LoadTarget][],
  { seconds, connections = 32 }: { seconds: number; connections?: number },
) {
  const results = [];
  for (const [label, target] of routes) {
    await latency(baseUrl, target, { seconds: 2 }); // warm-up: caches, JIT, connections
    const single = await latency(baseUrl, target, { seconds });
    const concurrent = await throughput(baseUrl, target, { connections, seconds });
    results.push({ label, single, concurrent });
    console.log(`measured ${label}`);
  }
  const [baseline] = results;
  console.log(
    `\n${name} — ${seconds} s per measurement, ${new Date().toISOString()}, ${baseUrl}\n`,
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
    results.map(({ label, single, concurrent }) => [
      label,
      fixed(single.p50Ms, 2),
      fixed(single.p99Ms, 2),
      ratio(single.p50Ms, baseline!.single.p50Ms),
      fixed(concurrent.requestsPerSecond, 0),
      ratio(concurrent.requestsPerSecond, baseline!.concurrent.requestsPerSecond),
      single.non2xx + concurrent.non2xx,
    ]),
  );
  return results;
}
