/**
 * Who is in an experiment, and in which variant. Deterministic: the answer
 * depends only on the profile id, the experiment id, the allocation and the
 * variants' keys and weights, so every server computes the same one without
 * coordination, and nothing else about an experiment (its name, its end
 * date) can move anyone.
 *
 * hash = murmurhash3("<profileId>:<experimentId>") (unsigned 32-bit)
 * - bucket = hash mod 100: the profile is in iff bucket < allocationPercent,
 *   so raising the allocation only adds the buckets above the old value;
 * - variant: walk the variants' cumulative weights with
 *   floor(hash / 100) mod totalWeight, a part of the hash independent of
 *   the bucket, so a profile's variant is the same at any allocation.
 */
import type { DeviceType } from "../qoe/device-type.ts";
import type { Targeting } from "./definition.ts";
import { murmurhash3 } from "./murmurhash3.ts";

export const BUCKETS = 100;

export interface Allocatable {
  id: string;
  allocationPercent: number;
  variants: readonly { key: string; weight: number }[];
}

/** What targeting looks at: where the request comes from and who the profile is. */
export interface Audience {
  /** ISO 3166 alpha-2, "XX" when unknown. */
  country: string;
  deviceType: DeviceType;
  kids: boolean;
}

export const allocationHash = (profileId: string, experimentId: string) =>
  murmurhash3(`${profileId}:${experimentId}`);

/** The variant key a profile gets, or null when it is outside the allocation. */
export function assignVariant(profileId: string, experiment: Allocatable): string | null {
  const hash = allocationHash(profileId, experiment.id);
  if (hash % BUCKETS >= experiment.allocationPercent) return null;
  const total = experiment.variants.reduce((sum, variant) => sum + variant.weight, 0);
  let point = Math.floor(hash / BUCKETS) % total;
  for (const variant of experiment.variants) {
    if (point < variant.weight) return variant.key;
    point -= variant.weight;
  }
  // Unreachable while weights are positive integers (definition.ts ensures it).
  throw new Error("variant weights must be positive integers");
}

/** Whether an audience is one the experiment targets; an absent criterion admits everyone. */
export function isTargeted(targeting: Targeting, audience: Audience): boolean {
  return (
    (!targeting.countries || targeting.countries.includes(audience.country)) &&
    (!targeting.deviceTypes || targeting.deviceTypes.includes(audience.deviceType)) &&
    (targeting.kids === undefined || targeting.kids === audience.kids)
  );
}
