/**
 * Exposure shards: a profile's shard depends on its id alone (so its
 * sticky record is always in the same object), and ids spread over every
 * shard evenly enough that none becomes the hot object sharding avoids.
 */
import { describe, expect, it } from "vitest";
import {
  EXPOSURE_SHARDS,
  exposureObjectName,
  exposureShard,
  exposureShardName,
  exposureShardNames,
} from "./exposure-shards.ts";

describe("exposure shards", () => {
  it("puts a profile in the same shard every time, for every experiment", () => {
    const profileId = crypto.randomUUID();
    const shard = exposureShard(profileId);
    expect(shard).toBeGreaterThanOrEqual(0);
    expect(shard).toBeLessThan(EXPOSURE_SHARDS);
    expect(Number.isInteger(shard)).toBe(true);
    for (let i = 0; i < 5; i++) expect(exposureShard(profileId)).toBe(shard);
    expect(exposureObjectName("exp-1", profileId)).toBe(`exp-1:${shard}`);
    expect(exposureObjectName("exp-2", profileId)).toBe(`exp-2:${shard}`);
  });

  it("spreads 10,000 profiles over every shard, none with more than twice the mean", () => {
    const perShard = new Array<number>(EXPOSURE_SHARDS).fill(0);
    for (let i = 0; i < 10_000; i++) perShard[exposureShard(crypto.randomUUID())]! += 1;
    const mean = 10_000 / EXPOSURE_SHARDS;
    expect(perShard.every((count) => count > 0)).toBe(true);
    expect(Math.max(...perShard)).toBeLessThanOrEqual(2 * mean);
  });

  it("spreads ids that differ only in their last characters too", () => {
    // Sequential ids (profile-0, profile-1, …) must not pile into a few shards.
    const shards = new Set(Array.from({ length: 1_000 }, (_, i) => exposureShard(`profile-${i}`)));
    expect(shards.size).toBe(EXPOSURE_SHARDS);
  });

  it("names every shard of an experiment once, none the unsharded bare id", () => {
    const names = exposureShardNames("exp-1");
    expect(names).toHaveLength(EXPOSURE_SHARDS);
    expect(new Set(names).size).toBe(EXPOSURE_SHARDS);
    expect(names).not.toContain("exp-1");
    expect(names[7]).toBe(exposureShardName("exp-1", 7));
  });
});
