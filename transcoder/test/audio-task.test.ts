/**
 * The audio task end to end against the ingest test double: every track in
 * one pass, segments uploaded and reported in heartbeats while the pass
 * runs, one continuous timeline per track, and sound placed on the film's
 * timeline (a track that starts late stays late).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AudioRung, TaskResultOf } from "../../lib/ingest/task-protocol.ts";
import { trackDir } from "../../lib/media/asset-layout.ts";
import { ffmpegPath } from "../src/media/binaries.ts";
import { runTool } from "../src/media/run-tool.ts";
import { runTask } from "../src/task-runner.ts";
import { clip } from "./clips.ts";
import { IngestDouble, type FakeJob } from "./ingest-double.ts";
import { trackFromOutputs } from "./output-checks.ts";

const TRACKS: AudioRung[] = [
  {
    id: "a0-en",
    streamIndex: 1,
    language: "en",
    name: "English",
    channels: 2,
    bitrateKbps: 128,
    default: true,
  },
  {
    id: "a1-fr",
    streamIndex: 2,
    language: "fr",
    name: "French",
    channels: 1,
    bitrateKbps: 64,
    default: false,
  },
];

let ingest: IngestDouble;
let scratch: string;
beforeAll(async () => {
  // Heartbeats often enough to see the pass grow.
  process.env.TRANSCODER_HEARTBEAT_MS = "50";
  ingest = await IngestDouble.start();
  scratch = await mkdtemp(join(tmpdir(), "marquee-audio-"));
});
afterAll(async () => {
  delete process.env.TRANSCODER_HEARTBEAT_MS;
  await ingest.close();
  await rm(scratch, { recursive: true, force: true });
});

async function audioTask(job: FakeJob, tracks: AudioRung[]): Promise<TaskResultOf<"audio">> {
  const { outcome } = await runTask(
    job.assignment(
      { kind: "audio", tracks, durationSeconds: 6 },
      { startSeconds: 0, videoIndex: 0 },
    ),
  );
  expect(outcome, JSON.stringify(job.failed)).toBe("completed");
  if (job.completed?.kind !== "audio") throw new Error("no audio result");
  return job.completed;
}

describe("audio task", () => {
  let job: FakeJob;
  let result: TaskResultOf<"audio">;
  beforeAll(async () => {
    job = ingest.job({ source: await clip("longAudio") });
    result = await audioTask(job, TRACKS);
  }, 60_000);

  it("encodes every track to AAC-LC at 48 kHz, as reported", () => {
    expect(result.tracks.map((t) => t.id)).toEqual(["a0-en", "a1-fr"]);
    expect(result.tracks.map((t) => t.init)).toEqual([
      { timescale: 48000, codecs: "mp4a.40.2", channels: 2, sampleRate: 48000 },
      { timescale: 48000, codecs: "mp4a.40.2", channels: 1, sampleRate: 48000 },
    ]);
    for (const track of result.tracks) {
      const uploaded = trackFromOutputs(job.outputs, trackDir("audio", track.id));
      expect(
        uploaded.segments.map(({ number, baseMediaDecodeTime, duration }) => ({
          number,
          baseMediaDecodeTime,
          duration,
        })),
      ).toEqual(
        track.segments.map(({ number, baseMediaDecodeTime, duration }) => ({
          number,
          baseMediaDecodeTime,
          duration,
        })),
      );
      expect(uploaded.segments.map((s) => s.bytes.length)).toEqual(
        track.segments.map((s) => s.size),
      );
    }
  });

  it("writes one continuous timeline per track, in segments of about 4 s, to the film's end", () => {
    for (const track of result.tracks) {
      let expected = 0;
      for (const [i, segment] of track.segments.entries()) {
        expect(segment.number).toBe(i);
        expect(segment.baseMediaDecodeTime).toBe(expected);
        if (i < track.segments.length - 1) expect(segment.duration / 48000).toBeCloseTo(4, 1);
        expected += segment.duration;
      }
      expect(expected / 48000).toBeCloseTo(40, 1);
    }
  });

  it("reports stored segments in heartbeats while the pass runs, each once", () => {
    const before = job.heartbeats.filter((beat) => beat.at < job.completedAt!);
    const finalCount = result.tracks[0]!.segments.length;
    const told = new Map<string, number>();
    let partway = false;
    for (const beat of before) {
      expect(beat.progress).toBeGreaterThanOrEqual(0);
      expect(beat.progress).toBeLessThanOrEqual(1);
      for (const reported of beat.tracks ?? []) {
        const final = result.tracks.find((t) => t.id === reported.id)!;
        expect(reported.init).toEqual(final.init);
        // Only segments already stored and not told before, in order, without gaps.
        const from = told.get(reported.id) ?? 0;
        expect(reported.segments).toEqual(
          final.segments.slice(from, from + reported.segments.length),
        );
        told.set(reported.id, from + reported.segments.length);
        if (from + reported.segments.length > 0 && from + reported.segments.length < finalCount)
          partway = true;
        for (const segment of reported.segments) {
          const path = `${trackDir("audio", reported.id)}/seg-${String(segment.number).padStart(5, "0")}.m4s`;
          expect(job.uploads.find((u) => u.path === path)!.at).toBeLessThanOrEqual(beat.at);
        }
      }
    }
    // Some were told while the pass ran, part of the way through.
    expect(partway).toBe(true);
    const progress = before.map((beat) => beat.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(Math.max(...progress)).toBeGreaterThan(0);
  });
});

describe("audio on the film's timeline", () => {
  it("keeps a track that starts half a second after the picture half a second late", async () => {
    const job = ingest.job({ source: await clip("lateAudio") });
    const rung = { ...TRACKS[1]!, id: "a0-und", language: "und", streamIndex: 1 };
    const result = await audioTask(job, [rung]);
    expect(result.tracks[0]!.segments[0]!.baseMediaDecodeTime).toBe(0);
    const track = trackFromOutputs(job.outputs, trackDir("audio", rung.id));
    const joined = join(scratch, "late.mp4");
    await writeFile(
      joined,
      Buffer.concat([track.initBytes, ...track.segments.map((s) => s.bytes)]),
    );
    const { stderr } = await runTool({
      executable: await ffmpegPath(),
      args: ["-hide_banner", "-i", joined, "-af", "silencedetect=n=-50dB:d=0.2", "-f", "null", "-"],
      signal: new AbortController().signal,
    });
    const silenceEnd = Number(/silence_end: ([\d.]+)/.exec(stderr)?.[1]);
    expect(/silence_start: 0\b/.test(stderr)).toBe(true);
    expect(silenceEnd).toBeGreaterThan(0.45);
    expect(silenceEnd).toBeLessThan(0.6);
  }, 30_000);
});
