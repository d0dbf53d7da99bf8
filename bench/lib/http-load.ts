/**
 * HTTP load from a second process (autocannon), reduced to the figures our
 * benchmark tables print. Any answer that is not 2xx is counted, so a table
 * built from refused requests is visible as such.
 */
import autocannon from "autocannon";

export interface LoadTarget {
  method?: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export async function load(
  baseUrl: string,
  target: LoadTarget,
  { connections, seconds }: { connections: number; seconds: number },
): Promise<LoadResult> {
  const result = await autocannon({
    url: baseUrl + target.path,
    method: target.method ?? "GET",
    headers: target.headers,
    body: target.body,
    connections,
    duration: seconds,
  });
  return {
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
