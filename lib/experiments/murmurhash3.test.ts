/**
 * MurmurHash3 x86_32 against published vectors: the SMHasher verification
 * set as collected in the reference port's tests (seed 0x9747b28c and 0),
 * including every tail length and multi-byte UTF-8 input.
 */
import { describe, expect, it } from "vitest";
import { murmurhash3 } from "./murmurhash3.ts";

describe("murmurhash3", () => {
  it.each([
    ["", 0, 0x00000000],
    ["", 1, 0x514e28b7],
    ["", 0xffffffff, 0x81f16f39],
    ["\0\0\0\0", 0, 0x2362f9de],
    ["aaaa", 0x9747b28c, 0x5a97808a],
    ["aaa", 0x9747b28c, 0x283e0130],
    ["aa", 0x9747b28c, 0x5d211726],
    ["a", 0x9747b28c, 0x7fa09ea6],
    ["abcd", 0x9747b28c, 0xf0478627],
    ["abc", 0x9747b28c, 0xc84a62dd],
    ["ab", 0x9747b28c, 0x74875592],
    ["Hello, world!", 0x9747b28c, 0x24884cba],
    ["ππππππππ", 0x9747b28c, 0xd58063c1],
    ["The quick brown fox jumps over the lazy dog", 0x9747b28c, 0x2fa826cd],
    ["The quick brown fox jumps over the lazy dog", 0, 0x2e4ff723],
    ["hello", 0, 0x248bfa47],
  ])("hashes %j with seed %d to %d", (text, seed, expected) => {
    expect(murmurhash3(text, seed)).toBe(expected);
  });

  it("hashes with seed 0 by default and returns an unsigned 32-bit integer", () => {
    const hash = murmurhash3("00000000-0000-4000-8000-00000000b002:exp");
    expect(hash).toBe(murmurhash3("00000000-0000-4000-8000-00000000b002:exp", 0));
    expect(Number.isInteger(hash) && hash >= 0 && hash < 2 ** 32).toBe(true);
  });
});
