/**
 * Made-up Chromaprint fingerprint items for the intro-matching tests:
 * deterministic pseudo-random 32-bit values (xorshift), so two different
 * `seed`s differ in about 16 bits per item, as unrelated audio does.
 */
export function fingerprintNoise(seed: number, length: number): number[] {
  let state = seed;
  return Array.from({ length }, () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  });
}
