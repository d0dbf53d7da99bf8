/**
 * MurmurHash3, x86 32-bit variant (Austin Appleby, public domain), over the
 * UTF-8 bytes of a string. Experiment allocation hashes with it: it is fast,
 * well mixed and the same everywhere, so a profile's bucket can be
 * recomputed by anyone (an analyst in SQL, another service) from its id.
 *
 * @example
 * murmurhash3("profile-1:experiment-1"); // an unsigned 32-bit integer
 */
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const encoder = new TextEncoder();

const rotl32 = (x: number, r: number) => (x << r) | (x >>> (32 - r));

function mixK1(k: number): number {
  return Math.imul(rotl32(Math.imul(k, C1), 15), C2);
}

export function murmurhash3(text: string, seed = 0): number {
  const bytes = encoder.encode(text);
  const length = bytes.length;
  const tail = length & ~3;
  let h = seed | 0;
  for (let i = 0; i < tail; i += 4) {
    const k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    h ^= mixK1(k);
    h = rotl32(h, 13);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  // The last 1–3 bytes, little-endian, mixed without the rotation of h.
  const rest = length & 3;
  if (rest > 0) {
    let k = bytes[tail]!;
    if (rest > 1) k |= bytes[tail + 1]! << 8;
    if (rest > 2) k |= bytes[tail + 2]! << 16;
    h ^= mixK1(k);
  }
  h ^= length;
  // fmix32: the final avalanche.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
