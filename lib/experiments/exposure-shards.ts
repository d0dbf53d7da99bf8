/**
 * Which ExperimentState object keeps a profile's exposure to an experiment.
 * One object per experiment would take a write from every newly exposed
 * profile, and a popular experiment exposes thousands a second, past the
 * ~1,000 requests/s one Durable Object sustains; so each experiment's
 * exposures are split over EXPOSURE_SHARDS objects by a hash of the
 * profile id. The hash depends on nothing else, so a profile's sticky
 * first exposure is always read and written in the same object, whichever
 * isolate reports it; counts per variant are the sum over the shards.
 *
 * Every caller names the objects through this module, so the scheme is
 * defined once.
 *
 * @example
 * env.EXPERIMENT_STATE.getByName(exposureObjectName(experimentId, profileId));
 */
import { murmurhash3 } from "./murmurhash3.ts";

/**
 * Shards per experiment. The capacity model (`npm run capacity`,
 * docs/scaling.md) puts an experiment on the home page for everyone at
 * about 39,000 exposure reports a second at peak (the api's dedupe is per
 * isolate, so nearly every home page and start reports): 32 objects would
 * take 1,200 a second each, over the ~1,000 one object sustains; 64 take
 * about 600. Reading the counts for the results is 64 parallel RPCs.
 * Changing it moves profiles between objects, so it is fixed for good
 * once exposures are recorded.
 */
export const EXPOSURE_SHARDS = 64;

/** The shard a profile's exposures live in, the same for every experiment (0 ≤ n < EXPOSURE_SHARDS). */
export const exposureShard = (profileId: string): number =>
  murmurhash3(profileId) % EXPOSURE_SHARDS;

/**
 * The object name of one shard of an experiment. The ":" keeps these apart from
 * the single per-experiment object of before sharding, which was named by the bare id.
 */
export const exposureShardName = (experimentId: string, shard: number): string =>
  `${experimentId}:${shard}`;

/** The object that keeps this profile's exposure to this experiment. */
export const exposureObjectName = (experimentId: string, profileId: string): string =>
  exposureShardName(experimentId, exposureShard(profileId));

/** Every shard of an experiment, for reads that need all its exposures. */
export const exposureShardNames = (experimentId: string): string[] =>
  Array.from({ length: EXPOSURE_SHARDS }, (_, shard) => exposureShardName(experimentId, shard));
