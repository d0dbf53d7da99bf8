/**
 * HTTP load from a second process, reduced to the figures our benchmark
 * tables print:
 *
 * - `latencySamples`: one connection, requests back to back on a keep-alive
 *   socket, each timed with a monotonic clock to the microsecond (autocannon
 *   rounds to whole milliseconds, too coarse beside a 3 ms baseline);
 * - `throughput`: many connections at once, with autocannon.
 *
 * Answers that are not 2xx are counted, so a figure built from refused
 * requests shows up as such.
 */
import { Agent, request } from "node:http";
import autocannon from "autocannon";

export interface LoadTarget {
  method?: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** A body made afresh for each request (one that must not repeat, such as a batch id). */
  bodyFor?: () => string;
}

export interface LatencyResult {
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
}

export interface ThroughputResult {
  requestsPerSecond: number;
  requests: number;
  non2xx: number;
  /** Latency under that load (autocannon's, whole milliseconds). */
  p50Ms: number;
  p99Ms: number;
}

function send(agent: Agent, url: URL, target: LoadTarget): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { agent, method: target.method ?? "GET", headers: target.headers },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(target.bodyFor?.() ?? target.body);
  });
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

/** Request durations (ms) of one connection sending back to back for `seconds`. */
export async function latencySamples(
  baseUrl: string,
  target: LoadTarget,
  { seconds }: { seconds: number },
): Promise<{ durations: number[]; non2xx: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(target.path, baseUrl);
  const durations: number[] = [];
  let non2xx = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const started = performance.now();
    const status = await send(agent, url, target);
    durations.push(performance.now() - started);
    if (status < 200 || status >= 300) non2xx++;
  }
  agent.destroy();
  return { durations, non2xx };
}

export function summarize({
  durations,
  non2xx,
}: {
  durations: number[];
  non2xx: number;
}): LatencyResult {
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    requests: sorted.length,
    non2xx,
  };
}

export async function throughput(
  baseUrl: string,
  target: LoadTarget,
  { connections, seconds }: { connections: number; seconds: number },
): Promise<ThroughputResult> {
  const result = await autocannon({
    url: baseUrl + target.path,
    method: target.method ?? "GET",
    headers: target.headers,
    body: target.body,
    ...(target.bodyFor
      ? { requests: [{ setupRequest: (request) => ({ ...request, body: target.bodyFor!() }) }] }
      : {}),
    connections,
    duration: seconds,
  });
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    non2xx: result.non2xx + result.errors + result.timeouts,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}
