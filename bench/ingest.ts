/**
 * `npm run bench:ingest`: a generated 60 s 1080p30 master through the real
 * pipeline (tus upload → queue → transcoder → R2, on a local stack of its
 * own), beside, in the same run and with the same ffmpeg, the same ladder
 * made by one plain ffmpeg command and by one ffmpeg process per rung (all
 * at once). The references encode exactly what the pipeline encodes: their
 * arguments come from the transcoder's own command builders and ladder plan.
 *
 * The pipeline's times come from its job: from the transcoder starting
 * (startedAt) to the lowest rung being published playable (playableAt) and
 * to the full ladder (finishedAt). They include probing, the complexity
 * probe, the trickplay sprites and poster, and uploading every output to
 * R2, which the references do not do. A fourth run, the transcoder's
 * pipeline alone on local disk, separates encoding from the platform's
 * share (on this machine the local Workers share the two cores with ffmpeg).
 *
 *   npm run bench:ingest
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { measureComplexity } from "../transcoder/src/media/complexity.ts";
import { ffmpegPath } from "../transcoder/src/media/binaries.ts";
import {
  perRungArgs,
  referenceLadderArgs,
  type LadderJob,
} from "../transcoder/src/media/ffmpeg-commands.ts";
import { planLadder } from "../transcoder/src/media/ladder.ts";
import { trackDir } from "../transcoder/src/media/output-paths.ts";
import { probeSource } from "../transcoder/src/media/probe.ts";
import { runFfmpeg } from "../transcoder/src/media/run-ffmpeg.ts";
import { transcode } from "../transcoder/src/pipeline/transcode.ts";
import { adminApi, jobOfUpload, uploadBytes, waitForJob } from "../scripts/admin-api.ts";
import { ROOT, startEphemeralStack } from "../scripts/local-stack.ts";
import { fixed, printTable, ratio } from "./lib/table.ts";

const SOURCE_SECONDS = 60;
const SOURCE = join(ROOT, ".cache", "bench", `master-${SOURCE_SECONDS}s-1080p30.mp4`);

/** Detailed moving content (testsrc2) with a tone: high quality, so decoding it costs what a real master does. */
async function generateSource(): Promise<void> {
  if (existsSync(SOURCE)) return;
  mkdirSync(join(SOURCE, ".."), { recursive: true });
  const partial = `${SOURCE}.partial.mp4`;
  await promisify(execFile)(await ffmpegPath(), [
    ...["-v", "error", "-y"],
    ...["-f", "lavfi", "-i", `testsrc2=size=1920x1080:rate=30:duration=${SOURCE_SECONDS}`],
    ...["-f", "lavfi", "-i", `sine=frequency=440:duration=${SOURCE_SECONDS}`],
    ...["-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p"],
    ...["-c:a", "aac", "-b:a", "192k", "-metadata:s:a:0", "language=eng"],
    ...["-movflags", "+faststart", partial],
  ]);
  renameSync(partial, SOURCE);
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

/** Runs the references on the pipeline's own plan; returns their wall times in seconds. */
async function referenceRuns() {
  const signal = new AbortController().signal;
  const source = await probeSource(SOURCE, signal);
  const plan = planLadder(source, await measureComplexity(SOURCE, source, signal));
  const rungs = plan.video.map((rung) => `${rung.height}p@${rung.bitrateKbps}k`).join(", ");
  const scratch = await mkdtemp(join(tmpdir(), "marquee-bench-ingest-"));
  try {
    const jobIn = async (name: string): Promise<LadderJob> => {
      const outputDir = join(scratch, name);
      const scratchDir = join(scratch, `${name}-scratch`);
      mkdirSync(outputDir);
      mkdirSync(scratchDir);
      // ffmpeg's hls muxer does not make the track folders itself.
      const tracks = [
        ...plan.video.map((rung) => trackDir("video", rung.id)),
        ...plan.audio.map((audio) => trackDir("audio", audio.id)),
      ];
      for (const dir of tracks) mkdirSync(join(outputDir, dir), { recursive: true });
      return { sourcePath: SOURCE, source, plan, outputDir, scratchDir };
    };
    const one = await jobIn("one-command");
    const oneCommand = await timed(() => runFfmpeg({ args: referenceLadderArgs(one), signal }));
    const each = await jobIn("per-rung");
    const perRung = await timed(() =>
      Promise.all(perRungArgs(each).map((args) => runFfmpeg({ args, signal }))),
    );
    const alone = await transcoderAlone(join(scratch, "transcoder"));
    return { oneCommand, perRung, rungs, alone };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * The transcoder's own pipeline on local disk, without the platform around
 * it (no download, no uploads to R2): seconds to playable and to done.
 */
async function transcoderAlone(outputDir: string): Promise<{ playable: number; full: number }> {
  mkdirSync(outputDir);
  const start = performance.now();
  const published: number[] = [];
  await transcode(
    { sourcePath: SOURCE, outputDir, subtitles: [], signal: new AbortController().signal },
    {
      progress: () => {},
      fileReady: () => {},
      publish: async () => void published.push((performance.now() - start) / 1000),
    },
  );
  return { playable: published[0]!, full: published.at(-1)! };
}

/** The master through the platform; seconds from the transcoder starting to playable and to done. */
async function pipelineRun(baseUrl: string): Promise<{ playable: number; full: number }> {
  const api = await adminApi(baseUrl);
  const { titles } = await api.call<{ titles: { id: string; type: string }[] }>(
    "GET",
    "/api/admin/catalog/titles?pageSize=100",
  );
  const film = titles.find((title) => title.type === "movie");
  if (!film) throw new Error("the demo catalog has no film");
  const uploadId = await uploadBytes(api, readFileSync(SOURCE), {
    filename: "bench-master.mp4",
    titleId: film.id,
  });
  const { id } = await jobOfUpload(api, uploadId);
  const job = await waitForJob(api, id, (candidate) => candidate.state === "ready", {
    intervalMs: 500,
  });
  const at = (time: string | null) => new Date(time ?? Number.NaN).getTime() / 1000;
  return {
    playable: at(job.playableAt) - at(job.startedAt),
    full: at(job.finishedAt) - at(job.startedAt),
  };
}

console.log(`Preparing a ${SOURCE_SECONDS} s 1080p30 master (kept in .cache/bench)…`);
await generateSource();
console.log("Starting a local stack with its transcoder…");
const stack = await startEphemeralStack("bench-ingest", { RATE_LIMIT_SCALE: "1000000" });
try {
  console.log(
    "One ffmpeg command for the whole ladder, one process per rung, the transcoder alone…",
  );
  const reference = await referenceRuns();
  console.log("The pipeline: upload, queue, transcode, publish to R2…");
  const pipeline = await pipelineRun(stack.url);

  const row = (label: string, seconds: number) => [
    label,
    fixed(seconds),
    `${fixed(SOURCE_SECONDS / seconds, 2)}×`,
    ratio(seconds, reference.oneCommand),
  ];
  console.log(
    `\nbench:ingest — ${SOURCE_SECONDS} s 1080p30 master; ladder ${reference.rungs} + AAC`,
  );
  printTable(
    ["Run", "Wall (s)", "Real-time factor", "vs one command"],
    [
      row("one ffmpeg command, whole ladder (reference)", reference.oneCommand),
      row("one ffmpeg process per rung, all at once", reference.perRung),
      row("transcoder alone, local disk: lowest rung playable", reference.alone.playable),
      row("transcoder alone, local disk: full ladder", reference.alone.full),
      row("pipeline: lowest rung playable", pipeline.playable),
      row("pipeline: full ladder in R2", pipeline.full),
    ],
  );
  console.log(
    `\nplayable / full: ${ratio(pipeline.playable, pipeline.full)} (target < 0.25×); full / one command: ${ratio(pipeline.full, reference.oneCommand)} (target ≤ 1.10×)`,
  );
} finally {
  await stack.stop();
}
