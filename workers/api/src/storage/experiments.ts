/**
 * Every D1 query of experiments: the definitions (experiments) and the
 * per-profile engagement the analytics Worker keeps for them
 * (experiment_unit_metrics). Writes return statements, so the service
 * batches each with its audit entry.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import {
  experimentUnitMetrics,
  experiments,
  type Experiment,
  type ExperimentStatus,
} from "../../../../lib/db/schema.ts";
import type { Database } from "../../../../lib/db/database.ts";
import type {
  ExperimentMetric,
  Targeting,
  Variant,
} from "../../../../lib/experiments/definition.ts";
import { toStatement } from "./statements.ts";

/** A stored experiment with its JSON columns typed (they passed lib/experiments/definition.ts). */
export interface ExperimentRecord extends Omit<Experiment, "variants" | "targeting" | "metrics"> {
  variants: Variant[];
  targeting: Targeting;
  metrics: ExperimentMetric[];
}

/** What a definition sets; the rest (id, author, times) is the row's own. */
export type ExperimentFields = Omit<
  ExperimentRecord,
  "id" | "createdBy" | "createdAt" | "updatedAt"
>;

const record = (row: Experiment): ExperimentRecord => row as ExperimentRecord;

export async function findExperiment(db: Database, id: string): Promise<ExperimentRecord | null> {
  const row = await db.query.experiments.findFirst({ where: eq(experiments.id, id) });
  return row ? record(row) : null;
}

/** Newest first, optionally of one status. */
export async function listExperiments(
  db: Database,
  status?: ExperimentStatus,
): Promise<ExperimentRecord[]> {
  const rows = await db
    .select()
    .from(experiments)
    .where(status ? eq(experiments.status, status) : undefined)
    .orderBy(desc(experiments.createdAt), experiments.id);
  return rows.map(record);
}

export function insertExperiment(
  db: Database,
  experiment: ExperimentFields & { id: string; createdBy: string },
  at: Date,
): D1PreparedStatement {
  return toStatement(
    db,
    db.insert(experiments).values({ ...experiment, createdAt: at, updatedAt: at }),
  );
}

/**
 * Replaces an experiment's fields if nobody changed it since it was read
 * (its updated_at is still `readAt`): a change is judged against the state
 * it replaces, so two admins' edits cannot combine into one the rules
 * would refuse.
 */
export function updateExperiment(
  db: Database,
  id: string,
  readAt: Date,
  fields: ExperimentFields,
  at: Date,
): D1PreparedStatement {
  return toStatement(
    db,
    db
      .update(experiments)
      .set({ ...fields, updatedAt: at })
      .where(and(eq(experiments.id, id), eq(experiments.updatedAt, readAt))),
  );
}

/** Per variant: profiles with a row, and sums over them for Welch's test and the completion rate. */
export interface UnitMetricSums {
  variant: string;
  profiles: number;
  playedMs: number;
  playedMsSquares: number;
  views: number;
  completions: number;
}

export async function unitMetricSums(
  db: Database,
  experimentId: string,
): Promise<UnitMetricSums[]> {
  const m = experimentUnitMetrics;
  return db
    .select({
      variant: m.variant,
      profiles: sql<number>`count(*)`,
      playedMs: sql<number>`coalesce(sum(${m.playedMs}), 0)`,
      playedMsSquares: sql<number>`coalesce(sum(${m.playedMs} * ${m.playedMs}), 0)`,
      views: sql<number>`coalesce(sum(${m.views}), 0)`,
      // A view completes at most once; never count more completions than views.
      completions: sql<number>`coalesce(sum(min(${m.completions}, ${m.views})), 0)`,
    })
    .from(m)
    .where(eq(m.experimentId, experimentId))
    .groupBy(m.variant);
}
