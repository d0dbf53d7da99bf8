/**
 * Exposures across an experiment's ExperimentState shards: the api Worker
 * records a profile in the shard its id hashes to (and nowhere else), a
 * profile reported again from another isolate, in another variant, keeps
 * its first one, and the counts add up every shard.
 */
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { assignVariant } from "../../../lib/experiments/allocation.ts";
import {
  EXPOSURE_SHARDS,
  exposureObjectName,
  exposureShard,
  exposureShardNames,
} from "../../../lib/experiments/exposure-shards.ts";
import { forgetAll } from "../src/cache/isolate-memory.ts";
import { exposureCounts, exposureOf, recordExposure } from "../src/storage/experiment-exposures.ts";
import {
  experimentAdmin,
  runExperiment,
  stopRunningExperiments,
  variants,
} from "./experiment-fixture.ts";
import { request, viewerToken } from "./helpers.ts";

let admin: string;
beforeAll(async () => {
  forgetAll();
  admin = await experimentAdmin();
});
afterEach(async () => {
  await stopRunningExperiments(admin);
});

const ARTWORK = variants({}, { artwork: "backdrop" });

/** What each shard of the experiment holds, straight from the objects. */
const perShard = (experimentId: string) =>
  Promise.all(
    exposureShardNames(experimentId).map((name) =>
      env.EXPERIMENT_STATE.getByName(name).exposureCounts(),
    ),
  );
const profilesIn = (counts: Record<string, number>) =>
  Object.values(counts).reduce((sum, profiles) => sum + profiles, 0);

describe("exposures across shards", () => {
  it("are recorded through the API in the profile's own shard and nowhere else", async () => {
    const experiment = await runExperiment(admin, { variants: ARTWORK });
    const viewer = await viewerToken();
    const expected = assignVariant(viewer.profileId, experiment)!;
    expect((await request("/api/assignments", { token: viewer.token })).status).toBe(200);
    await vi.waitFor(async () =>
      expect(await exposureOf(env, experiment.id, viewer.profileId)).not.toBeNull(),
    );

    const own = env.EXPERIMENT_STATE.getByName(exposureObjectName(experiment.id, viewer.profileId));
    expect((await own.exposureOf(viewer.profileId))?.variant).toBe(expected);
    const shards = await perShard(experiment.id);
    expect(shards.map(profilesIn)).toEqual(
      shards.map((_, shard) => (shard === exposureShard(viewer.profileId) ? 1 : 0)),
    );
    // Nothing writes to the single object an experiment had before sharding.
    expect(await env.EXPERIMENT_STATE.getByName(experiment.id).exposureCounts()).toEqual({});
  });

  it("keep a profile in its first variant when another isolate reports it again", async () => {
    const experiment = await runExperiment(admin, { variants: ARTWORK });
    const viewer = await viewerToken();
    const expected = assignVariant(viewer.profileId, experiment)!;
    const other = expected === "control" ? "treatment-1" : "control";
    expect((await request("/api/assignments", { token: viewer.token })).status).toBe(200);
    await vi.waitFor(async () =>
      expect(await exposureOf(env, experiment.id, viewer.profileId)).not.toBeNull(),
    );
    const exposure = (await exposureOf(env, experiment.id, viewer.profileId))!;

    // Another isolate has not reported this profile yet, so it reports it: here, in the other variant.
    const again = await recordExposure(env, experiment.id, viewer.profileId, other, Date.now());
    expect(again).toEqual({ ...exposure, first: false });
    expect(await exposureOf(env, experiment.id, viewer.profileId)).toEqual(exposure);
    expect(await exposureCounts(env, experiment.id)).toEqual({ [expected]: 1 });
  });

  it("keep one record when two isolates report a new profile at once", async () => {
    const experimentId = crypto.randomUUID();
    const [one, two] = await Promise.all([
      recordExposure(env, experimentId, "profile-1", "control"),
      recordExposure(env, experimentId, "profile-1", "treatment-1"),
    ]);
    expect(one.variant).toBe(two.variant);
    expect([one.first, two.first].filter(Boolean)).toHaveLength(1);
    expect(await exposureCounts(env, experimentId)).toEqual({ [one.variant]: 1 });
  });

  it("count every shard's profiles: the number exposed per variant", async () => {
    const experimentId = crypto.randomUUID();
    // Three profiles in every shard: the first two in control, the third in treatment-1.
    const byShard = Array.from({ length: EXPOSURE_SHARDS }, () => new Array<string>());
    for (let i = 0; byShard.some((ids) => ids.length < 3); i++) {
      const id = `profile-${i}`;
      const ids = byShard[exposureShard(id)]!;
      if (ids.length < 3) ids.push(id);
    }
    await Promise.all(
      byShard.flatMap((ids) =>
        ids.map((id, i) =>
          recordExposure(env, experimentId, id, i < 2 ? "control" : "treatment-1"),
        ),
      ),
    );
    expect(await exposureCounts(env, experimentId)).toEqual({
      control: 2 * EXPOSURE_SHARDS,
      "treatment-1": EXPOSURE_SHARDS,
    });
    // Each shard holds its own three and no more.
    expect((await perShard(experimentId)).map(profilesIn)).toEqual(
      new Array<number>(EXPOSURE_SHARDS).fill(3),
    );
  });
});
