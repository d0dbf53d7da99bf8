/**
 * Creating, changing and listing experiments (experiment_admin and admin).
 *
 * A change is merged into the stored definition, checked whole against the
 * schema (lib/experiments/definition.ts) and against what may change in the
 * experiment's status (lib/experiments/change-rules.ts), then written only
 * if nobody changed the experiment meanwhile, in one D1 batch with its
 * audit entry. Starting fixes the start (now, unless one was set); stopping
 * a started experiment ends its window now (unless it ended earlier), so
 * its results cover exactly the time it ran. Two experiments that set the
 * same config key may not run at once: a profile in both would get only
 * one of the two treatments.
 */
import { changeViolations } from "../../../../lib/experiments/change-rules.ts";
import {
  ExperimentDefinitionSchema,
  type CreateExperimentInput,
  type ExperimentDefinition,
  type UpdateExperimentInput,
} from "../../../../lib/experiments/definition.ts";
import { configKeysOf } from "../../../../lib/experiments/product-config.ts";
import type { ExperimentStatus } from "../../../../lib/db/schema.ts";
import { ApiError, notFound } from "../../../../lib/http/api-error.ts";
import { auditStatement, auditStatementIfChanged } from "../storage/audit-log.ts";
import {
  findExperiment,
  insertExperiment,
  listExperiments as storedExperiments,
  updateExperiment as updateStatement,
  type ExperimentFields,
  type ExperimentRecord,
} from "../storage/experiments.ts";
import type { ServiceContext } from "./context.ts";
import { forgetRunningExperiments } from "./experiments.ts";

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const instant = (value: string | null) => (value === null ? null : new Date(value));

export function definitionOf(record: ExperimentRecord): ExperimentDefinition {
  return {
    name: record.name,
    description: record.description,
    variants: record.variants,
    allocationPercent: record.allocationPercent,
    targeting: record.targeting,
    metrics: record.metrics,
    startsAt: iso(record.startsAt),
    endsAt: iso(record.endsAt),
    status: record.status,
  };
}

