/**
 * A generated set of QoE views (seeded, so a failure can be replayed): each
 * view's raw events as a player would send them — starts, startup times,
 * exits before start, fatal errors, rebuffers, switches, seeks, pauses,
 * heartbeats over a ladder, completions — split into batches of random
 * size. Tests send the batches and compare what the API reports with the
 * metrics recomputed here, view by view, from the raw events.
 */
import type { QoeEvent } from "../lib/qoe/events.ts";

const LADDER = [
  { height: 240, bitrateKbps: 400 },
  { height: 480, bitrateKbps: 1200 },
  { height: 720, bitrateKbps: 2800 },
  { height: 1080, bitrateKbps: 5000 },
];

export interface GeneratedView {
  events: QoeEvent[];
  batches: QoeEvent[][];
}

export function generateView(random: () => number, at = Date.now()): GeneratedView {
  const events: QoeEvent[] = [];
  const push = (event: Record<string, unknown>) =>
    events.push({ seq: events.length, at: at + events.length * 1000, ...event } as QoeEvent);
  push({ type: "view_start" });
  const outcome = random();
  if (outcome < 0.1) {
    push({ type: "view_end", reason: "exited", beforeFirstFrame: true, completed: false });
  } else if (outcome < 0.16) {
    push({ type: "error", fatal: true, code: "manifestLoadError" });
    push({ type: "view_end", reason: "error", beforeFirstFrame: true, completed: false });
  } else {
    // Log-normal-ish startup between ~150 ms and ~5 s.
    push({ type: "first_frame", startupMs: Math.round(150 * Math.exp(random() * 3.5)) });
    let rung = LADDER[Math.floor(random() * 2)]!;
    push({ type: "rendition_switch", from: null, to: rung, reason: "start" });
    const heartbeats = 1 + Math.floor(random() * 6);
    for (let beat = 0; beat < heartbeats; beat++) {
      if (random() < 0.3) {
        const next = LADDER[Math.floor(random() * LADDER.length)]!;
        if (next !== rung) push({ type: "rendition_switch", from: rung, to: next, reason: "abr" });
        rung = next;
      }
      if (random() < 0.2) {
        push({ type: "rebuffer_start" });
        push({ type: "rebuffer_end", durationMs: Math.round(200 + random() * 3000) });
      }
      if (random() < 0.1) push({ type: "error", fatal: false, code: "fragLoadTimeOut" });
      if (random() < 0.15)
        push({ type: "seek", fromMs: beat * 10_000, toMs: beat * 10_000 + 30_000 });
      if (random() < 0.1) push({ type: "pause" });
      const playedMs = Math.round(5_000 + random() * 5_000);
      push({
        type: "heartbeat",
        renditions: [{ ...rung, playedMs }],
        upscaledMs: rung.height < 720 ? playedMs : 0,
        droppedFrames: Math.floor(random() * 5),
      });
    }
    const completed = random() < 0.3;
    push({
      type: "view_end",
      reason: completed ? "ended" : "exited",
      beforeFirstFrame: false,
      completed,
    });
  }
  const batches: QoeEvent[][] = [];
  for (let index = 0; index < events.length;) {
    const size = 1 + Math.floor(random() * 6);
    batches.push(events.slice(index, index + size));
    index += size;
  }
  return { events, batches };
}

/** Nearest-rank percentile of raw values. */
function exactPercentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]!;
}

/** The QoE metrics of a set of views, recomputed view by view from their raw events. */
export function metricsOfViews(views: QoeEvent[][]) {
  let startupMs = 0;
  let rebufferMs = 0;
  let rebuffers = 0;
  let playedMs = 0;
  let kbpsMs = 0;
  let upscaledMs = 0;
  let failed = 0;
  let exits = 0;
  let completions = 0;
  const startups: number[] = [];
  for (const events of views) {
    const failedView = events.some((event) => event.type === "error" && event.fatal);
    if (failedView) failed += 1;
    for (const event of events) {
      if (event.type === "first_frame") {
        startups.push(event.startupMs);
        startupMs += event.startupMs;
      }
      if (event.type === "rebuffer_start") rebuffers += 1;
      if (event.type === "rebuffer_end") rebufferMs += event.durationMs;
      if (event.type === "heartbeat") {
        for (const rendition of event.renditions) {
          playedMs += rendition.playedMs;
          kbpsMs += rendition.playedMs * rendition.bitrateKbps;
        }
        upscaledMs += event.upscaledMs;
      }
      if (event.type === "view_end") {
        if (event.beforeFirstFrame && !failedView) exits += 1;
        if (event.completed) completions += 1;
      }
    }
  }
  const watchMs = startupMs + playedMs + rebufferMs;
  return {
    views: views.length,
    startupP50: exactPercentile(startups, 0.5),
    startupP95: exactPercentile(startups, 0.95),
    startupMean: startups.length ? startupMs / startups.length : null,
    rebufferPercentage: (rebufferMs / watchMs) * 100,
    rebufferFrequencyPerMinute: rebuffers / (watchMs / 60_000),
    playbackFailurePercentage: (failed / views.length) * 100,
    exitsBeforeVideoStartPercentage: (exits / views.length) * 100,
    averageBitrateKbps: kbpsMs / playedMs,
    upscalePercentage: (upscaledMs / playedMs) * 100,
    watchHours: watchMs / 3_600_000,
    playedMs,
    completions,
  };
}
