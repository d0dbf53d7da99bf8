/** The ladder rule, pure: which rungs, at what bit rates, which audio renditions. */
import { describe, expect, it } from "vitest";
import type { Source } from "../ingest/task-protocol.ts";
import { fitComplexity, type Complexity } from "./complexity-model.ts";
import { baseKbpsFor, CALIBRATION, planLadder } from "./ladder.ts";

type SourceAudio = Source["audio"][number];

function source(width: number, height: number, frameRate = 30, audio: SourceAudio[] = []): Source {
  return {
    durationSeconds: 60,
    startSeconds: 0,
    video: {
      index: 0,
      width,
      height,
      frameRate,
      codec: "h264",
      startSeconds: 0,
      durationSeconds: 60,
    },
    audio,
  };
}

const P360 = 640 * 360;
const P1080 = 1920 * 1080;
/** Grainy, fast-moving content: needs more than any base rate at every size. */
const DETAILED: Complexity = fitComplexity(P360, 20_000, P1080, 120_000);
/** Flat animation: a few kbps at any size. */
const FLAT: Complexity = fitComplexity(P360, 15, P1080, 40);

const ids = (s: Source, c = DETAILED) => planLadder(s, c).video.map((r) => r.id);

describe("planLadder rungs", () => {
  it.each([
    [640, 360, ["240p", "360p"]],
    [1280, 720, ["240p", "360p", "480p", "720p"]],
    [1920, 1080, ["240p", "360p", "480p", "720p", "1080p"]],
    [2560, 1440, ["240p", "360p", "480p", "720p", "1080p", "1440p"]],
    [3840, 2160, ["240p", "360p", "480p", "720p", "1080p", "1440p", "2160p"]],
    [1080, 1920, ["240p", "360p", "480p", "720p", "1080p"]],
  ])("%i×%i gets %j", (width, height, expected) => {
    expect(ids(source(width, height))).toEqual(expected);
  });

  it("keeps the display aspect ratio in even sizes and never upscales", () => {
    for (const [width, height] of [
      [1920, 1080],
      [1080, 1920],
      [1001, 563],
      [853, 480],
      [1440, 1080],
      [720, 576],
    ]) {
      const s = source(width!, height!);
      for (const rung of planLadder(s, DETAILED).video) {
        expect(rung.width % 2, `${rung.id} of ${width}×${height}`).toBe(0);
        expect(rung.height % 2).toBe(0);
        expect(rung.width).toBeLessThanOrEqual(width!);
        expect(rung.height).toBeLessThanOrEqual(height!);
        expect(Math.abs(rung.width / rung.height - width! / height!)).toBeLessThan(0.02);
      }
    }
  });

  it("names portrait rungs by their short side", () => {
    const rungs = planLadder(source(1080, 1920), DETAILED).video;
    expect(rungs[0]).toMatchObject({ id: "240p", width: 240, height: 426 });
    expect(rungs.at(-1)).toMatchObject({ id: "1080p", width: 1080, height: 1920 });
  });

  it("adds the source's own size when it is at least 10% above the largest candidate", () => {
    expect(ids(source(1065, 601))).toEqual(["240p", "360p", "480p", "600p"]);
    expect(planLadder(source(1065, 601), DETAILED).video.at(-1)).toMatchObject({
      width: 1064,
      height: 600,
    });
    // 396 is within 10% of 360: the source is scaled down to 360p instead.
    expect(ids(source(704, 396))).toEqual(["240p", "360p"]);
    expect(ids(source(641, 361))).toEqual(["240p", "360p"]);
  });

  it("gives a source under 240 lines one rung of its own size", () => {
    expect(planLadder(source(256, 144), DETAILED).video).toMatchObject([
      { id: "144p", width: 256, height: 144 },
    ]);
  });

  it("drops a source-size top rung that would add too little over the rung below", () => {
    // 562p's base is 1.33× 480p's.
    expect(ids(source(1001, 563))).toEqual(["240p", "360p", "480p"]);
    // 1920×800 (scope): 800p's base is only 1.2× 720p's, under the 1.35 step.
    expect(ids(source(1920, 800))).toEqual(["240p", "360p", "480p", "720p"]);
  });
});

