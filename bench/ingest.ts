/**
 * `npm run bench:ingest`: a generated 10-minute 1080p30 master (detailed
 * moving picture with grain, a new scene every 20 s) through the whole
 * pipeline — tus upload, the job's Workflow and TaskBoard, chunk tasks on
 * transcoder processes, R2 — with one transcoder and then two, each pinned
 * to a core of its own (`taskset`), so the pair stands for two machines.
 * Beside it, in the same run and with the same ffmpeg, one plain ffmpeg
 * command makes the same ladder (its arguments come from the transcoder's
 * own command builders and ladder plan).
 *
 * Figures: seconds from the upload's last byte to playable and to the full
 * ladder (from the job's own timestamps), and CPU seconds (the transcoder
 * processes and every ffmpeg they ran, against the reference command's;
 * and what the rest of the machine used meanwhile — workerd, the bench —
 * which shares the transcoders' cores here as it would not in production).
 * Beside the 2-vs-1 speed-up, the machine's own ceiling for it: the same
 * chunk command pinned to one core, then two at once (pair-ceiling.ts).
 * Targets: playable ≤ 5 s after the last byte; CPU ≤ 1.1× the reference;
 * two instances ≥ 1.8× faster than one.
 *
 * It also measures what the capacity projection needs (bench/
 * ingest-projection.ts): each task's wall time on a pinned core, and the
 * CPU cost per second of film of chunk encodes at 1080p and 2160p, written
 * to .cache/bench/ingest-costs.json.
 *
 *   npm run bench:ingest             (BENCH_INGEST_SECONDS=120 for a quicker run)
 */
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
} from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout } from "node:timers/promises";
import type { LadderPlan } from "../lib/media/ladder.ts";
import { trackDir } from "../lib/media/asset-layout.ts";
import {
  adminApi,
  createPublishedFilm,
  jobOfUpload,
  uploadBytes,
  waitForJob,
} from "../scripts/admin-api.ts";
import { makeClipAt } from "../scripts/ffmpeg-clip.ts";
import { ROOT, startEphemeralStack } from "../scripts/local-stack.ts";
import { referenceLadderArgs } from "../transcoder/src/media/ffmpeg-commands.ts";
import { runFfmpeg } from "../transcoder/src/media/run-ffmpeg.ts";
import { chunkCosts } from "./lib/ingest/chunk-costs.ts";
import { taskCosts } from "./lib/ingest/task-costs.ts";
import { COSTS_FILE, writeCosts, type PipelineRun } from "./lib/ingest/measured-costs.ts";
import { pairCeiling } from "./lib/ingest/pair-ceiling.ts";
import { taskTimings } from "./lib/ingest/task-timings.ts";
import { localLadder } from "./lib/local-ladder.ts";
import { cpuSeconds, machineCpuSeconds } from "./lib/process-cpu.ts";
import { fixed, printTable, ratio } from "./lib/table.ts";

const FILM_SECONDS = Number(process.env.BENCH_INGEST_SECONDS ?? 600);
const DIR = join(ROOT, ".cache", "bench");
const MASTER = join(DIR, `master-${FILM_SECONDS}s-1080p30.mp4`);
/** The chunk length the pipeline runs with (the ingest Worker's TRANSCODE_CHUNK_SEGMENTS). */
const SEGMENTS_PER_CHUNK = 15;

/** Detailed motion with grain and a scene change every 20 s, so decoding and encoding cost what a film's do. */
async function generateMaster(path: string, seconds: number, size: string): Promise<void> {
  if (existsSync(path)) return;
  mkdirSync(DIR, { recursive: true });
  const partial = `${path}.partial.mp4`;
  await makeClipAt(partial, [
    ...["-f", "lavfi", "-i", `testsrc2=size=${size}:rate=30:duration=${seconds}`],
    ...["-f", "lavfi", "-i", `sine=frequency=440:sample_rate=48000:duration=${seconds}`],
    ...["-vf", "hue=H='PI*floor(t/20)/3',noise=alls=12:allf=t"],
    ...["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p"],
    ...["-c:a", "aac", "-b:a", "128k", "-metadata:s:a:0", "language=eng"],
    ...["-movflags", "+faststart"],
  ]);
  renameSync(partial, path);
}

/** The whole ladder as one plain ffmpeg command: wall and CPU seconds. */
async function referenceRun(plan: LadderPlan, videoIndex: number) {
  const outputDir = await mkdtemp(join(tmpdir(), "marquee-bench-reference-"));
  try {
    for (const dir of [
      ...plan.video.map((rung) => trackDir("video", rung.id)),
      ...plan.audio.map((audio) => trackDir("audio", audio.id)),
    ]) {
      mkdirSync(join(outputDir, dir), { recursive: true });
    }
    const cpuBefore = cpuSeconds("self");
    const start = performance.now();
    await runFfmpeg({
      args: referenceLadderArgs({ source: { url: MASTER }, videoIndex, plan, outputDir }),
      signal: new AbortController().signal,
    });
    return { wall: (performance.now() - start) / 1000, cpu: cpuSeconds("self") - cpuBefore };
  } finally {
    await rm(outputDir, { recursive: true, force: true });
  }
}

/** Every task's timing from the stack's log, once the last one has logged its end. */
async function endedTasks(logFile: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { ended, running } = taskTimings(readFileSync(logFile, "utf8"));
    if (running.length === 0) return ended;
    if (Date.now() > deadline)
      throw new Error(`tasks never logged their end: ${running.join(", ")}`);
    await setTimeout(250);
  }
}

