/**
 * Reads of the QoE rollups (D1): totals, the merged startup histogram and
 * time per rendition for a window and a slice, whole or per time step. The
 * analytics API, the experiment results and the alert rules all read here,
 * so every number on every screen comes from the same queries and the same
 * metric definitions (metrics.ts).
 */
import type { Histogram } from "./histogram.ts";
import {
  emptyTotals,
  qoeMetrics,
  TOTAL_COLUMNS,
  type QoeMetrics,
  type QoeTotals,
  type RenditionShare,
} from "./metrics.ts";

export interface QoeFilter {
  /** Window start and end, Unix ms; minutes at or after `from` and before `to`. */
  from: number;
  to: number;
  titleId?: string;
  deviceType?: string;
  country?: string;
  abrPolicy?: string;
  /** "<experimentId>:<variantKey>"; absent: every view (the "" rows). */
  variant?: string;
}

export const MINUTE_MS = 60_000;

const DIMENSIONS = {
  titleId: "title_id",
  deviceType: "device_type",
  country: "country",
  abrPolicy: "abr_policy",
} as const;

function whereClause(filter: QoeFilter, stepMs?: number) {
  const clauses = ["minute >= ?1", "minute < ?2", "variant = ?3"];
  const params: (string | number)[] = [filter.from, filter.to, filter.variant ?? ""];
  for (const [key, column] of Object.entries(DIMENSIONS) as [keyof typeof DIMENSIONS, string][]) {
    const value = filter[key];
    if (value === undefined) continue;
    params.push(value);
    clauses.push(`${column} = ?${params.length}`);
  }
  // The time step a row falls in (0 for a whole-window read).
  const step = stepMs ? `((minute - ?1) / ${Math.trunc(stepMs)})` : "0";
  return { where: clauses.join(" and "), params, step };
}

const SUMS = Object.entries(TOTAL_COLUMNS)
  .map(([key, column]) => `sum(${column}) as ${key}`)
  .join(", ");

interface StepReads {
  totals: Map<number, QoeTotals>;
  histograms: Map<number, Histogram>;
  renditions: Map<number, RenditionShare[]>;
}

async function readSteps(db: D1Database, filter: QoeFilter, stepMs?: number): Promise<StepReads> {
  const { where, params, step } = whereClause(filter, stepMs);
  const [totalRows, histogramRows, renditionRows] = await db.batch<Record<string, number>>([
    db
      .prepare(
        `select ${step} as step, ${SUMS} from qoe_minute_rollups where ${where} group by step`,
      )
      .bind(...params),
    db
      .prepare(
        `select ${step} as step, bucket, sum(views) as views from qoe_startup_histogram
         where ${where} group by step, bucket`,
      )
      .bind(...params),
    db
      .prepare(
        `select ${step} as step, height, bitrate_kbps as bitrateKbps, sum(played_ms) as playedMs
         from qoe_rendition_time where ${where} group by step, height, bitrate_kbps`,
      )
      .bind(...params),
  ]);
  const reads: StepReads = { totals: new Map(), histograms: new Map(), renditions: new Map() };
  for (const row of totalRows?.results ?? []) {
    const totals = emptyTotals();
    for (const key of Object.keys(TOTAL_COLUMNS) as (keyof QoeTotals)[])
      totals[key] = Number(row[key] ?? 0);
    reads.totals.set(Number(row.step), totals);
  }
  for (const row of histogramRows?.results ?? []) {
    const step = Number(row.step);
    const histogram = reads.histograms.get(step) ?? new Map<number, number>();
    histogram.set(Number(row.bucket), Number(row.views));
    reads.histograms.set(step, histogram);
  }
  for (const row of renditionRows?.results ?? []) {
    const step = Number(row.step);
    const list = reads.renditions.get(step) ?? [];
    list.push({
      height: Number(row.height),
      bitrateKbps: Number(row.bitrateKbps),
      playedMs: Number(row.playedMs),
    });
    reads.renditions.set(step, list);
  }
  return reads;
}

export interface QoeRead {
  totals: QoeTotals;
  metrics: QoeMetrics;
  startupHistogram: Histogram;
}

function readOfStep(reads: StepReads, step: number): QoeRead {
  const totals = reads.totals.get(step) ?? emptyTotals();
  const startupHistogram = reads.histograms.get(step) ?? new Map<number, number>();
  return {
    totals,
    startupHistogram,
    metrics: qoeMetrics(totals, startupHistogram, reads.renditions.get(step) ?? []),
  };
}

/** The totals and metrics of a slice over a whole window. */
export async function readQoe(db: D1Database, filter: QoeFilter): Promise<QoeRead> {
  return readOfStep(await readSteps(db, filter), 0);
}

/** The same, per time step (a multiple of a minute) from `from`; steps with no views are included, empty. */
export async function readQoeTimeseries(
  db: D1Database,
  filter: QoeFilter,
  stepMs: number,
): Promise<(QoeRead & { start: number })[]> {
  const reads = await readSteps(db, filter, stepMs);
  const steps = Math.ceil((filter.to - filter.from) / stepMs);
  return Array.from({ length: steps }, (_, step) => ({
    start: filter.from + step * stepMs,
    ...readOfStep(reads, step),
  }));
}
