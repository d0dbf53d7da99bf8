/**
 * The probe and analyse tasks end to end against the ingest test double:
 * what the master holds, where its timeline starts, a complexity sample that
 * stays within the part of a master already stored, the poster and the
 * subtitle files converted and uploaded.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeSource } from "../src/media/probe.ts";
import { runTask } from "../src/task-runner.ts";
import { clip } from "./clips.ts";
import { IngestDouble } from "./ingest-double.ts";
import { jpegSize, vttCues } from "./output-checks.ts";

let ingest: IngestDouble;
beforeAll(async () => {
  ingest = await IngestDouble.start();
});
afterAll(() => ingest.close());

describe("probe task", () => {
  it("describes the master, samples its complexity, and uploads the poster and subtitles", async () => {
    const source = await clip("main");
    const subtitles = [await clip("subtitles.srt"), await clip("subtitles.vtt")];
    const job = ingest.job({ source, subtitles });
    const { outcome } = await runTask(
      job.assignment({
        kind: "probe",
        availableBytes: job.byteLength,
        subtitles: [
          { index: 0, language: "eng", label: "English" },
          { index: 1, language: "fr", label: "Français" },
        ],
      }),
    );
    expect(outcome).toBe("completed");
    const result = job.completed;
    if (result?.kind !== "probe") throw new Error(JSON.stringify(job.failed));
    expect(result.source).toEqual(await probeSource({ url: source }, new AbortController().signal));
    expect(result.source.startSeconds).toBe(0);
    expect(result.sampledUpToSeconds).toBe(result.source.durationSeconds);
    expect(result.complexity.lowPixels).toBe(640 * 360);
    expect(result.complexity.lowKbps).toBeGreaterThan(0);

    expect(result.poster).toBe("poster.jpg");
    expect(jpegSize(job.outputs.get("poster.jpg")!)).toEqual({ width: 640, height: 360 });
    expect(result.subtitles).toEqual([
      {
        id: "s0-en",
        language: "en",
        label: "English",
        path: "subtitles/s0-en.vtt",
        playlist: "subtitles/s0-en.m3u8",
      },
      {
        id: "s1-fr",
        language: "fr",
        label: "Français",
        path: "subtitles/s1-fr.vtt",
        playlist: "subtitles/s1-fr.m3u8",
      },
    ]);
    expect(vttCues(job.outputs.get("subtitles/s0-en.vtt")!.toString("utf8"))).toEqual([
      { start: 1, end: 3, text: "Hello & welcome" },
      { start: 4, end: 6.5, text: "Second <i>cue</i>" },
    ]);
    expect(vttCues(job.outputs.get("subtitles/s1-fr.vtt")!.toString("utf8"))).toEqual([
      { start: 0.5, end: 2, text: "Bonjour" },
    ]);
    // Playlists and manifests are the ingest Worker's to write.
    expect([...job.outputs.keys()].sort()).toEqual([
      "poster.jpg",
      "subtitles/s0-en.vtt",
      "subtitles/s1-fr.vtt",
    ]);
    expect(job.heartbeats.length).toBeGreaterThanOrEqual(1);
    expect(job.completedAt).toBeGreaterThanOrEqual(job.uploads.at(-1)!.at);
  }, 30_000);

  it("reads only the part of a master that is stored while the rest is uploading", async () => {
    // Reads past `available` are held until the bytes arrive, as at the ingest Worker:
    // a probe that needed them would never finish.
    const job = ingest.job({ source: await clip("grid25") });
    const available = Math.floor(job.byteLength / 2);
    job.grow(available);
    const { outcome } = await runTask(
      job.assignment({ kind: "probe", availableBytes: available, subtitles: [] }),
    );
    expect(outcome).toBe("completed");
    const result = job.completed;
    if (result?.kind !== "probe") throw new Error(JSON.stringify(job.failed));
    expect(result.source.durationSeconds).toBe(24);
    expect(result.sampledUpToSeconds).toBeCloseTo((24 * available * 0.9) / job.byteLength, 6);
    for (const range of job.sourceReads) {
      expect(Number(/^bytes=(\d+)-/.exec(range)?.[1])).toBeLessThan(available);
    }
  }, 30_000);
});

describe("analyse task", () => {
  it("samples the complexity over the film up to the given time", async () => {
    const job = ingest.job({ source: await clip("grid25") });
    const { outcome } = await runTask(
      job.assignment({ kind: "analyse", upToSeconds: 20 }, { startSeconds: 0, videoIndex: 0 }),
    );
    expect(outcome).toBe("completed");
    expect(job.completed).toMatchObject({
      kind: "analyse",
      complexity: { lowPixels: 320 * 180, topPixels: 320 * 180 },
    });
    expect(job.outputs.size).toBe(0);
  }, 30_000);
});
