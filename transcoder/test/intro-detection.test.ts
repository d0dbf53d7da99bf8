/**
 * The markers task end to end against the ingest test double, on the demo
 * series' three episodes (scripts/demo-media/episode-clips.ts): the credits
 * found on each episode's dark ending, and the intro found by matching the
 * episodes' fingerprints (lib/media/intro-matching.ts), each within a
 * second of where the clip put it. Fingerprints need Debian's ffmpeg (its
 * chromaprint muxer); `.ci/run` installs it.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MarkersAnalysis } from "../../lib/ingest/task-protocol.ts";
import { fingerprintFromBytes, seasonIntros } from "../../lib/media/intro-matching.ts";
import { DEMO_EPISODE_CLIPS, episodeLayout } from "../../scripts/demo-media/episode-clips.ts";
import { makeClipAt } from "../../scripts/ffmpeg-clip.ts";
import { chromaprintFfmpegPath } from "../src/media/binaries.ts";
import { runTask } from "../src/task-runner.ts";
import { clip } from "./clips.ts";
import { IngestDouble } from "./ingest-double.ts";

let ingest: IngestDouble;
let scratch: string;
beforeAll(async () => {
  ingest = await IngestDouble.start();
  scratch = await mkdtemp(join(tmpdir(), "marquee-markers-"));
});
afterAll(async () => {
  await ingest.close();
  await rm(scratch, { recursive: true, force: true });
});

/** The markers task on `source`, planned as the ingest Worker plans it for a film this long. */
async function analyse(source: string, seconds: number): Promise<MarkersAnalysis> {
  const job = ingest.job({ source });
  const { outcome } = await runTask(
    job.assignment(
      {
        kind: "markers",
        audioIndex: 1,
        introSearchSeconds: seconds * 0.6,
        creditsFromSeconds: seconds * 0.75,
        durationSeconds: seconds,
      },
      { startSeconds: 0, videoIndex: 0 },
    ),
  );
  expect(outcome, JSON.stringify(job.failed)).toBe("completed");
  if (job.completed?.kind !== "markers") throw new Error("no markers result");
  return job.completed.analysis;
}

describe("markers task on the demo series", () => {
  const analyses: MarkersAnalysis[] = [];
  beforeAll(async () => {
    for (const episode of DEMO_EPISODE_CLIPS) {
      const file = await makeClipAt(
        join(scratch, `${episode.name}.mp4`),
        episode.args(episode.seconds),
      );
      analyses.push(await analyse(file, episode.seconds));
    }
  }, 120_000);

  it("has an ffmpeg with the chromaprint muxer to fingerprint with", async () => {
    expect(await chromaprintFfmpegPath()).not.toBeNull();
  });

  it("finds each episode's credits within a second, at the cut, with the sound dropping", () => {
    analyses.forEach((analysis, i) => {
      const layout = episodeLayout(i + 1);
      expect(analysis.credits).not.toBeNull();
      expect(Math.abs(analysis.credits!.startSeconds - layout.creditsStartSeconds)).toBeLessThan(1);
      expect(analysis.credits!.confidence).toBe(1);
    });
  });

  it("finds the shared intro in every episode within a second, wherever the cold open ends", () => {
    const fingerprints = new Map(
      analyses.map((analysis, i) => [
        `e${i + 1}`,
        fingerprintFromBytes(Buffer.from(analysis.fingerprint!, "base64")),
      ]),
    );
    const intros = seasonIntros(fingerprints);
    for (const [i] of analyses.entries()) {
      const { intro } = episodeLayout(i + 1);
      const found = intros.get(`e${i + 1}`);
      expect(found, `episode ${i + 1}`).toBeDefined();
      expect(Math.abs(found!.startSeconds - intro.startSeconds)).toBeLessThan(1);
      expect(Math.abs(found!.endSeconds - intro.endSeconds)).toBeLessThan(1);
      expect(found!.confidence).toBeGreaterThan(0.8);
    }
  });
});

describe("markers task on a film without credits or intro", () => {
  it("finds no credits in a film that does not end dark, and no intro against another film", async () => {
    const film = await analyse(await clip("main"), 6);
    expect(film.credits).toBeNull();
    const episode = await makeClipAt(
      join(scratch, "episode-alone.mp4"),
      DEMO_EPISODE_CLIPS[0]!.args(DEMO_EPISODE_CLIPS[0]!.seconds),
    );
    const other = await analyse(episode, DEMO_EPISODE_CLIPS[0]!.seconds);
    const intros = seasonIntros(
      new Map([
        ["film", fingerprintFromBytes(Buffer.from(film.fingerprint!, "base64"))],
        ["episode", fingerprintFromBytes(Buffer.from(other.fingerprint!, "base64"))],
      ]),
    );
    expect(intros.size).toBe(0);
  }, 60_000);
});
