/**
 * A circuit breaker around work that may fail or run slow (personalisation).
 *
 * - closed: calls run; 5 failures in a row open it.
 * - open: calls are refused at once (the caller serves its fallback) for
 *   `openForMs`; then it is half-open.
 * - half-open: one trial call runs; success closes the breaker, failure
 *   opens it again. Other calls meanwhile are refused.
 *
 * State lives in the isolate's memory, like any per-instance breaker: each
 * isolate learns about a failing dependency from its own calls.
 */
export type BreakerState = "closed" | "open" | "half-open";

export class CircuitOpenError extends Error {
  constructor() {
    super("circuit open");
    this.name = "CircuitOpenError";
  }
}

export class CircuitBreaker {
  readonly #failureThreshold: number;
  readonly #openForMs: number;
  #failures = 0;
  #openedAt = 0;
  #state: BreakerState = "closed";
  #trialRunning = false;

  constructor({ failureThreshold = 5, openForMs = 30_000 } = {}) {
    this.#failureThreshold = failureThreshold;
    this.#openForMs = openForMs;
  }

  state(now = Date.now()): BreakerState {
    if (this.#state === "open" && now - this.#openedAt >= this.#openForMs)
      this.#state = "half-open";
    return this.#state;
  }

  /** Runs `work` unless the breaker refuses it; records the outcome. */
  async run<T>(work: () => Promise<T>, now = Date.now()): Promise<T> {
    const state = this.state(now);
    if (state === "open" || (state === "half-open" && this.#trialRunning))
      throw new CircuitOpenError();
    this.#trialRunning = state === "half-open";
    try {
      const result = await work();
      this.#failures = 0;
      this.#state = "closed";
      return result;
    } catch (error) {
      this.#failures += 1;
      if (this.#state === "half-open" || this.#failures >= this.#failureThreshold) {
        this.#state = "open";
        this.#openedAt = now;
      }
      throw error;
    } finally {
      this.#trialRunning = false;
    }
  }
}

/** Rejects when `promise` has not settled within `ms`. */
export function withinBudget<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const overrun = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`over its ${ms} ms budget`)), ms);
  });
  return Promise.race([promise, overrun]).finally(() => clearTimeout(timer));
}
