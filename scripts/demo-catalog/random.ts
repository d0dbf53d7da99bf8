/**
 * A seeded pseudo-random number generator (mulberry32) and the few helpers
 * the demo catalog draws with. Every random choice in the demo data goes
 * through here, so two runs produce byte-identical data.
 *
 * Each part of the catalog seeds its own generator from a string
 * (`randomFor("artwork:the-silent-harbor")`) rather than sharing one stream:
 * adding a title or a draw elsewhere then leaves everyone else's choices, ids
 * and artwork bytes unchanged.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks an item with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T;
  /** A shuffled copy (Fisher–Yates); the input is left alone. */
  shuffle<T>(items: readonly T[]): T[];
  /** `count` distinct items (fewer if there are fewer). */
  sample<T>(items: readonly T[], count: number): T[];
}

/** mulberry32: tiny, fast, and good enough for test data (not for secrets). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit FNV-1a hash of the string's UTF-16 code units: a seed from a label. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(next() * items.length)]!;
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  };
  return {
    next,
    int,
    float: (min, max) => min + next() * (max - min),
    chance: (probability) => next() < probability,
    pick,
    weighted<T>(items: readonly T[], weight: (item: T) => number): T {
      const weights = items.map(weight);
      const total = weights.reduce((sum, w) => sum + w, 0);
      if (!(total > 0)) return pick(items);
      let target = next() * total;
      for (let i = 0; i < items.length; i++) {
        target -= weights[i]!;
        if (target < 0) return items[i]!;
      }
      return items[items.length - 1]!;
    },
    shuffle,
    sample: (items, count) => shuffle(items).slice(0, count),
  };
}

/** A generator of its own for one labelled part of the data. */
export function randomFor(label: string): Random {
  return createRandom(hashString(label));
}
