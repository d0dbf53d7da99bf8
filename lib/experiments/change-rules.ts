/**
 * What may change on an experiment, by its status.
 *
 * - draft: anything; nobody has been assigned yet.
 * - running: only what moves nobody between variants and keeps one
 *   treatment per variant: the name, description, metrics and end date,
 *   a higher allocation (it only adds buckets; see allocation.ts) and
 *   stopping it. Variants (their keys, weights, order or config), the
 *   targeting, a lower allocation, the start and going back to draft
 *   would move people or mix two treatments into one result.
 * - stopped: final. A result is read from a stopped experiment; a new
 *   test is a new experiment.
 *
 * @example
 * changeViolations(running, { ...running, allocationPercent: 10 }); // [{ field: "allocationPercent", … }] when it was 20
 */
import type { ExperimentDefinition } from "./definition.ts";

export interface ChangeViolation {
  field: keyof ExperimentDefinition;
  message: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Why `next` may not replace `current` (empty when it may). */
export function changeViolations(
  current: ExperimentDefinition,
  next: ExperimentDefinition,
): ChangeViolation[] {
  if (current.status === "draft") return [];
  const changed = (Object.keys(next) as (keyof ExperimentDefinition)[]).filter(
    (field) => !same(current[field], next[field]),
  );
  if (current.status === "stopped") {
    return changed.map((field) => ({
      field,
      message: "A stopped experiment is final; start a new experiment instead.",
    }));
  }
  const violations: ChangeViolation[] = [];
  const assignment = (variants: ExperimentDefinition["variants"]) =>
    variants.map(({ key, weight, config }) => ({ key, weight, config }));
  if (!same(assignment(current.variants), assignment(next.variants))) {
    violations.push({
      field: "variants",
      message:
        "A running experiment's variants (keys, weights, order and config) cannot change: it would move people between variants or change a treatment mid-test. Only variant names may change.",
    });
  }
  if (!same(current.targeting, next.targeting)) {
    violations.push({
      field: "targeting",
      message: "A running experiment's targeting cannot change: it would move people in or out.",
    });
  }
  if (next.allocationPercent < current.allocationPercent) {
    violations.push({
      field: "allocationPercent",
      message: `A running experiment's allocation can only rise (it is ${current.allocationPercent}%): lowering it would take people out.`,
    });
  }
  if (current.startsAt !== next.startsAt) {
    violations.push({
      field: "startsAt",
      message: "A running experiment has started; its start cannot change.",
    });
  }
  if (next.status === "draft") {
    violations.push({
      field: "status",
      message: "A running experiment cannot go back to draft; stop it instead.",
    });
  }
  return violations;
}
