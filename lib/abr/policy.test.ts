import { describe, expect, it } from "vitest";
import {
  createAbrPolicy,
  estimateNetwork,
  DEFAULT_ABR_PARAMS,
  type AbrInput,
  type SegmentDownload,
} from "./policy.ts";

const LADDER = [235, 375, 560, 750, 1050, 1750, 2350, 3000, 4300, 5800];
const TOP = LADDER.length - 1;

/** Segments of `rung` downloaded at each of `kbps` in turn (80 ms to the first byte). */
function downloads(rung: number, kbps: number[]): SegmentDownload[] {
  const bytes = (LADDER[rung]! * 1000 * 4) / 8;
  return kbps.map((rate) => ({
    rung,
    bytes,
    durationMs: 80 + (bytes * 8) / rate,
    firstByteMs: 80,
  }));
}

function input(overrides: Partial<AbrInput>): AbrInput {
  return {
    bitratesKbps: LADDER,
    segmentSeconds: 4,
    bufferSeconds: 12,
    maxBufferSeconds: 30,
    lastRung: 5,
    downloads: downloads(5, Array(8).fill(3000)),
    playing: true,
    segmentsLeft: 40,
    ...overrides,
  };
}

describe("createAbrPolicy: chooseRung", () => {
  const policy = createAbrPolicy();

  it("starts on the lowest rung when nothing has been measured", () => {
    const decision = policy.chooseRung(
      input({ downloads: [], lastRung: undefined, bufferSeconds: 0, playing: false }),
    );
    expect(decision).toEqual({ rung: 0, reason: "startup" });
  });

  it("climbs to the top on a fast, steady link with a healthy buffer", () => {
    const decision = policy.chooseRung(
      input({ downloads: downloads(7, Array(10).fill(20_000)), lastRung: 7, bufferSeconds: 20 }),
    );
    expect(decision.rung).toBe(TOP);
  });

  it("holds a rung the link sustains rather than chasing one fast segment", () => {
    const steady = downloads(5, [2600, 2500, 2700, 2550, 2600, 2650, 2500, 9000]);
    const decision = policy.chooseRung(input({ downloads: steady, bufferSeconds: 15 }));
    expect(LADDER[decision.rung]).toBeLessThanOrEqual(3000);
  });

  it("steps down when the throughput has dropped and the buffer is low", () => {
    const dropped = [...downloads(8, Array(6).fill(8000)), ...downloads(8, [1200, 1000, 900])];
    const decision = policy.chooseRung(
      input({ downloads: dropped, lastRung: 8, bufferSeconds: 3 }),
    );
    expect(LADDER[decision.rung]).toBeLessThanOrEqual(1050);
    expect(decision.reason).not.toBe("cap");
  });

  it("never exceeds the cap, and says when the cap decided", () => {
    const decision = policy.chooseRung(
      input({ downloads: downloads(3, Array(10).fill(20_000)), bufferSeconds: 20, maxRung: 3 }),
    );
    expect(decision).toEqual({ rung: 3, reason: "cap" });
  });

  it("is deterministic: the same input gives the same rung, from any instance", () => {
    const noisy = downloads(6, [2100, 5200, 900, 3300, 4100, 1700, 2600]);
    const a = policy.chooseRung(input({ downloads: noisy, lastRung: 6, bufferSeconds: 9 }));
    const b = createAbrPolicy().chooseRung(
      input({ downloads: noisy, lastRung: 6, bufferSeconds: 9 }),
    );
    expect(b).toEqual(a);
  });

  it("spends the buffer near the end of the title, when it will not be needed", () => {
    const steady = downloads(6, Array(10).fill(2500));
    const early = policy.chooseRung(input({ downloads: steady, lastRung: 6, bufferSeconds: 24 }));
    const last = policy.chooseRung(
      input({ downloads: steady, lastRung: 6, bufferSeconds: 24, segmentsLeft: 4 }),
    );
    expect(last.rung).toBeGreaterThan(early.rung);
  });

  it("is more careful when an experiment weighs rebuffering more", () => {
    const noisy = input({
      downloads: downloads(6, [2100, 5200, 900, 3300, 4100]),
      lastRung: 6,
      bufferSeconds: 4,
    });
    const careful = createAbrPolicy({ rebufferPenalty: 20 }).chooseRung(noisy);
    expect(careful.rung).toBeLessThan(policy.chooseRung(noisy).rung);
  });
});