export function presentExperiment(record: ExperimentRecord) {
  return {
    id: record.id,
    ...definitionOf(record),
    createdBy: record.createdBy,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

/** Times in one spelling, so the same instant never reads as a change. */
const normalised = (definition: ExperimentDefinition): ExperimentDefinition => ({
  ...definition,
  startsAt: iso(instant(definition.startsAt)),
  endsAt: iso(instant(definition.endsAt)),
});

function settleWindow(
  previous: ExperimentStatus | null,
  next: ExperimentDefinition,
  now: Date,
): ExperimentDefinition {
  if (next.status === "running" && previous !== "running" && next.startsAt === null) {
    return { ...next, startsAt: now.toISOString() };
  }
  const started = next.startsAt !== null && Date.parse(next.startsAt) <= now.getTime();
  const endsLater = next.endsAt === null || Date.parse(next.endsAt) > now.getTime();
  if (next.status === "stopped" && previous === "running" && started && endsLater) {
    return { ...next, endsAt: now.toISOString() };
  }
  return next;
}

/** The merged definition, or a 400 naming what is wrong with it as a whole. */
function valid(definition: ExperimentDefinition): ExperimentDefinition {
  const result = ExperimentDefinitionSchema.safeParse(definition);
  if (result.success) return result.data;
  throw new ApiError(400, "validation_failed", "The experiment would not be valid.", {
    details: result.error.issues.map((issue) => ({
      path: issue.path.join("."),
      message: issue.message,
    })),
  });
}

const windowOf = (definition: { startsAt: string | null; endsAt: string | null }) => ({
  from: definition.startsAt ? Date.parse(definition.startsAt) : -Infinity,
  to: definition.endsAt ? Date.parse(definition.endsAt) : Infinity,
});

/** Refuses to run an experiment beside a running one that sets any of the same config keys. */
async function assertNoClash(ctx: ServiceContext, id: string, next: ExperimentDefinition) {
  const keys = configKeysOf(next.variants);
  const window = windowOf(next);
  for (const other of await storedExperiments(ctx.db, "running")) {
    if (other.id === id) continue;
    const shared = configKeysOf(other.variants).filter((key) => keys.includes(key));
    const otherWindow = windowOf(definitionOf(other));
    const overlaps = otherWindow.from < window.to && window.from < otherWindow.to;
    if (shared.length > 0 && overlaps) {
      throw new ApiError(
        409,
        "experiment_clash",
        `"${other.name}" is running and also sets ${shared.join(", ")}: a profile in both would get only one treatment. Stop it first, or test both changes as variants of one experiment.`,
      );
    }
  }
}

const fieldsOf = (definition: ExperimentDefinition): ExperimentFields => ({
  ...definition,
  startsAt: instant(definition.startsAt),
  endsAt: instant(definition.endsAt),
});

/** Runs a write and its audit entry as one batch; a taken name is a 409. */
async function commit(ctx: ServiceContext, statements: D1PreparedStatement[]) {
  try {
    return await ctx.db.$client.batch(statements);
  } catch (error) {
    const message = String(error instanceof Error ? (error.cause ?? error.message) : error);
    if (/experiments\.name/.test(message)) {
      throw new ApiError(409, "experiment_name_taken", "Another experiment already has this name.");
    }
    throw error;
  } finally {
    forgetRunningExperiments();
  }
}

export async function createExperiment(
  ctx: ServiceContext,
  actorAccountId: string,
  input: CreateExperimentInput,
  now = new Date(),
) {
  const id = crypto.randomUUID();
  const definition = valid(settleWindow(null, normalised(input), now));
  if (definition.status === "running") await assertNoClash(ctx, id, definition);
  await commit(ctx, [
    insertExperiment(ctx.db, { ...fieldsOf(definition), id, createdBy: actorAccountId }, now),
    auditStatement(
      ctx.db,
      {
        actorAccountId,
        action: "create",
        entityType: "experiment",
        entityId: id,
        before: null,
        after: definition,
        requestId: ctx.requestId,
      },
      now,
    ),
  ]);
  return presentExperiment((await findExperiment(ctx.db, id))!);
}

export async function updateExperiment(
  ctx: ServiceContext,
  actorAccountId: string,
  id: string,
  change: UpdateExperimentInput,
  now = new Date(),
) {
  const current = await findExperiment(ctx.db, id);
  if (!current) throw notFound("experiment");
  const before = definitionOf(current);
  const next = valid(settleWindow(before.status, normalised({ ...before, ...change }), now));
  const violations = changeViolations(before, next);
  if (violations.length > 0) {
    throw new ApiError(
      409,
      before.status === "stopped" ? "experiment_stopped" : "experiment_running",
      violations.map((violation) => violation.message).join(" "),
      { details: violations.map(({ field, message }) => ({ path: field, message })) },
    );
  }
  if (JSON.stringify(next) === JSON.stringify(before)) return presentExperiment(current);
  if (next.status === "running" && before.status !== "running") await assertNoClash(ctx, id, next);
  const [update] = await commit(ctx, [
    updateStatement(ctx.db, id, current.updatedAt, fieldsOf(next), now),
    auditStatementIfChanged(
      ctx.db,
      {
        actorAccountId,
        action: "update",
        entityType: "experiment",
        entityId: id,
        before,
        after: next,
        requestId: ctx.requestId,
      },
      now,
    ),
  ]);
  if (!update?.meta.changes) {
    throw new ApiError(
      409,
      "experiment_changed",
      "The experiment changed while this change was being made; read it again and retry.",
    );
  }
  return presentExperiment((await findExperiment(ctx.db, id))!);
}

export async function listExperiments(ctx: ServiceContext, status?: ExperimentStatus) {
  return (await storedExperiments(ctx.db, status)).map(presentExperiment);
}
