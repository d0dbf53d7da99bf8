/**
 * One ExperimentState shard on its own (lib/experiments/exposure-shards.ts
 * picks the shard): a profile's first exposure is recorded once and sticks,
 * however often and in whatever variant it is reported again, and the
 * counts per variant count profiles, not reports.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const experiment = () => env.EXPERIMENT_STATE.getByName(crypto.randomUUID());

describe("ExperimentState", () => {
  it("records a profile's first exposure once and returns it on every later one", async () => {
    const state = experiment();
    const first = await state.expose("profile-1", "treatment", 1_000);
    expect(first).toEqual({ variant: "treatment", exposedAt: 1_000, first: true });
    const again = await state.expose("profile-1", "treatment", 2_000);
    expect(again).toEqual({ variant: "treatment", exposedAt: 1_000, first: false });
    // Sticky: a later report of another variant does not move the profile.
    const moved = await state.expose("profile-1", "control", 3_000);
    expect(moved).toEqual({ variant: "treatment", exposedAt: 1_000, first: false });
    expect(await state.exposureOf("profile-1")).toEqual({ variant: "treatment", exposedAt: 1_000 });
    expect(await state.exposureOf("profile-2")).toBeNull();
  });

  it("counts exposed profiles per variant", async () => {
    const state = experiment();
    expect(await state.exposureCounts()).toEqual({});
    await Promise.all([
      state.expose("a", "control"),
      state.expose("b", "control"),
      state.expose("c", "treatment"),
      // The same profile reported twice at once, from two isolates.
      state.expose("d", "treatment"),
      state.expose("d", "control"),
    ]);
    expect(await state.exposureCounts()).toEqual({ control: 2, treatment: 2 });
  });

  it("keeps each experiment's exposures apart", async () => {
    const [one, other] = [experiment(), experiment()];
    await one.expose("profile-1", "control");
    expect(await other.exposureOf("profile-1")).toBeNull();
    expect(await other.exposureCounts()).toEqual({});
  });
});
