import { describe, expect, it } from "vitest";
import { fingerprintNoise as noise } from "../../testing/fingerprint-items.ts";
import {
  FINGERPRINT_ITEM_SECONDS,
  fingerprintFromBytes,
  seasonIntros,
  sharedAudio,
} from "./intro-matching.ts";

/** A fingerprint of `before` items of its own, `shared`, then `after` items of its own; `flip` bits changed in every item of the shared part. */
function episode(seed: number, before: number, shared: number[], after: number, flip = 0) {
  const copy = shared.map((item, i) => (i % 2 ? item ^ ((1 << flip) - 1) : item) >>> 0);
  return new Uint32Array([...noise(seed, before), ...copy, ...noise(seed + 1, after)]);
}

const INTRO = noise(99, 100); // 12.4 s
const secondsAt = (items: number) => items * FINGERPRINT_ITEM_SECONDS;

describe("sharedAudio", () => {
  it("finds the shared stretch in both, wherever each puts it", () => {
    const shared = sharedAudio(episode(1, 40, INTRO, 80), episode(3, 100, INTRO, 60, 3))!;
    expect(shared.a.startSeconds).toBeCloseTo(secondsAt(40) + 0.6, 5);
    expect(shared.b.startSeconds).toBeCloseTo(secondsAt(100) + 0.6, 5);
    expect(shared.a.endSeconds - shared.a.startSeconds).toBeCloseTo(secondsAt(100) + 0.4, 5);
    expect(shared.meanBitErrors).toBe(1.5);
  });

  it("finds nothing between unrelated audio, or a shared stretch too short to be an intro", () => {
    expect(sharedAudio(new Uint32Array(noise(1, 300)), new Uint32Array(noise(2, 300)))).toBeNull();
    const sting = INTRO.slice(0, 40); // 5 s
    expect(sharedAudio(episode(1, 40, sting, 80), episode(3, 70, sting, 80))).toBeNull();
  });

  it("bridges single items that differ (a sound over the music), not audio that differs throughout", () => {
    // Every other item 7 bits off: each one is bridged.
    expect(sharedAudio(episode(1, 40, INTRO, 80), episode(3, 40, INTRO, 80, 7))).not.toBeNull();
    const far = INTRO.map((item) => (item ^ 0x7f) >>> 0); // every item 7 bits off
    expect(sharedAudio(episode(1, 40, INTRO, 80), episode(3, 40, far, 80))).toBeNull();
  });
});

describe("seasonIntros", () => {
  it("gives every episode the span its partners agree on, surer the more agree", () => {
    const season = new Map([
      ["e1", episode(1, 20, INTRO, 60)],
      ["e2", episode(3, 50, INTRO, 60)],
      ["e3", episode(5, 80, INTRO, 60)],
      ["e4", new Uint32Array(noise(7, 240))], // an episode without the intro
    ]);
    const intros = seasonIntros(season);
    expect([...intros.keys()].sort()).toEqual(["e1", "e2", "e3"]);
    expect(intros.get("e2")!.startSeconds).toBeCloseTo(secondsAt(50) + 0.6, 5);
    // Two of the three others agree, with (nearly) identical audio.
    expect(intros.get("e2")!.confidence).toBeCloseTo(2 / 3, 2);
  });
});

describe("fingerprintFromBytes", () => {
  it("reads little-endian 32-bit items", () => {
    expect([...fingerprintFromBytes(new Uint8Array([1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]))]).toEqual(
      [1, 0xffffffff],
    );
  });
});
