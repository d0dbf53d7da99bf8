import { describe, expect, it } from "vitest";
import { CircuitBreaker, CircuitOpenError, withinBudget } from "../src/cache/circuit-breaker.ts";

const fail = () => Promise.reject(new Error("down"));
const succeed = () => Promise.resolve("ok");

describe("CircuitBreaker", () => {
  it("opens after 5 failures in a row, refuses calls while open, then lets one trial through", async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 5, openForMs: 1000 });
    for (let i = 0; i < 4; i++) await expect(breaker.run(fail, 0)).rejects.toThrow("down");
    expect(breaker.state(0)).toBe("closed");
    await expect(breaker.run(fail, 0)).rejects.toThrow("down");
    expect(breaker.state(0)).toBe("open");
    let called = false;
    await expect(breaker.run(async () => ((called = true), "ok"), 999)).rejects.toBeInstanceOf(
      CircuitOpenError,
    );
    expect(called).toBe(false);
    expect(breaker.state(1000)).toBe("half-open");
    await expect(breaker.run(succeed, 1000)).resolves.toBe("ok");
    expect(breaker.state(1000)).toBe("closed");
  });

  it("counts only consecutive failures", async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 5, openForMs: 1000 });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) await expect(breaker.run(fail, 0)).rejects.toThrow();
      await breaker.run(succeed, 0);
    }
    expect(breaker.state(0)).toBe("closed");
  });

  it("admits one trial at a time when half-open, and goes back to open when a trial fails", async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, openForMs: 100 });
    await expect(breaker.run(fail, 0)).rejects.toThrow("down");
    let release!: () => void;
    const trial = breaker.run(
      () => new Promise<string>((resolve) => (release = () => resolve("ok"))),
      100,
    );
    await expect(breaker.run(succeed, 100)).rejects.toBeInstanceOf(CircuitOpenError);
    release();
    await expect(trial).resolves.toBe("ok");
    expect(breaker.state(100)).toBe("closed");

    await expect(breaker.run(fail, 200)).rejects.toThrow("down");
    expect(breaker.state(250)).toBe("open");
    expect(breaker.state(300)).toBe("half-open");
    await expect(breaker.run(fail, 300)).rejects.toThrow("down");
    expect(breaker.state(399)).toBe("open");
    expect(breaker.state(400)).toBe("half-open");
  });
});

describe("withinBudget", () => {
  it("passes a result that arrives in time and refuses one that doesn't", async () => {
    await expect(withinBudget(Promise.resolve(1), 50)).resolves.toBe(1);
    await expect(
      withinBudget(new Promise((resolve) => setTimeout(resolve, 200)), 20),
    ).rejects.toThrow("budget");
  });
});
