/**
 * Which experiments a profile is in, and the product config that makes for
 * it. Surfaces call `assignmentsFor` server-side and read the config keys
 * they use (SURFACES); nothing here waits on more than isolate memory once
 * warm.
 *
 * - Running experiments come from D1 and are kept in isolate memory for
 *   MEMORY_TTL_MS (10 s); an admin change forgets them in its own isolate,
 *   other isolates see it within seconds. If D1 fails, the product serves
 *   its defaults rather than fail a page.
 * - Assignment is the deterministic hash (lib/experiments/allocation.ts).
 * - Exposure: when a surface reads a key an experiment sets, the profile
 *   has been exposed to it; that is reported after the response to the
 *   experiment's Durable Object shard that keeps the profile's exposures,
 *   once per isolate for a profile and experiment (the object keeps the
 *   first report; repeats, from this isolate or another, are harmless).
 */
import { assignVariant, isTargeted } from "../../../../lib/experiments/allocation.ts";
import {
  CONFIG_KEYS,
  type ConfigKey,
  type Targeting,
  type Variant,
  type VariantConfig,
} from "../../../../lib/experiments/definition.ts";
import {
  configKeysOf,
  productConfig,
  type ProductConfig,
} from "../../../../lib/experiments/product-config.ts";
import type { Profile } from "../../../../lib/db/schema.ts";
import { forget, recall, remember } from "../cache/isolate-memory.ts";
import { recordExposure } from "../storage/experiment-exposures.ts";
import { listExperiments } from "../storage/experiments.ts";
import type { ServiceContext } from "./context.ts";

/**
 * The config keys each surface reads: reading one exposes a profile to the
 * experiments that set it. `assignments` (getAssignments) hands a client
 * every key, so it exposes the profile to every experiment it is in.
 */
const SURFACES = {
  home: ["homeRowOrder", "artwork"],
  cards: ["artwork"],
  playback: ["abr"],
  assignments: CONFIG_KEYS,
} as const satisfies Record<string, readonly ConfigKey[]>;
export type Surface = keyof typeof SURFACES;

interface LiveExperiment {
  id: string;
  allocationPercent: number;
  variants: Variant[];
  targeting: Targeting;
  startsAt: number | null;
  endsAt: number | null;
  /** The config keys its variants set. */
  keys: ConfigKey[];
}

const RUNNING_KEY = "experiments:running";
let loading: Promise<LiveExperiment[]> | undefined;

async function loadRunning(ctx: ServiceContext): Promise<LiveExperiment[]> {
  const rows = await listExperiments(ctx.db, "running");
  return (
    rows
      .map((row) => ({
        id: row.id,
        allocationPercent: row.allocationPercent,
        variants: row.variants,
        targeting: row.targeting,
        startsAt: row.startsAt?.getTime() ?? null,
        endsAt: row.endsAt?.getTime() ?? null,
        keys: configKeysOf(row.variants),
      }))
      // The earliest started wins a config key should two ever share one (product-config.ts).
      .sort((a, b) => (a.startsAt ?? 0) - (b.startsAt ?? 0) || (a.id < b.id ? -1 : 1))
  );
}

/** Running experiments, from isolate memory or D1 (one load at a time); none when D1 fails. */
async function runningExperiments(ctx: ServiceContext): Promise<LiveExperiment[]> {
  const cached = recall<LiveExperiment[]>(RUNNING_KEY);
  if (cached) return cached;
  loading ??= loadRunning(ctx).finally(() => {
    loading = undefined;
  });
  try {
    const running = await loading;
    remember(RUNNING_KEY, running);
    return running;
  } catch (error) {
    ctx.logger.log("warn", "experiments unavailable; serving the default product", {
      error: String(error),
    });
    return [];
  }
}

/** After an admin change: this isolate reads the running experiments again. */
export function forgetRunningExperiments(): void {
  forget(RUNNING_KEY);
}

const isLive = (experiment: LiveExperiment, now: number) =>
  (experiment.startsAt === null || experiment.startsAt <= now) &&
  (experiment.endsAt === null || now < experiment.endsAt);

/*
 * "<experimentId>:<profileId>" already reported from this isolate. Bounded;
 * forgetting one only costs a repeated (idempotent) report.
 */
const reported = new Set<string>();
const REPORTED_MAX = 50_000;

function reportExposure(
  ctx: ServiceContext,
  experimentId: string,
  profileId: string,
  variant: string,
) {
  const key = `${experimentId}:${profileId}`;
  if (reported.has(key)) return;
  if (reported.size >= REPORTED_MAX) reported.delete(reported.values().next().value!);
  reported.add(key);
  ctx.background(
    recordExposure(ctx.env, experimentId, profileId, variant).catch((error: unknown) => {
      // Not reported after all: a later request tries again.
      reported.delete(key);
      throw error;
    }),
  );
}

export interface Assignment {
  experimentId: string;
  variant: string;
  config: VariantConfig;
}

export interface Assignments {
  assignments: Assignment[];
  /** "<experimentId>:<variantKey>" of each, as QoE views are tagged. */
  variants: string[];
  config: ProductConfig;
}

/**
 * The experiments a profile is in here and now, and its product config.
 * Reports exposure to those that set a key the surface reads; an
 * experiment whose variants set nothing (an A/A test) is exposed by
 * getAssignments alone.
 *
 * @example
 * const { config } = await assignmentsFor(ctx, profile, "home");
 */
export async function assignmentsFor(
  ctx: ServiceContext,
  profile: Profile,
  surface: Surface,
  now = Date.now(),
): Promise<Assignments> {
  const audience = { ...ctx.client, kids: profile.isKids };
  const reads: readonly ConfigKey[] = SURFACES[surface];
  const everything = surface === "assignments";
  const assignments: Assignment[] = [];
  for (const experiment of await runningExperiments(ctx)) {
    if (!isLive(experiment, now) || !isTargeted(experiment.targeting, audience)) continue;
    const key = assignVariant(profile.id, experiment);
    const variant = experiment.variants.find((candidate) => candidate.key === key);
    if (!variant) continue;
    assignments.push({ experimentId: experiment.id, variant: variant.key, config: variant.config });
    if (everything || experiment.keys.some((configKey) => reads.includes(configKey))) {
      reportExposure(ctx, experiment.id, profile.id, variant.key);
    }
  }
  return {
    assignments,
    variants: assignments.map((a) => `${a.experimentId}:${a.variant}`),
    config: productConfig(assignments.map((a) => a.config)),
  };
}

/** The artwork the profile's cards show (a read of the "cards" surface). */
export async function cardArtworkFor(ctx: ServiceContext, profile: Profile) {
  return (await assignmentsFor(ctx, profile, "cards")).config.artwork;
}
