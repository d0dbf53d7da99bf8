/** The engagement queries over engagement_daily (and the catalog, for names). */

const TOP = 5;

interface DayTotals {
  day: string;
  activeProfiles: number;
  playedMs: number;
  starts: number;
  completions: number;
}

interface RankedRow {
  day: string;
  id: string;
  name: string;
  playedMs: number;
}

const ACTIVE = "(played_ms > 0 or starts > 0)";

export async function readEngagement(
  db: D1Database,
  window: { from: string; to: string; monthStart: string },
) {
  const [days, titles, genres, active, monthly] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `select day, count(distinct case when ${ACTIVE} then profile_id end) as activeProfiles,
           sum(played_ms) as playedMs, sum(starts) as starts, sum(completions) as completions
         from engagement_daily where day between ?1 and ?2 group by day`,
      )
      .bind(window.from, window.to),
    db
      .prepare(
        `select day, id, name, playedMs from (
           select e.day, e.title_id as id, coalesce(t.name, e.title_id) as name,
             sum(e.played_ms) as playedMs,
             row_number() over (partition by e.day order by sum(e.played_ms) desc, e.title_id) as rank
           from engagement_daily e left join titles t on t.id = e.title_id
           where e.day between ?1 and ?2 group by e.day, e.title_id
         ) where rank <= ${TOP} and playedMs > 0 order by day, rank`,
      )
      .bind(window.from, window.to),
    db
      .prepare(
        `select day, id, name, playedMs from (
           select e.day, g.id as id, g.name as name, sum(e.played_ms) as playedMs,
             row_number() over (partition by e.day order by sum(e.played_ms) desc, g.id) as rank
           from engagement_daily e
           join title_genres tg on tg.title_id = e.title_id
           join genres g on g.id = tg.genre_id
           where e.day between ?1 and ?2 group by e.day, g.id
         ) where rank <= ${TOP} and playedMs > 0 order by day, rank`,
      )
      .bind(window.from, window.to),
    db
      .prepare(
        `select count(distinct profile_id) as profiles from engagement_daily
         where day between ?1 and ?2 and ${ACTIVE}`,
      )
      .bind(window.from, window.to),
    db
      .prepare(
        `select count(distinct profile_id) as profiles from engagement_daily
         where day between ?1 and ?2 and ${ACTIVE}`,
      )
      .bind(window.monthStart, window.to),
  ]);
  const byDay = (rows: RankedRow[]) => {
    const map = new Map<string, Omit<RankedRow, "day">[]>();
    for (const { day, ...row } of rows)
      map.set(day, [...(map.get(day) ?? []), { ...row, playedMs: Number(row.playedMs) }]);
    return map;
  };
  return {
    days: new Map(
      ((days?.results ?? []) as unknown as DayTotals[]).map((row) => [
        row.day,
        {
          activeProfiles: Number(row.activeProfiles),
          playedMs: Number(row.playedMs),
          starts: Number(row.starts),
          completions: Number(row.completions),
        },
      ]),
    ),
    topTitles: byDay((titles?.results ?? []) as unknown as RankedRow[]),
    topGenres: byDay((genres?.results ?? []) as unknown as RankedRow[]),
    activeProfiles: Number(active?.results[0]?.profiles ?? 0),
    monthlyActiveProfiles: Number(monthly?.results[0]?.profiles ?? 0),
  };
}
