/**
 * Folds one validated batch of a view's events into what the rollups add:
 * counter deltas for the minute it arrived in, startup-histogram counts,
 * time per rendition and the profile's engagement for the day. Pure, so the
 * analytics Worker's write and the rollup tests share it, and a batch folds
 * the same way whether it is applied at once or later from the queue.
 *
 * Events are counted in the minute the server received the batch, not by
 * the client's clock, which may be anything; the player sends every 10 s,
 * so an event lands at most a few seconds from its minute.
 */
import { bucketOf } from "./histogram.ts";
import type { QoeEvent } from "./events.ts";
import { emptyTotals, type QoeTotals, type RenditionShare } from "./metrics.ts";
import { MINUTE_MS } from "./rollup-reads.ts";

export interface FoldedBatch {
  minute: number;
  /** UTC day (YYYY-MM-DD) for engagement. */
  day: string;
  totals: QoeTotals;
  /** Startup-histogram bucket → views. */
  startupBuckets: Map<number, number>;
  renditions: RenditionShare[];
  engagement: { playedMs: number; starts: number; completions: number };
}

export function minuteOf(time: number): number {
  return time - (time % MINUTE_MS);
}

export function foldBatch(events: readonly QoeEvent[], receivedAt: number): FoldedBatch {
  const totals = emptyTotals();
  const startupBuckets = new Map<number, number>();
  const renditions = new Map<string, RenditionShare>();
  for (const event of events) {
    switch (event.type) {
      case "view_start":
        totals.viewsStarted += 1;
        break;
      case "first_frame": {
        totals.firstFrames += 1;
        totals.startupMsSum += event.startupMs;
        totals.startupMsSumSquares += event.startupMs ** 2;
        const bucket = bucketOf(event.startupMs);
        startupBuckets.set(bucket, (startupBuckets.get(bucket) ?? 0) + 1);
        break;
      }
      case "rebuffer_start":
        totals.rebufferCount += 1;
        break;
      case "rebuffer_end":
        totals.rebufferMs += event.durationMs;
        break;
      case "rendition_switch":
        totals.renditionSwitches += 1;
        break;
      case "error":
        if (event.fatal) totals.failedViews += 1;
        else totals.nonFatalErrors += 1;
        break;
      case "seek":
        totals.seeks += 1;
        break;
      case "pause":
        totals.pauses += 1;
        break;
      case "heartbeat":
        for (const { height, bitrateKbps, playedMs } of event.renditions) {
          totals.playedMs += playedMs;
          totals.bitrateKbpsMs += bitrateKbps * playedMs;
          const key = `${height}:${bitrateKbps}`;
          const share = renditions.get(key) ?? { height, bitrateKbps, playedMs: 0 };
          share.playedMs += playedMs;
          renditions.set(key, share);
        }
        totals.upscaledMs += event.upscaledMs;
        totals.droppedFrames += event.droppedFrames;
        break;
      case "view_end":
        totals.viewsEnded += 1;
        // A view that failed is a failure, not an exit (Mux counts each view once).
        if (event.beforeFirstFrame && event.reason !== "error") totals.exitsBeforeStart += 1;
        if (event.completed) totals.completions += 1;
        break;
    }
  }
  return {
    minute: minuteOf(receivedAt),
    day: new Date(receivedAt).toISOString().slice(0, 10),
    totals,
    startupBuckets,
    renditions: [...renditions.values()],
    engagement: {
      playedMs: totals.playedMs,
      starts: totals.viewsStarted,
      completions: totals.completions,
    },
  };
}
