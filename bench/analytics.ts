/**
 * `npm run bench:analytics`: QoE event ingestion (sendQoeEvents) on the
 * local stack at 32 connections — requests and events per second, p50 and
 * p99 latency under that load — beside `GET /api/health` (a route that
 * touches nothing) in the same run, the routes taking turns over three
 * rounds.
 *
 * Each request is a 10-event batch of one view, as the player sends every
 * 10 s (a heartbeat, rendition switches, a rebuffer, a seek, a pause, a
 * non-fatal error…), with a batch id of its own, so every request is folded
 * into the rollups (a repeated id would take the cheaper duplicate path).
 * The view is real: the demo viewer plays a short film made through the
 * pipeline, and the batches carry startPlayback's view token while that
 * playback session is on (each batch also checks the session).
 *
 *   npm run bench:analytics                 # its own fresh stack
 *   npm run bench:analytics -- --url URL    # a running `npm run dev` stack
 *   npm run bench:analytics -- --seconds 5  # shorter runs
 */
import type { QoeEvent, UnstampedQoeEvent } from "../lib/qoe/events.ts";
import { benchSeconds, benchStack } from "./lib/bench-stack.ts";
import { throughput, type LoadTarget } from "./lib/http-load.ts";
import { filmThroughPipeline } from "./lib/pipeline-film.ts";
import { fixed, printTable, ratio } from "./lib/table.ts";
import { startViewerPlayback } from "./lib/viewer-playback.ts";

const CONNECTIONS = 32;
const ROUNDS = 3;

function batchEvents(): QoeEvent[] {
  const at = Date.now();
  const rung = (height: number, bitrateKbps: number) => ({ height, bitrateKbps });
  const events: UnstampedQoeEvent[] = [
    { type: "rendition_switch", from: rung(480, 1200), to: rung(720, 2800), reason: "abr" },
    { type: "rebuffer_start" },
    { type: "rebuffer_end", durationMs: 850 },
    { type: "seek", fromMs: 60_000, toMs: 90_000 },
    { type: "pause" },
    { type: "error", fatal: false, code: "fragLoadTimeOut" },
    { type: "rendition_switch", from: rung(720, 2800), to: rung(1080, 5000), reason: "abr" },
    { type: "first_frame", startupMs: 640 },
    { type: "view_start" },
    {
      type: "heartbeat",
      renditions: [
        { ...rung(720, 2800), playedMs: 4000 },
        { ...rung(1080, 5000), playedMs: 6000 },
      ],
      upscaledMs: 0,
      droppedFrames: 2,
    },
  ];
  return events.map((event, seq) => ({ ...event, seq, at }) as QoeEvent);
}

const stack = await benchStack();
try {
  // A real view: the demo viewer playing a short film made through the pipeline, so the
  // view token is startPlayback's own and its session is on (a token counts only then).
  console.log("Making a short film playable through the pipeline, and playing it…");
  const titleId = await filmThroughPipeline(stack.url, {
    name: "Bench Analytics",
    clipArgs: [
      ...["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=8"],
      ...["-f", "lavfi", "-i", "sine=frequency=440:duration=8"],
      ...["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"],
    ],
    until: "playable",
  });
  const playback = await startViewerPlayback(stack.url, titleId, "web-bench-analytics");
  const { viewToken } = playback;
  const events = batchEvents();
  const routes: [string, LoadTarget, number][] = [
    ["GET /api/health (baseline)", { path: "/api/health" }, 0],
    [
      "POST /api/qoe/events (10 events)",
      {
        method: "POST",
        path: "/api/qoe/events",
        headers: { "content-type": "application/json" },
        bodyFor: () => JSON.stringify({ viewToken, batchId: crypto.randomUUID(), events }),
      },
      events.length,
    ],
  ];
  const seconds = benchSeconds();
  const totals = routes.map(() => ({ requestsPerSecond: 0, p50Ms: 0, p99Ms: 0, non2xx: 0 }));
  for (const [, target] of routes)
    await throughput(stack.url, target, { connections: CONNECTIONS, seconds: 2 });
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [index, [, target]] of routes.entries()) {
      const result = await throughput(stack.url, target, {
        connections: CONNECTIONS,
        seconds: Math.max(1, Math.round(seconds / ROUNDS)),
      });
      const total = totals[index]!;
      total.requestsPerSecond += result.requestsPerSecond / ROUNDS;
      total.p50Ms += result.p50Ms / ROUNDS;
      // The worst round's p99: a tail is not averaged away.
      total.p99Ms = Math.max(total.p99Ms, result.p99Ms);
      total.non2xx += result.non2xx;
    }
    console.log(`round ${round} of ${ROUNDS} done`);
  }
  const [baseline] = totals;
  console.log(
    `\nbench:analytics — ${CONNECTIONS} connections, ${seconds} s per route in ${ROUNDS} interleaved rounds, ${new Date().toISOString()}, ${stack.url}\n`,
  );
  printTable(
    [
      "route",
      "req/s",
      "events/s",
      "p50 ms",
      "p99 ms (worst round)",
      "req/s vs baseline",
      "p99 vs baseline",
      "non-2xx",
    ],
    routes.map(([label, , eventsPerRequest], index) => {
      const total = totals[index]!;
      return [
        label,
        fixed(total.requestsPerSecond, 0),
        eventsPerRequest ? fixed(total.requestsPerSecond * eventsPerRequest, 0) : "—",
        fixed(total.p50Ms, 1),
        fixed(total.p99Ms, 0),
        ratio(total.requestsPerSecond, baseline!.requestsPerSecond),
        ratio(total.p99Ms, baseline!.p99Ms),
        total.non2xx,
      ];
    }),
  );
  await playback.stop();
} finally {
  await stack.stop();
}
