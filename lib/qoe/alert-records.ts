/**
 * The `alerts` table: an alert is open from the evaluation that found its
 * rule over threshold until the one that found it clear. At most one alert
 * per rule is open: opening is one conditional insert, so two evaluations
 * that overlap cannot both open one (and both notify).
 */

export interface AlertRecord {
  id: string;
  rule: string;
  value: number;
  threshold: number;
  firedAt: number;
  resolvedAt: number | null;
  webhookStatus: number | null;
}

const COLUMNS = `id, rule, value, threshold, fired_at as firedAt, resolved_at as resolvedAt,
  webhook_status as webhookStatus`;

/** Alerts not resolved yet, oldest first. */
export async function openAlerts(db: D1Database): Promise<AlertRecord[]> {
  const { results } = await db
    .prepare(`select ${COLUMNS} from alerts where resolved_at is null order by fired_at`)
    .all<AlertRecord>();
  return results;
}

/** Opens an alert for its rule unless one is open already; true when this call opened it. */
export async function openAlert(
  db: D1Database,
  alert: Pick<AlertRecord, "id" | "rule" | "value" | "threshold" | "firedAt">,
): Promise<boolean> {
  const result = await db
    .prepare(
      `insert into alerts (id, rule, value, threshold, fired_at)
       select ?1, ?2, ?3, ?4, ?5
       where not exists (select 1 from alerts where rule = ?2 and resolved_at is null)`,
    )
    .bind(alert.id, alert.rule, alert.value, alert.threshold, alert.firedAt)
    .run();
  return result.meta.changes === 1;
}

/** Resolves an open alert; true when this call resolved it. */
export async function resolveAlert(db: D1Database, id: string, resolvedAt: number) {
  const result = await db
    .prepare("update alerts set resolved_at = ? where id = ? and resolved_at is null")
    .bind(resolvedAt, id)
    .run();
  return result.meta.changes === 1;
}

/** The HTTP status of the latest notification about the alert (0: no answer). */
export async function recordWebhookStatus(db: D1Database, id: string, status: number) {
  await db.prepare("update alerts set webhook_status = ? where id = ?").bind(status, id).run();
}
