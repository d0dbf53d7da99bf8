import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { RateWindow } from "../../lib/rate-limit/tiers.ts";

const limiter = (name = crypto.randomUUID()) => env.RATE_LIMITER.getByName(name);
const TEN_PER_MINUTE: RateWindow[] = [{ limit: 10, windowMs: 60_000 }];

describe("RateLimiter", () => {
  it("lets exactly 10 of 50 parallel requests through a limit of 10", async () => {
    const stub = limiter();
    const decisions = await Promise.all(
      Array.from({ length: 50 }, () => stub.consume(TEN_PER_MINUTE)),
    );
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
    const remaining = decisions
      .filter((decision) => decision.allowed)
      .map((decision) => decision.remaining);
    expect(remaining.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("slides: a slot frees exactly when the oldest counted request leaves the window", async () => {
    const stub = limiter();
    const start = 1_000_000;
    for (let i = 0; i < 10; i++)
      expect((await stub.consume(TEN_PER_MINUTE, start + i * 1000)).allowed).toBe(true);
    const refused = await stub.consume(TEN_PER_MINUTE, start + 30_000);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterMs: 30_000 });
    expect((await stub.consume(TEN_PER_MINUTE, start + 59_999)).allowed).toBe(false);
    // At start + 60 s the first request (at start) is out of the window.
    expect((await stub.consume(TEN_PER_MINUTE, start + 60_000)).allowed).toBe(true);
    expect((await stub.consume(TEN_PER_MINUTE, start + 60_001)).allowed).toBe(false);
  });

  it("does not count refused requests", async () => {
    const stub = limiter();
    const windows = [{ limit: 2, windowMs: 10_000 }];
    await stub.consume(windows, 0);
    await stub.consume(windows, 1);
    for (let t = 2; t < 100; t++) expect((await stub.consume(windows, t)).allowed).toBe(false);
    expect((await stub.consume(windows, 10_000)).allowed).toBe(true);
  });

  it("applies a burst window on top of the main one", async () => {
    const stub = limiter();
    const auth: RateWindow[] = [
      { limit: 5, windowMs: 300_000 },
      { limit: 2, windowMs: 10_000 },
    ];
    expect((await stub.consume(auth, 0)).allowed).toBe(true);
    expect((await stub.consume(auth, 1)).allowed).toBe(true);
    const burst = await stub.consume(auth, 2);
    expect(burst).toMatchObject({ allowed: false, remaining: 3, retryAfterMs: 9_998 });
    expect((await stub.consume(auth, 10_000)).allowed).toBe(true);
    expect((await stub.consume(auth, 20_000)).allowed).toBe(true);
    expect((await stub.consume(auth, 30_000)).allowed).toBe(true);
    // Five in five minutes, however they are spaced.
    const main = await stub.consume(auth, 40_000);
    expect(main).toMatchObject({ allowed: false, remaining: 0, retryAfterMs: 260_000 });
  });

  it("reports when the oldest counted request leaves the window", async () => {
    const stub = limiter();
    const first = await stub.consume(TEN_PER_MINUTE, 5_000);
    expect(first).toMatchObject({ limit: 10, remaining: 9, resetAt: 65_000 });
    expect(await stub.consume(TEN_PER_MINUTE, 6_000)).toMatchObject({
      remaining: 8,
      resetAt: 65_000,
    });
  });

  it("survives eviction: the count is in storage, not memory", async () => {
    const name = crypto.randomUUID();
    for (let i = 0; i < 10; i++) await limiter(name).consume(TEN_PER_MINUTE, 1_000 + i);
    await runInDurableObject(limiter(name), async (_instance, state) => {
      expect((await state.storage.list({ prefix: "hit:" })).size).toBe(10);
    });
    await evictDurableObject(limiter(name));
    expect((await limiter(name).consume(TEN_PER_MINUTE, 2_000)).allowed).toBe(false);
  });

  it("deletes its storage once the window has passed without requests, and starts clean after", async () => {
    const stub = limiter();
    await stub.consume(TEN_PER_MINUTE);
    // A request still inside the window: the alarm moves on and the log stays.
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    await runInDurableObject(stub, async (_instance, state) => {
      expect((await state.storage.list({ prefix: "hit:" })).size).toBe(1);
      expect(await state.storage.getAlarm()).not.toBeNull();
    });
    // A caller whose only request is long past: everything goes.
    const idle = limiter();
    await idle.consume([{ limit: 10, windowMs: 1_000 }], Date.now() - 120_000);
    expect(await runDurableObjectAlarm(idle)).toBe(true);
    await runInDurableObject(idle, async (_instance, state) => {
      expect((await state.storage.list()).size).toBe(0);
      expect(await state.storage.getAlarm()).toBeNull();
    });
    expect((await idle.consume(TEN_PER_MINUTE)).remaining).toBe(9);
  });

  it("writes its alarm once, not on every request", async () => {
    const stub = limiter();
    await stub.consume(TEN_PER_MINUTE, 1_000);
    const first = await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm());
    await stub.consume(TEN_PER_MINUTE, 5_000);
    const second = await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm());
    expect(second).toBe(first);
  });
});
