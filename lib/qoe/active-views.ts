/**
 * Concurrent viewers: the views that sent anything in one minute
 * (qoe_active_views holds one row per view and minute, so a count is exact).
 * GET /metrics shows it and the concurrent-viewers alert rule watches it,
 * both for the last complete minute.
 */

/** The start of the last minute that is over (Unix ms): the current one is still filling. */
export const lastCompleteMinute = (now: number) => Math.floor(now / 60_000) * 60_000 - 60_000;

/** Views active in the minute that starts at `minute` (Unix ms). */
export async function viewersInMinute(db: D1Database, minute: number): Promise<number> {
  const row = await db
    .prepare("select count(*) as viewers from qoe_active_views where minute = ?")
    .bind(minute)
    .first<{ viewers: number }>();
  return Number(row?.viewers ?? 0);
}