/** The master through the platform with `instances` pinned transcoders. */
async function pipelineRun(instances: number): Promise<PipelineRun> {
  const stack = await startEphemeralStack(
    "bench-ingest",
    { RATE_LIMIT_SCALE: "1000000" },
    {
      transcoderInstances: instances,
      pinTranscoders: true,
      ingestVars: { TRANSCODE_CHUNK_SEGMENTS: String(SEGMENTS_PER_CHUNK) },
    },
  );
  try {
    const cpuBefore = stack.transcoderPids.map(cpuSeconds);
    const machineBefore = machineCpuSeconds();
    const api = await adminApi(stack.url);
    const filmId = await createPublishedFilm(api, `Bench Film ${instances}`);
    const uploadStart = performance.now();
    const uploadId = await uploadBytes(api, createReadStream(MASTER), {
      filename: "bench-master.mp4",
      titleId: filmId,
    });
    const uploadSeconds = (performance.now() - uploadStart) / 1000;
    const { id } = await jobOfUpload(api, uploadId);
    const job = await waitForJob(api, id, (candidate) => candidate.state === "ready", {
      intervalMs: 500,
      timeoutMs: 3 * 3600_000,
    });
    const cpu = stack.transcoderPids
      .map((pid, i) => cpuSeconds(pid) - cpuBefore[i]!)
      .reduce((a, b) => a + b, 0);
    const otherCpu = machineCpuSeconds() - machineBefore - cpu;
    const view = await api.call<{
      secondsToPlayable: number;
      secondsToReady: number;
      upload: { completedAt: string };
    }>("GET", `/api/ingest/jobs/${id}`);
    const tasks = await endedTasks(stack.logFile);
    const lastEnd = Math.max(...tasks.map((task) => task.endedAt));
    return {
      instances,
      lastByteAt: Date.parse(view.upload.completedAt),
      playable: view.secondsToPlayable,
      full: view.secondsToReady,
      cpu,
      otherCpu,
      uploadSeconds,
      tasks,
      assemblySeconds: (Date.parse(job.finishedAt!) - lastEnd) / 1000,
    };
  } finally {
    await stack.stop();
  }
}

console.log(
  `Preparing a ${FILM_SECONDS} s 1080p30 master and a 20 s 2160p30 sample (kept in .cache/bench)…`,
);
await generateMaster(MASTER, FILM_SECONDS, "1920x1080");
const SAMPLE_2160 = join(DIR, "sample-20s-2160p30.mp4");
await generateMaster(SAMPLE_2160, 20, "3840x2160");

const { plan, source } = await localLadder(MASTER);
const videoIndex = source.video.index;
const rungs = plan.video.map((rung) => `${rung.id}@${rung.bitrateKbps}k`).join(", ");
console.log(`Ladder: ${rungs} + AAC. One ffmpeg command for the whole ladder…`);
const reference = await referenceRun(plan, videoIndex);
console.log(
  "Chunk encodes, the probe's steps and the audio pass at 1080p and 2160p (for the projection)…",
);
const costs1080 = await chunkCosts(MASTER, 60);
const costs2160 = await chunkCosts(SAMPLE_2160, 20);
const tasks1080 = await taskCosts(MASTER);
const tasks2160 = await taskCosts(SAMPLE_2160);
console.log(
  "The same chunk command pinned to one core, then two at once (this machine's ceiling)…",
);
const ceiling = await pairCeiling(MASTER, 20);
console.log("The pipeline with one pinned transcoder…");
const one = await pipelineRun(1);
console.log("The pipeline with two pinned transcoders…");
const two = await pipelineRun(2);

console.log(
  `\nbench:ingest — ${FILM_SECONDS} s 1080p30 master (${(statSync(MASTER).size / 1e6).toFixed(0)} MB); ladder ${rungs} + AAC`,
);
const row = (label: string, run: PipelineRun) => [
  label,
  fixed(run.uploadSeconds),
  fixed(run.playable),
  fixed(run.full),
  fixed(run.cpu),
  ratio(run.cpu, reference.cpu),
  fixed(run.otherCpu),
  fixed(FILM_SECONDS / run.full, 2),
];
printTable(
  [
    "Run",
    "Upload (s)",
    "Last byte → playable (s)",
    "Last byte → full ladder (s)",
    "CPU (s)",
    "CPU vs reference",
    "Rest of the machine's CPU (s)",
    "Real-time factor",
  ],
  [
    [
      "one ffmpeg command, whole ladder (reference)",
      "—",
      "—",
      fixed(reference.wall),
      fixed(reference.cpu),
      "1.00×",
      "—",
      fixed(FILM_SECONDS / reference.wall, 2),
    ],
    row("pipeline, 1 transcoder (1 core)", one),
    row("pipeline, 2 transcoders (a core each)", two),
  ],
);
console.log(
  `\n2 transcoders vs 1: ${fixed(one.full / two.full, 2)}× faster (target ≥ 1.8×); this machine's ceiling for two pinned encodes: ${fixed(ceiling.ceiling, 2)}× (a chunk command alone ${fixed(ceiling.aloneSeconds)} s, two at once ${fixed(ceiling.pairSeconds)} s); playable ${fixed(two.playable)} s after the last byte (target ≤ 5 s); CPU ${ratio(two.cpu, reference.cpu)} the reference (target ≤ 1.10×).`,
);

writeCosts({
  filmSeconds: FILM_SECONDS,
  segmentsPerChunk: SEGMENTS_PER_CHUNK,
  measuredAt: new Date().toISOString(),
  chunk1080: costs1080,
  chunk2160: costs2160,
  tasks1080,
  tasks2160,
  pipeline: two,
  pipelineOne: one,
  pairCeiling: ceiling,
});
console.log(
  `\nMeasured costs for the projection: ${COSTS_FILE} (npm run bench:ingest:projection).`,
);
