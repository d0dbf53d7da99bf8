/**
 * The daily clean-up of what QoE ingestion keeps only for a while: batch ids
 * (kept to recognise a resent batch, which comes within minutes, so two
 * days is ample) and the per-minute active views (concurrent viewers, read
 * over windows of at most 90 days). The rollups themselves are kept: they
 * are small, and `GET /metrics` derives its counters from their sums.
 */
import type { AnalyticsBindings } from "./bindings.ts";
import { MAX_WINDOW_DAYS } from "./schemas/qoe.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
export const BATCH_IDS_KEPT_MS = 2 * DAY_MS;
export const ACTIVE_VIEWS_KEPT_MS = MAX_WINDOW_DAYS * DAY_MS;

export async function pruneQoeState(env: AnalyticsBindings, now = Date.now()) {
  const [batches, activeViews] = await env.DB.batch([
    env.DB.prepare("delete from qoe_batches where received_at < ?1").bind(now - BATCH_IDS_KEPT_MS),
    env.DB.prepare("delete from qoe_active_views where minute < ?1").bind(
      now - ACTIVE_VIEWS_KEPT_MS,
    ),
  ]);
  return { batchIds: batches?.meta.changes ?? 0, activeViews: activeViews?.meta.changes ?? 0 };
}
