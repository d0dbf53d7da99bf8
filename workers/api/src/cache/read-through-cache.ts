/**
 * Read-through caching for catalog data, in two layers in front of D1:
 *
 * 1. this isolate's memory (isolate-memory.ts; a hot home page then needs
 *    no I/O for shared data at all);
 * 2. KV, for the configured TTL (CATALOG_CACHE_TTL_SECONDS), shared by every
 *    isolate at the edge.
 *
 * A miss in both loads from D1 and writes KV after the response. An admin
 * edit deletes exactly the keys it affects (lib/catalog/cache-keys.ts);
 * other isolates' memory copies expire within seconds. When KV fails,
 * reads go straight to D1 and nothing is written back until it recovers.
 */
import type { Logger } from "../../../../lib/http/logger.ts";
import { forget, recall, remember } from "./isolate-memory.ts";

let generation = 0;

/**
 * A number that moves whenever this isolate's cached catalog data might
 * have: on every load from KV or D1 and every invalidation. Anything built
 * from cached data (a home page) may be reused while it stays the same.
 */
export function catalogGeneration(): number {
  return generation;
}

export interface CacheOptions {
  kv: KVNamespace;
  ttlSeconds: number;
  logger: Logger;
  /** Runs work after the response (KV write-back). */
  background(promise: Promise<unknown>): void;
}

export class ReadThroughCache {
  readonly #options: CacheOptions;

  constructor(options: CacheOptions) {
    this.#options = options;
  }

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const cached = recall<T>(key, now);
    if (cached !== undefined) return cached;

    const { kv, ttlSeconds, logger, background } = this.#options;
    let kvAvailable = true;
    try {
      const stored = await kv.get<T>(key, "json");
      if (stored !== null) {
        generation++;
        remember(key, stored, now);
        return stored;
      }
    } catch (error) {
      kvAvailable = false;
      logger.log("warn", "KV unavailable; reading from D1", { key, error: String(error) });
    }

    const value = await load();
    generation++;
    remember(key, value, now);
    if (kvAvailable) {
      background(kv.put(key, JSON.stringify(value), { expirationTtl: ttlSeconds }));
    }
    return value;
  }

  /** A value from this isolate's memory only (hydration of cards). */
  peek<T>(key: string): T | undefined {
    return recall<T>(key);
  }

  /** Keeps a value in this isolate's memory only. */
  keep(key: string, value: unknown): void {
    generation++;
    remember(key, value);
  }

  /** Deletes keys from both layers (this isolate's memory and KV). */
  async invalidate(keys: Iterable<string>): Promise<void> {
    const unique = [...new Set(keys)];
    generation++;
    for (const key of unique) forget(key);
    await Promise.all(unique.map((key) => this.#options.kv.delete(key)));
  }
}
