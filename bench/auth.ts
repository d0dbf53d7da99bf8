/**
 * `npm run bench:auth`: sign-in and an authenticated profile list on the
 * local stack, beside `GET /api/health` (a route that touches nothing) in
 * the same run: latency at 1 connection, throughput at 32.
 *
 *   npm run bench:auth                 # its own fresh stack
 *   npm run bench:auth -- --url URL    # a running stack (real rate limits apply)
 *   npm run bench:auth -- --seconds 5  # shorter runs
 */
import { parseArgs } from "node:util";
import { benchStack } from "./lib/bench-stack.ts";
import {
  latency,
  throughput,
  type LatencyResult,
  type LoadTarget,
  type ThroughputResult,
} from "./lib/http-load.ts";
import { fixed, printTable, ratio } from "./lib/table.ts";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "10" } },
  strict: false,
});
const seconds = Number(values.seconds);
const stack = await benchStack();

try {
  const json = { "content-type": "application/json" };
  const email = `bench-${Date.now()}@example.com`;
  const password = "bench-marks-the-spot-42";
  const registered = await fetch(`${stack.url}/api/auth/register`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ email, password, tokenDelivery: "body" }),
  });
  if (registered.status !== 201)
    throw new Error(
      `could not register the bench account: ${registered.status} ${await registered.text()}`,
    );
  const { tokens } = (await registered.json()) as { tokens: { accessToken: string } };

  const routes: [string, LoadTarget][] = [
    ["GET /api/health (baseline)", { path: "/api/health" }],
    [
      "POST /api/auth/login",
      {
        method: "POST",
        path: "/api/auth/login",
        headers: json,
        body: JSON.stringify({ email, password, tokenDelivery: "body" }),
      },
    ],
    [
      "GET /api/profiles (authenticated)",
      { path: "/api/profiles", headers: { authorization: `Bearer ${tokens.accessToken}` } },
    ],
  ];

  const results = new Map<string, { single: LatencyResult; concurrent: ThroughputResult }>();
  for (const [name, target] of routes) {
    await latency(stack.url, target, { seconds: 2 }); // warm-up
    const single = await latency(stack.url, target, { seconds });
    const concurrent = await throughput(stack.url, target, { connections: 32, seconds });
    results.set(name, { single, concurrent });
    console.log(`measured ${name}`);
  }

  const baseline = results.get(routes[0]![0])!;
  console.log(
    `\nbench:auth — ${seconds} s per measurement, ${new Date().toISOString()}, ${stack.url}\n`,
  );
  printTable(
    [
      "route",
      "p50 ms (1 conn)",
      "p99 ms (1 conn)",
      "p50 vs health",
      "req/s (32 conn)",
      "req/s vs health",
      "non-2xx",
    ],
    [...results].map(([name, { single, concurrent }]) => [
      name,
      fixed(single.p50Ms, 2),
      fixed(single.p99Ms, 2),
      ratio(single.p50Ms, baseline.single.p50Ms),
      fixed(concurrent.requestsPerSecond, 0),
      ratio(concurrent.requestsPerSecond, baseline.concurrent.requestsPerSecond),
      single.non2xx + concurrent.non2xx,
    ]),
  );
} finally {
  await stack.stop();
}
