/**
 * Heartbeats on their own: one at start and then every interval, never two
 * in flight, each carrying only the segments not yet told; a track's first
 * segment goes out at once (it is what makes a title playable).
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Heartbeat, TrackOutput } from "../../lib/ingest/task-protocol.ts";
import { Heartbeats } from "../src/heartbeats.ts";

const track = (id: string, segments: number): TrackOutput => ({
  id,
  init: { timescale: 48_000, codecs: "mp4a.40.2", channels: 2 },
  segments: Array.from({ length: segments }, (_, number) => ({
    number,
    baseMediaDecodeTime: number * 192_000,
    duration: 192_000,
    size: 1000,
  })),
});

const sent: Heartbeat[] = [];
let heartbeats: Heartbeats | undefined;
afterEach(async () => {
  await heartbeats?.stop();
  sent.length = 0;
});

/** Heartbeats that record what they send, each answered after `answerMs`. */
function start(intervalMs: number, answerMs = 0) {
  heartbeats = new Heartbeats(
    async (heartbeat) => {
      sent.push(structuredClone(heartbeat));
      await new Promise((wait) => setTimeout(wait, answerMs));
    },
    intervalMs,
    () => {},
  );
  heartbeats.start();
  return heartbeats;
}

const tick = (ms: number) => new Promise((wait) => setTimeout(wait, ms));
const told = (heartbeat: Heartbeat | undefined) =>
  heartbeat?.tracks?.map((t) => [t.id, t.segments.map((s) => s.number)]);

describe("heartbeats", () => {
  it("send a track's first segment at once, later ones at the next beat, each only once", async () => {
    const beats = start(60_000);
    await tick(10);
    expect(sent).toHaveLength(1);
    beats.tracks([track("a0-en", 0)]);
    await tick(10);
    expect(sent).toHaveLength(1);
    beats.tracks([track("a0-en", 1)]);
    await tick(10);
    expect(sent).toHaveLength(2);
    expect(told(sent[1])).toEqual([["a0-en", [0]]]);
    // A second segment of the same track waits for the interval.
    beats.tracks([track("a0-en", 2)]);
    await tick(10);
    expect(sent).toHaveLength(2);
  });

  it("send the first segment as soon as the beat in flight is answered, never two at once", async () => {
    const beats = start(60_000, 100);
    beats.tracks([track("a0-en", 1), track("a1-fr", 1)]);
    await tick(20);
    expect(sent).toHaveLength(1);
    await tick(150);
    expect(sent).toHaveLength(2);
    expect(told(sent[1])).toEqual([
      ["a0-en", [0]],
      ["a1-fr", [0]],
    ]);
  });

  it("keep beating every interval with only what is new", async () => {
    const beats = start(40);
    beats.tracks([track("a0-en", 3)]);
    await tick(130);
    const carried = sent.flatMap((h) => h.tracks?.[0]?.segments.map((s) => s.number) ?? []);
    expect(carried).toEqual([0, 1, 2]);
    expect(sent.length).toBeGreaterThanOrEqual(3);
  });
});
