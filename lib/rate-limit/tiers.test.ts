import { describe, expect, it } from "vitest";
import { PREMIUM_MULTIPLIER, RATE_LIMIT_TIERS, windowsFor } from "./tiers.ts";

describe("rate-limit tiers", () => {
  it("has the product's limits", () => {
    expect(windowsFor("auth", "standard")).toEqual([
      { limit: 5, windowMs: 300_000 },
      { limit: 2, windowMs: 10_000 },
    ]);
    expect(windowsFor("browse", "standard")).toEqual([{ limit: 100, windowMs: 60_000 }]);
    expect(RATE_LIMIT_TIERS.playback.window.limit).toBe(30);
    expect(RATE_LIMIT_TIERS.progress.window.limit).toBe(60);
    expect(RATE_LIMIT_TIERS.profile.window.limit).toBe(20);
    expect(RATE_LIMIT_TIERS.admin.window.limit).toBe(200);
  });

  it("raises every tier but auth for premium accounts", () => {
    expect(windowsFor("browse", "premium")[0]!.limit).toBe(100 * PREMIUM_MULTIPLIER);
    expect(windowsFor("auth", "premium")).toEqual(windowsFor("auth", "basic"));
  });

  it("scales every window by the configured factor", () => {
    expect(windowsFor("auth", undefined, 100)).toEqual([
      { limit: 500, windowMs: 300_000 },
      { limit: 200, windowMs: 10_000 },
    ]);
  });
});