describe("createAbrPolicy: abandon", () => {
  const policy = createAbrPolicy();
  const bytesTotal = (LADDER[8]! * 1000 * 4) / 8;
  const history = downloads(8, Array(8).fill(8000));
  /** A rung-8 segment that has arrived at `kbps` for 1.5 s (80 ms to its first byte), 1 MB to go. */
  const slowSegment = (kbps: number) => {
    const loaded = (kbps * 1000 * 1.5) / 8;
    return {
      rung: 8,
      bytesTotal: loaded + 1_000_000,
      bytesLoaded: loaded,
      elapsedMs: 1580,
      firstByteMs: 80,
    };
  };

  it("replaces a segment that would stall with a lower rung", () => {
    const decision = policy.abandon!(input({ downloads: history, lastRung: 8, bufferSeconds: 4 }), {
      rung: 8,
      bytesTotal,
      bytesLoaded: 50_000,
      elapsedMs: 3000,
      firstByteMs: 80,
    });
    expect(decision?.reason).toBe("abandon");
    expect(decision!.rung).toBeLessThan(8);
  });

  it("lets a segment finish that arrives in time", () => {
    const decision = policy.abandon!(
      input({ downloads: history, lastRung: 8, bufferSeconds: 10 }),
      {
        rung: 8,
        bytesTotal,
        bytesLoaded: bytesTotal / 2,
        elapsedMs: 1500,
        firstByteMs: 80,
      },
    );
    expect(decision).toBeUndefined();
  });

  it("waits out a pause while the buffer has room for a replacement", () => {
    const decision = policy.abandon!(
      input({ downloads: history, lastRung: 8, bufferSeconds: 20 }),
      {
        rung: 8,
        bytesTotal,
        bytesLoaded: 0,
        elapsedMs: 2000,
      },
    );
    expect(decision).toBeUndefined();
  });

  it("gives up a segment within seconds when the link drops with the buffer short", () => {
    // 8 Mbps until now; this segment has arrived at 1 Mbps for 1.5 s, with 5 s of buffer left
    // and 8 Mbit to go: 8 s at the new rate, under 3 s at the old one pooled with the new.
    const decision = policy.abandon!(
      input({ downloads: history, lastRung: 8, bufferSeconds: 5 }),
      slowSegment(1000),
    );
    expect(decision?.reason).toBe("abandon");
    expect(decision!.rung).toBeLessThan(8);
  });

  it("believes a sevenfold drop early in a session, while the estimate is still wide", () => {
    // Three segments so far (σ of the estimate ≈ 0.5, so this is a 3.7σ fall); this one has
    // arrived at 0.8 Mbps for 1.5 s with 8 Mbit to go and 5 s of buffer: 10 s at the new rate,
    // 4 s at the old one pooled with the new.
    const early = downloads(7, [3600, 5800, 6800]);
    const decision = policy.abandon!(
      input({ downloads: early, lastRung: 7, bufferSeconds: 5 }),
      slowSegment(800),
    );
    expect(decision?.reason).toBe("abandon");
    expect(decision!.rung).toBeLessThan(8);
  });

  it("lets a slow segment finish when even its own rate leaves buffer to spare", () => {
    // The same drop with a full buffer: 10 s at 0.8 Mbps still leaves 18 s of film.
    const early = downloads(7, [3600, 5800, 6800]);
    const decision = policy.abandon!(
      input({ downloads: early, lastRung: 7, bufferSeconds: 28 }),
      slowSegment(800),
    );
    expect(decision).toBeUndefined();
  });

  it("never abandons the lowest rung", () => {
    const decision = policy.abandon!(input({ bufferSeconds: 0 }), {
      rung: 0,
      bytesTotal: 117_500,
      bytesLoaded: 0,
      elapsedMs: 5000,
    });
    expect(decision).toBeUndefined();
  });
});

describe("estimateNetwork", () => {
  it("reads a steady link as its rate, with a small spread", () => {
    const steady = estimateNetwork(downloads(5, Array(20).fill(3000)), DEFAULT_ABR_PARAMS)!;
    expect(steady.kbps).toBeGreaterThan(2700);
    expect(steady.kbps).toBeLessThanOrEqual(3000);
    expect(steady.latencySeconds).toBeCloseTo(0.08);
    const noisy = estimateNetwork(
      downloads(5, [3000, 800, 6000, 1500, 5000, 700, 4000, 1200, 3500, 900]),
      DEFAULT_ABR_PARAMS,
    )!;
    expect(noisy.spread).toBeGreaterThan(steady.spread * 2);
  });

  it("follows a drop of the link at once, a dip only partly", () => {
    const steady = downloads(8, Array(12).fill(8000));
    const dropped = estimateNetwork([...steady, ...downloads(8, [1000])], DEFAULT_ABR_PARAMS)!;
    expect(dropped.kbps).toBeLessThan(1200);
    const dipped = estimateNetwork([...steady, ...downloads(8, [6000])], DEFAULT_ABR_PARAMS)!;
    expect(dipped.kbps).toBeGreaterThan(6000);
    expect(dipped.kbps).toBeLessThan(8000);
  });

  it("steps down as soon as a segment has come in at a fraction of the steady rate", () => {
    const dropped = [...downloads(8, Array(12).fill(8000)), ...downloads(8, [1000])];
    const decision = createAbrPolicy().chooseRung(
      input({ downloads: dropped, lastRung: 8, bufferSeconds: 20 }),
    );
    expect(LADDER[decision.rung]).toBeLessThanOrEqual(1050);
  });

  it("knows nothing until a segment has arrived whole", () => {
    const partial: SegmentDownload = { rung: 3, bytes: 1000, durationMs: 2000, abandoned: true };
    expect(estimateNetwork([partial], DEFAULT_ABR_PARAMS)).toBeUndefined();
    expect(createAbrPolicy().chooseRung(input({ downloads: [partial] }))).toEqual({
      rung: 0,
      reason: "startup",
    });
  });

  it("counts an abandoned download only once it ran as long as a segment plays", () => {
    const base = downloads(5, Array(10).fill(3000));
    const short: SegmentDownload = { rung: 8, bytes: 1000, durationMs: 2000, abandoned: true };
    expect(estimateNetwork([...base, short], DEFAULT_ABR_PARAMS)).toEqual(
      estimateNetwork(base, DEFAULT_ABR_PARAMS),
    );
    const long: SegmentDownload = {
      rung: 8,
      bytes: 600_000,
      durationMs: 6080,
      firstByteMs: 80,
      abandoned: true,
    };
    expect(estimateNetwork([...base, long], DEFAULT_ABR_PARAMS)!.kbps).toBeLessThan(
      estimateNetwork(base, DEFAULT_ABR_PARAMS)!.kbps,
    );
  });
});
