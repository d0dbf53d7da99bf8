/**
 * An experiment's exposures, kept in its ExperimentState shards
 * (durable-objects/src/experiment-state.ts): a profile's record is read and
 * written in the one shard its id hashes to (lib/experiments/exposure-shards.ts),
 * and the counts per variant are the sum over every shard, read in parallel.
 *
 * Exposures recorded before sharding, in the single object named by the
 * bare experiment id, are not read here (docs/experiments.md).
 */
import {
  exposureObjectName,
  exposureShardNames,
} from "../../../../lib/experiments/exposure-shards.ts";

const exposureObject = (env: Env, experimentId: string, profileId: string) =>
  env.EXPERIMENT_STATE.getByName(exposureObjectName(experimentId, profileId));

/**
 * Records a profile's first exposure in `variant`; returns what is recorded,
 * which is the first report's variant whatever this one says (sticky).
 *
 * @example
 * const { variant, first } = await recordExposure(env, experimentId, profileId, "control");
 */
export const recordExposure = (
  env: Env,
  experimentId: string,
  profileId: string,
  variant: string,
  now = Date.now(),
) => exposureObject(env, experimentId, profileId).expose(profileId, variant, now);

/** The variant a profile was exposed to, and when, or null if it was not. */
export const exposureOf = (env: Env, experimentId: string, profileId: string) =>
  exposureObject(env, experimentId, profileId).exposureOf(profileId);

/** Profiles exposed so far per variant key, over every shard (variants nobody saw are absent). */
export async function exposureCounts(
  env: Env,
  experimentId: string,
): Promise<Record<string, number>> {
  const shards = await Promise.all(
    exposureShardNames(experimentId).map((name) =>
      env.EXPERIMENT_STATE.getByName(name).exposureCounts(),
    ),
  );
  // A profile is in exactly one shard, so the shards' counts add without double counting.
  const totals = new Map<string, number>();
  for (const counts of shards) {
    for (const [variant, profiles] of Object.entries(counts)) {
      totals.set(variant, (totals.get(variant) ?? 0) + profiles);
    }
  }
  return Object.fromEntries(totals);
}
