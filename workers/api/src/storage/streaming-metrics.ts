/**
 * What GET /metrics reports about playback, read from the QoE tables (D1):
 * all-time sums of the all-views rollups (variant ""), time played per
 * rendition bitrate, the viewers of the last complete minute and the
 * alerts open now.
 *
 * The sums scan every rollup row on each scrape; at a scrape every 15–60 s
 * that is fine for this platform's volume. Much larger, keep running
 * totals as the rollups are written instead.
 */
import { lastCompleteMinute, viewersInMinute } from "../../../../lib/qoe/active-views.ts";
import { openAlerts } from "../../../../lib/qoe/alert-records.ts";
import { readQoe } from "../../../../lib/qoe/rollup-reads.ts";

export interface BitratePlayed {
  bitrateKbps: number;
  playedMs: number;
}

async function playedByBitrate(db: D1Database): Promise<BitratePlayed[]> {
  const { results } = await db
    .prepare(
      `select bitrate_kbps as bitrateKbps, sum(played_ms) as playedMs from qoe_rendition_time
       where variant = '' group by bitrate_kbps order by bitrate_kbps`,
    )
    .all<BitratePlayed>();
  return results;
}

export async function readStreamingMetrics(db: D1Database, now = Date.now()) {
  const [{ totals }, bitrates, concurrentViewers, alerts] = await Promise.all([
    readQoe(db, { from: 0, to: Number.MAX_SAFE_INTEGER }),
    playedByBitrate(db),
    viewersInMinute(db, lastCompleteMinute(now)),
    openAlerts(db),
  ]);
  return { totals, bitrates, concurrentViewers, firingRules: new Set(alerts.map((a) => a.rule)) };
}

export type StreamingMetrics = Awaited<ReturnType<typeof readStreamingMetrics>>;
