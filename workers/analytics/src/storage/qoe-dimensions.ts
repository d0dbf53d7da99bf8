/**
 * Queries beside the rollup sums: which titles, devices, countries, ABR
 * policies and variants have views in a window (the dashboard's filter
 * options), and concurrent viewers per time step.
 */
import type { QoeFilter } from "../../../../lib/qoe/rollup-reads.ts";

interface Option {
  value: string;
  label: string;
}

export async function dimensionsOf(db: D1Database, filter: QoeFilter) {
  const window = "minute >= ?1 and minute < ?2";
  const distinct = (column: string) =>
    db
      .prepare(
        `select distinct ${column} as value from qoe_minute_rollups where ${window} and variant = '' order by value`,
      )
      .bind(filter.from, filter.to);
  const [titles, deviceTypes, countries, abrPolicies, variants] = await db.batch<Option>([
    db
      .prepare(
        `select r.title_id as value, coalesce(t.name, r.title_id) as label
         from (select distinct title_id from qoe_minute_rollups where ${window} and variant = '') r
         left join titles t on t.id = r.title_id order by label`,
      )
      .bind(filter.from, filter.to),
    distinct("device_type"),
    distinct("country"),
    distinct("abr_policy"),
    db
      .prepare(
        `select r.variant as value,
           coalesce(e.name, substr(r.variant, 1, 36)) || ' · ' || substr(r.variant, 38) as label
         from (select distinct variant from qoe_minute_rollups where ${window} and variant != '') r
         left join experiments e on e.id = substr(r.variant, 1, 36) order by label`,
      )
      .bind(filter.from, filter.to),
  ]);
  const options = (result: D1Result<Option> | undefined) =>
    (result?.results ?? []).map((row) => ({ value: row.value, label: row.label ?? row.value }));
  return {
    titles: options(titles),
    deviceTypes: options(deviceTypes),
    countries: options(countries),
    abrPolicies: options(abrPolicies),
    variants: options(variants),
  };
}

/**
 * The most views active in any one minute of each step. Views are counted
 * by title only (qoe_active_views keeps no other slice), so the other
 * filters do not narrow this series.
 */
export async function concurrentViewersPerStep(
  db: D1Database,
  filter: QoeFilter,
  stepMs: number,
): Promise<Map<number, number>> {
  const { results } = await db
    .prepare(
      `select (minute - ?1) / ?3 as step, max(viewers) as peak from (
         select minute, count(*) as viewers from qoe_active_views
         where minute >= ?1 and minute < ?2 and (?4 is null or title_id = ?4) group by minute
       ) group by step`,
    )
    .bind(filter.from, filter.to, stepMs, filter.titleId ?? null)
    .all<{ step: number; peak: number }>();
  return new Map(results.map((row) => [Number(row.step), Number(row.peak)]));
}
