/**
 * Writes a folded batch into the rollups in one D1 transaction: the batch id
 * first (its primary key makes a second copy of the batch fail the whole
 * transaction, so a retried beacon counts once), then every table's
 * additive upsert, for the all-views row ("" variant) and once more per
 * experiment variant the view is in.
 */
import type { FoldedBatch } from "../../../../lib/qoe/fold.ts";
import { TOTAL_COLUMNS } from "../../../../lib/qoe/metrics.ts";
import type { QoeView } from "../../../../lib/qoe/view-token.ts";

export class DuplicateBatchError extends Error {
  constructor(batchId: string) {
    super(`QoE batch ${batchId} was already applied`);
  }
}

const SLICE = ["minute", "title_id", "device_type", "country", "abr_policy", "variant"];
const COUNTERS = Object.values(TOTAL_COLUMNS);

const additiveUpsert = (table: string, key: string[], counters: string[], conflict = key) => {
  const columns = [...key, ...counters];
  return `insert into ${table} (${columns.join(", ")})
    values (${columns.map((_, index) => `?${index + 1}`).join(", ")})
    on conflict (${conflict.join(", ")}) do update set
    ${counters.map((column) => `${column} = ${column} + excluded.${column}`).join(", ")}`;
};

const ROLLUP_SQL = additiveUpsert("qoe_minute_rollups", SLICE, COUNTERS);
const HISTOGRAM_SQL = additiveUpsert("qoe_startup_histogram", [...SLICE, "bucket"], ["views"]);
const RENDITION_SQL = additiveUpsert(
  "qoe_rendition_time",
  [...SLICE, "height", "bitrate_kbps"],
  ["played_ms"],
);
const ENGAGEMENT_SQL = additiveUpsert(
  "engagement_daily",
  ["day", "profile_id", "title_id"],
  ["played_ms", "starts", "completions"],
);
const UNIT_SQL = additiveUpsert(
  "experiment_unit_metrics",
  ["experiment_id", "profile_id", "variant"],
  ["views", "played_ms", "completions"],
  // A profile is in one variant of an experiment (allocation is sticky).
  ["experiment_id", "profile_id"],
);

/** `"<experimentId>:<variantKey>"` → its parts. */
function splitVariant(variant: string): [string, string] {
  const at = variant.indexOf(":");
  return [variant.slice(0, at), variant.slice(at + 1)];
}

export async function applyFoldedBatch(
  db: D1Database,
  batchId: string,
  view: QoeView,
  folded: FoldedBatch,
  receivedAt: number,
): Promise<void> {
  const statements: D1PreparedStatement[] = [
    db
      .prepare("insert into qoe_batches (batch_id, view_id, received_at) values (?1, ?2, ?3)")
      .bind(batchId, view.viewId, receivedAt),
    db
      .prepare(
        "insert into qoe_active_views (minute, view_id, title_id) values (?1, ?2, ?3) on conflict do nothing",
      )
      .bind(folded.minute, view.viewId, view.titleId),
    db
      .prepare(ENGAGEMENT_SQL)
      .bind(
        folded.day,
        view.profileId,
        view.titleId,
        folded.engagement.playedMs,
        folded.engagement.starts,
        folded.engagement.completions,
      ),
  ];
  for (const variant of ["", ...view.variants]) {
    const slice = [
      folded.minute,
      view.titleId,
      view.deviceType,
      view.country,
      view.abrPolicy,
      variant,
    ];
    statements.push(
      db
        .prepare(ROLLUP_SQL)
        .bind(
          ...slice,
          ...Object.keys(TOTAL_COLUMNS).map(
            (key) => folded.totals[key as keyof typeof TOTAL_COLUMNS],
          ),
        ),
    );
    for (const [bucket, views] of folded.startupBuckets)
      statements.push(db.prepare(HISTOGRAM_SQL).bind(...slice, bucket, views));
    for (const rendition of folded.renditions)
      statements.push(
        db
          .prepare(RENDITION_SQL)
          .bind(...slice, rendition.height, rendition.bitrateKbps, rendition.playedMs),
      );
    if (variant) {
      const [experimentId, variantKey] = splitVariant(variant);
      statements.push(
        db
          .prepare(UNIT_SQL)
          .bind(
            experimentId,
            view.profileId,
            variantKey,
            folded.engagement.starts,
            folded.engagement.playedMs,
            folded.engagement.completions,
          ),
      );
    }
  }
  try {
    await db.batch(statements);
  } catch (error) {
    if (String(error).includes("UNIQUE constraint failed: qoe_batches.batch_id"))
      throw new DuplicateBatchError(batchId);
    throw error;
  }
}
