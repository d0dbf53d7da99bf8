/**
 * Read-through caching for catalog data, in two layers in front of D1:
 *
 * 1. this isolate's memory, for `MEMORY_TTL_MS` (a hot home page then needs
 *    no I/O for shared data at all);
 * 2. KV, for the configured TTL (CATALOG_CACHE_TTL_SECONDS), shared by every
 *    isolate at the edge.
 *
 * A miss in both loads from D1 and writes KV after the response. An admin
 * edit deletes exactly the keys it affects (lib/catalog/cache-keys.ts);
 * other isolates' memory copies expire within MEMORY_TTL_MS. When KV fails,
 * reads go straight to D1 and nothing is written back until it recovers.
 */
import type { Logger } from "../../../../lib/http/logger.ts";

export const MEMORY_TTL_MS = 10_000;
const MEMORY_MAX_ENTRIES = 5_000;

interface MemoryEntry {
  value: unknown;
  expiresAt: number;
}

// Module scope: shared by every request this isolate serves.
const memory = new Map<string, MemoryEntry>();

function remember(key: string, value: unknown, now: number): void {
  // Maps iterate in insertion order, so the first key is the oldest write.
  if (memory.size >= MEMORY_MAX_ENTRIES) memory.delete(memory.keys().next().value!);
  memory.set(key, { value, expiresAt: now + MEMORY_TTL_MS });
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
    const cached = memory.get(key);
    if (cached && cached.expiresAt > now) return cached.value as T;

    const { kv, ttlSeconds, logger, background } = this.#options;
    let kvAvailable = true;
    try {
      const stored = await kv.get<T>(key, "json");
      if (stored !== null) {
        remember(key, stored, now);
        return stored;
      }
    } catch (error) {
      kvAvailable = false;
      logger.log("warn", "KV unavailable; reading from D1", { key, error: String(error) });
    }

    const value = await load();
    remember(key, value, now);
    if (kvAvailable) {
      background(kv.put(key, JSON.stringify(value), { expirationTtl: ttlSeconds }));
    }
    return value;
  }

  /** Values for many keys at once from memory only (hydration of cards). */
  peek<T>(key: string): T | undefined {
    const cached = memory.get(key);
    return cached && cached.expiresAt > Date.now() ? (cached.value as T) : undefined;
  }

  /** Keeps a value in this isolate's memory only. */
  keep(key: string, value: unknown): void {
    remember(key, value, Date.now());
  }

  /** Deletes keys from both layers (this isolate's memory and KV). */
  async invalidate(keys: Iterable<string>): Promise<void> {
    const unique = [...new Set(keys)];
    for (const key of unique) memory.delete(key);
    await Promise.all(unique.map((key) => this.#options.kv.delete(key)));
  }
}

/** Forgets this isolate's memory layer (tests use it to reach KV and D1). */
export function clearMemoryCache(): void {
  memory.clear();
}
