/**
 * Engagement over a window of UTC days, from engagement_daily: active
 * profiles (a profile that started or watched anything that day), hours
 * watched, starts, completion rate (completions / starts), the top titles
 * and genres by hours, and monthly active profiles (the 30 days ending on
 * the window's last day).
 */
import { ApiError } from "../../../../lib/http/api-error.ts";
import { MAX_ENGAGEMENT_DAYS } from "../schemas/engagement.ts";
import { readEngagement } from "../storage/engagement-reads.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);

export async function engagement(
  db: D1Database,
  query: { from?: string; to?: string },
  now = Date.now(),
) {
  const to = query.to ?? dayOf(now);
  const from = query.from ?? dayOf(Date.parse(to) - 29 * DAY_MS);
  const span = (Date.parse(to) - Date.parse(from)) / DAY_MS;
  if (span < 0) throw new ApiError(400, "invalid_window", "`from` must not be after `to`.");
  if (span >= MAX_ENGAGEMENT_DAYS)
    throw new ApiError(
      400,
      "invalid_window",
      `A window covers at most ${MAX_ENGAGEMENT_DAYS} days.`,
    );
  const monthStart = dayOf(Date.parse(to) - 29 * DAY_MS);
  const reads = await readEngagement(db, { from, to, monthStart });
  const hours = (ms: number) => ms / 3_600_000;
  const ranked = (rows: { id: string; name: string; playedMs: number }[] = []) =>
    rows.map(({ id, name, playedMs }) => ({ id, name, hoursWatched: hours(playedMs) }));
  const days = Array.from({ length: span + 1 }, (_, index) => {
    const day = dayOf(Date.parse(from) + index * DAY_MS);
    const totals = reads.days.get(day);
    return {
      day,
      activeProfiles: totals?.activeProfiles ?? 0,
      hoursWatched: hours(totals?.playedMs ?? 0),
      starts: totals?.starts ?? 0,
      completions: totals?.completions ?? 0,
      completionRate: totals?.starts ? totals.completions / totals.starts : null,
      topTitles: ranked(reads.topTitles.get(day)),
      topGenres: ranked(reads.topGenres.get(day)),
    };
  });
  const starts = days.reduce((sum, day) => sum + day.starts, 0);
  const completions = days.reduce((sum, day) => sum + day.completions, 0);
  return {
    window: { from, to },
    days,
    totals: {
      activeProfiles: reads.activeProfiles,
      monthlyActiveProfiles: reads.monthlyActiveProfiles,
      hoursWatched: days.reduce((sum, day) => sum + day.hoursWatched, 0),
      starts,
      completionRate: starts ? completions / starts : null,
    },
  };
}