describe("planLadder bit rates", () => {
  it("uses the base rates for complex content", () => {
    const rates = planLadder(source(3840, 2160), DETAILED).video.map((r) => r.bitrateKbps);
    expect(rates).toEqual([300, 700, 1200, 2500, 5000, 9000, 16000]);
  });

  it("raises the base by 1.4 above 35 fps", () => {
    const rates = planLadder(source(1280, 720, 60), DETAILED).video.map((r) => r.baseKbps);
    expect(rates).toEqual([420, 980, 1680, 3500]);
  });

  it("stays within [0.35 × base, base] whatever the content", () => {
    for (const lowKbps of [1, 50, 400, 1500, 5000, 50_000]) {
      for (const topKbps of [lowKbps, lowKbps * 3, lowKbps * 12]) {
        for (const rung of planLadder(
          source(3840, 2160),
          fitComplexity(P360, lowKbps, P1080, topKbps),
        ).video) {
          expect(rung.bitrateKbps).toBeGreaterThanOrEqual(Math.floor(0.35 * rung.baseKbps));
          expect(rung.bitrateKbps).toBeLessThanOrEqual(rung.baseKbps);
        }
      }
    }
  });

  it("gives flat, animation-like content lower bit rates than detailed content", () => {
    const flat = planLadder(source(1920, 1080), FLAT).video;
    const detailed = planLadder(source(1920, 1080), DETAILED).video;
    expect(flat.map((r) => r.id)).toEqual(detailed.map((r) => r.id));
    flat.forEach((rung, i) => expect(rung.bitrateKbps).toBeLessThan(detailed[i]!.bitrateKbps));
    // Flat content lands on the floor.
    expect(flat.map((r) => r.bitrateKbps)).toEqual([105, 245, 420, 875, 1750]);
  });

  it("drops rungs whose bit rate is under 1.35× the last kept rung's", () => {
    // Needs grow only as pixels^0.2: 240p is capped at its base of 300, 360p would get 1.18× that.
    const weak = fitComplexity(
      426 * 240,
      320 / CALIBRATION,
      1920 * 1080,
      (320 / CALIBRATION) * 20.25 ** 0.2,
    );
    const rungs = planLadder(source(1920, 1080), weak).video;
    expect(rungs.map((r) => r.id)).toEqual(["240p", "480p", "720p", "1080p"]);
    for (let i = 1; i < rungs.length; i++) {
      expect(rungs[i]!.bitrateKbps).toBeGreaterThanOrEqual(1.35 * rungs[i - 1]!.bitrateKbps);
    }
  });

  it("interpolates base rates between candidates and extends them outside the table", () => {
    expect(baseKbpsFor(720)).toBeCloseTo(2500);
    expect(baseKbpsFor(800)).toBeGreaterThan(2500);
    expect(baseKbpsFor(800)).toBeLessThan(5000);
    expect(baseKbpsFor(144)).toBeLessThan(300);
    expect(baseKbpsFor(4320)).toBeGreaterThan(16000);
  });
});

describe("planLadder audio", () => {
  const audio = (
    language: string,
    channels: number,
    isDefault = false,
    title?: string,
  ): SourceAudio => ({
    index: 1,
    language,
    channels,
    default: isDefault,
    ...(title ? { title } : {}),
  });

  it("makes one rendition per source stream, at most stereo, 64 kbps per channel", () => {
    const plan = planLadder(
      source(1280, 720, 30, [audio("en", 6), audio("fr", 1, true)]),
      DETAILED,
    );
    expect(plan.audio).toMatchObject([
      {
        id: "a0-en",
        language: "en",
        name: "English",
        channels: 2,
        bitrateKbps: 128,
        default: false,
      },
      { id: "a1-fr", language: "fr", name: "French", channels: 1, bitrateKbps: 64, default: true },
    ]);
  });

  it("defaults to the first stream, prefers titles and keeps names unique", () => {
    const plan = planLadder(
      source(1280, 720, 30, [
        audio("en", 2),
        audio("en", 2),
        audio("und", 2),
        audio("de", 2, false, "Kommentar"),
      ]),
      DETAILED,
    );
    expect(plan.audio.map((a) => [a.name, a.default])).toEqual([
      ["English", true],
      ["English (2)", false],
      ["Audio 3", false],
      ["Kommentar", false],
    ]);
  });
});
