/**
 * A small cache in this isolate's memory: a Worker isolate serves many
 * requests, so what one request learned can spare the next one an I/O
 * round trip. Entries live `MEMORY_TTL_MS` at most, the size is bounded,
 * and callers delete entries they know to be stale. Other isolates are
 * not told, so only data that may be a few seconds old belongs here.
 */
export const MEMORY_TTL_MS = 10_000;
const MAX_ENTRIES = 5_000;

interface Entry {
  value: unknown;
  expiresAt: number;
}

const entries = new Map<string, Entry>();

export function recall<T>(key: string, now = Date.now()): T | undefined {
  const entry = entries.get(key);
  return entry && entry.expiresAt > now ? (entry.value as T) : undefined;
}

export function remember(key: string, value: unknown, now = Date.now()): void {
  // Maps iterate in insertion order, so the first key is the oldest write.
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(key, { value, expiresAt: now + MEMORY_TTL_MS });
}

export function forget(key: string): void {
  entries.delete(key);
}

/** Empties the cache (tests use it to reach KV and D1). */
export function forgetAll(): void {
  entries.clear();
}
