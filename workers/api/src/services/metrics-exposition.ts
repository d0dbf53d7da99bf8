/**
 * GET /metrics' document: the api Worker's request counts and latency (the
 * RequestMetrics shards, added up) and playback from the QoE rollups, as
 * Prometheus metric families. Each family's HELP says what it counts.
 */
import {
  LATENCY_BUCKETS_SECONDS,
  type RequestStats,
} from "../../../../lib/metrics/request-stats.ts";
import {
  bucketIndex,
  renderPrometheusText,
  type MetricFamily,
} from "../../../../lib/metrics/prometheus-text.ts";
import { ALERT_RULES } from "../../../../lib/qoe/alert-rules.ts";
import { flushRequestMetrics } from "../middleware/request-metrics.ts";
import { readRequestStats } from "../storage/request-metrics.ts";
import { readStreamingMetrics, type StreamingMetrics } from "../storage/streaming-metrics.ts";

/** Bounds of the bitrate histogram, kbps: from a phone's lowest rung to 4K. */
export const BITRATE_BUCKETS_KBPS = [
  250, 500, 1000, 1500, 2500, 4000, 6000, 8000, 12000, 16000, 25000,
] as const;

function requestFamilies({ counts, latencies }: RequestStats): MetricFamily[] {
  return [
    {
      name: "http_requests_total",
      help: "Requests the api Worker answered, by route pattern, method and status.",
      type: "counter",
      samples: counts.map(({ route, method, status, count }) => ({
        labels: { route, method, status: String(status) },
        value: count,
      })),
    },
    {
      name: "http_request_duration_seconds",
      help: "Time from the api Worker receiving a request to its response's headers, by route pattern and method.",
      type: "histogram",
      bounds: LATENCY_BUCKETS_SECONDS,
      series: latencies.map(({ route, method, buckets, sumSeconds }) => ({
        labels: { route, method },
        buckets,
        sum: sumSeconds,
      })),
    },
  ];
}

function bitrateHistogram(bitrates: StreamingMetrics["bitrates"]) {
  const buckets = new Array<number>(BITRATE_BUCKETS_KBPS.length + 1).fill(0);
  let sum = 0;
  for (const { bitrateKbps, playedMs } of bitrates) {
    const seconds = playedMs / 1000;
    buckets[bucketIndex(BITRATE_BUCKETS_KBPS, bitrateKbps)]! += seconds;
    sum += bitrateKbps * seconds;
  }
  return { buckets, sum };
}

function streamingFamilies(streaming: StreamingMetrics): MetricFamily[] {
  const { totals } = streaming;
  return [
    {
      name: "streaming_starts_total",
      help: "Views started (Play pressed), over every title, device and country.",
      type: "counter",
      samples: [{ value: totals.viewsStarted }],
    },
    {
      name: "streaming_buffer_events_total",
      help: "Rebuffering events: playback stalled on an empty buffer after the first frame.",
      type: "counter",
      samples: [{ value: totals.rebufferCount }],
    },
    {
      name: "streaming_playback_errors_total",
      help: 'Playback errors: fatal="true" counts views that ended in a fatal error, fatal="false" errors the player recovered from.',
      type: "counter",
      samples: [
        { labels: { fatal: "true" }, value: totals.failedViews },
        { labels: { fatal: "false" }, value: totals.nonFatalErrors },
      ],
    },
    {
      name: "streaming_bitrate_kbps",
      help: "Time played by rendition bitrate: each observation is one second of video played at a rendition of that bitrate (kbps), so _count is seconds played and _sum kbps x seconds.",
      type: "histogram",
      bounds: BITRATE_BUCKETS_KBPS,
      series: [bitrateHistogram(streaming.bitrates)],
    },
    {
      name: "streaming_concurrent_viewers",
      help: "Views that reported anything in the last complete minute.",
      type: "gauge",
      samples: [{ value: streaming.concurrentViewers }],
    },
    {
      name: "streaming_alerts_firing",
      help: "1 while the QoE alert rule has an open alert, else 0.",
      type: "gauge",
      samples: ALERT_RULES.map((rule) => ({
        labels: { rule },
        value: streaming.firingRules.has(rule) ? 1 : 0,
      })),
    },
  ];
}

/** This isolate's requests are sent first, so the document includes everything up to now. */
export async function metricsExposition(env: Env): Promise<string> {
  await flushRequestMetrics(env);
  const [requests, streaming] = await Promise.all([
    readRequestStats(env),
    readStreamingMetrics(env.DB),
  ]);
  return renderPrometheusText([...requestFamilies(requests), ...streamingFamilies(streaming)]);
}
