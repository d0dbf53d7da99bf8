/**
 * transcode(): a master file in, a CMAF ladder with HLS and DASH manifests
 * out, on local disk, laid out as lib/media/asset-layout.ts describes.
 *
 * Designed for two cores and for a fast first playback:
 * 1. probe and validate, measure complexity (under a second), plan the ladder;
 * 2. run two ffmpeg passes at once, each decoding the source once:
 *    pass A (normal priority) encodes the lowest rung, every audio rendition
 *    and the trickplay sprites; pass B (nice 10, so A gets the cores first)
 *    encodes every other rung through one scaling cascade. The poster is
 *    grabbed alongside;
 * 3. every segment is reported through `fileReady` as soon as it is complete,
 *    so uploads overlap encoding;
 * 4. when A is done, the lowest rung is published playable (complete: false);
 * 5. when B is done, every rung is published (complete: true).
 * Abort, or any failure, kills every child at once and rejects.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PresentationSchema, type Presentation } from "../../../lib/media/presentation.ts";
import { InputError } from "../errors.ts";
import { trackEndSeconds, type MediaTrack } from "../manifests/media-track.ts";
import { measureComplexity } from "../media/complexity.ts";
import { lowRungPassArgs, upperRungsPassArgs, type LadderJob } from "../media/ffmpeg-commands.ts";
import { planLadder, type LadderPlan } from "../media/ladder.ts";
import {
  DASH_MANIFEST,
  MASTER_PLAYLIST,
  SUBTITLES_DIR,
  trackDir,
  TRICKPLAY_DIR,
} from "../media/output-paths.ts";
import { makePoster } from "../media/poster.ts";
import { probeSource } from "../media/probe.ts";
import { runFfmpeg } from "../media/run-ffmpeg.ts";
import { convertSubtitles, type SubtitleUpload } from "../media/subtitles.ts";
import { trickplayLayout } from "../media/trickplay.ts";
import {
  OutputWatcher,
  spriteFileOrder,
  trackFileOrder,
  type WatchedSequence,
} from "./output-watcher.ts";
import { EncodingProgress, ENCODING_END, type ProgressUpdate, type Stage } from "./progress.ts";
import { readTrack, type EncodedTrack } from "./read-track.ts";
import { audioRendition, videoRendition } from "./renditions.ts";
import {
  writeManifests,
  writeMediaPlaylist,
  writeSubtitlePlaylists,
  writeTrickplayIndex,
} from "./text-outputs.ts";

export type { Stage };

export interface TranscodeInput {
  /** The master, on local disk. */
  sourcePath: string;
  /** Everything is written under here, in the asset layout. */
  outputDir: string;
  /** Uploaded alongside the master (WebVTT or SRT). */
  subtitles: SubtitleUpload[];
  /** Abort: every ffmpeg child is killed at once and the promise rejects with the abort reason. */
  signal: AbortSignal;
}

export interface TranscodeHooks {
  /** Throttle-free; the caller throttles. */
  progress(update: ProgressUpdate): void;
  /**
   * A file under outputDir is complete and will never be rewritten (segments,
   * init segments, media playlists, sprites, vtt, poster). Called as soon as
   * each is complete so the caller can upload while encoding continues.
   */
  fileReady(relativePath: string): void;
  /**
   * A publishable state: the listed manifests have just been (re)written and
   * reference only files already passed to fileReady. Awaited before encoding
   * results are published further.
   */
  publish(presentation: Presentation, manifests: string[]): Promise<void>;
}

/** The upper rungs' pass yields the cores to the pass that gates first playback. */
const UPPER_PASS_NICENESS = 19;
/**
 * The low pass decodes without deblocking: its pictures are scaled down 3–5×
 * at once, which hides the difference, and it is the pass that gates first
 * playback. Measured on a 60 s 1080p source: a small but real saving.
 */
const LOW_PASS_SKIPS_LOOP_FILTER = true;

/**
 * @example
 * const presentation = await transcode(
 *   { sourcePath: "/tmp/job/master.mp4", outputDir: "/tmp/job/out", subtitles: [], signal },
 *   { progress: console.log, fileReady: (path) => uploads.add(path), publish: savePresentation },
 * );
 */
export async function transcode(
  input: TranscodeInput,
  hooks: TranscodeHooks,
): Promise<Presentation> {
  input.signal.throwIfAborted();
  const controller = new AbortController();
  const abort = () => controller.abort(input.signal.reason);
  input.signal.addEventListener("abort", abort, { once: true });
  const scratchDir = await mkdtemp(join(tmpdir(), "marquee-transcode-"));
  const running: Promise<unknown>[] = [];
  let closed = false;
  const context: Context = {
    input,
    hooks: {
      ...hooks,
      // Once failed, late polls must not announce files of a job that no longer exists.
      fileReady: (path) => {
        if (!closed) hooks.fileReady(path);
      },
    },
    signal: controller.signal,
    scratchDir,
    track: (task) => {
      running.push(task);
      // The first failure anywhere stops everything else.
      task.catch((error: unknown) => controller.abort(error));
      return task;
    },
  };
  try {
    return await runPipeline(context);
  } catch (error) {
    closed = true;
    controller.abort(error);
    await Promise.allSettled(running);
    throw input.signal.aborted ? input.signal.reason : error;
  } finally {
    input.signal.removeEventListener("abort", abort);
    await rm(scratchDir, { recursive: true, force: true });
  }
}

interface Context {
  input: TranscodeInput;
  hooks: TranscodeHooks;
  /** Aborted by the caller's signal or by the first failure. */
  signal: AbortSignal;
  scratchDir: string;
  /** Registers a started task, so a failure kills it and waits for it. */
  track<T>(task: Promise<T>): Promise<T>;
}

async function runPipeline(context: Context): Promise<Presentation> {
  const { input, hooks, signal } = context;
  const { sourcePath, outputDir } = input;
  hooks.progress({ stage: "probing", percent: 0, rung: null });
  const source = await context.track(probeSource(sourcePath, signal));

  hooks.progress({ stage: "analysing", percent: 1, rung: null });
  if (input.subtitles.length) await mkdir(join(outputDir, SUBTITLES_DIR), { recursive: true });
  const [complexity, subtitles] = await Promise.all([
    context.track(measureComplexity(sourcePath, source, signal)),
    context.track(convertSubtitles(input.subtitles, outputDir, signal)),
  ]);
  for (const s of subtitles) hooks.fileReady(s.path);
  const plan = planLadder(source, complexity);
  await createTrackDirs(outputDir, plan);

  const job: LadderJob = { sourcePath, source, plan, outputDir, scratchDir: context.scratchDir };
  const [lowest, ...upper] = plan.video;
  if (!lowest) throw new Error("The ladder has no rungs.");
  const layout = trickplayLayout(source.video);
  const progress = new EncodingProgress(
    hooks.progress,
    source.durationSeconds,
    source.video.width * source.video.height,
    upper.length ? [[lowest], upper] : [[lowest]],
  );
  const runPass = (index: number, args: string[], niceness: number, sequences: WatchedSequence[]) =>
    context.track(
      encodePass(context, sequences, {
        args,
        niceness,
        onProgress: (seconds) => progress.advance(index, seconds),
      }).then(() => progress.finish(index)),
    );
  const lowPass = runPass(0, lowRungPassArgs(job, layout, LOW_PASS_SKIPS_LOOP_FILTER), 0, [
    { dir: trackDir("video", lowest.id), order: trackFileOrder },
    ...plan.audio.map((a) => ({ dir: trackDir("audio", a.id), order: trackFileOrder })),
    { dir: TRICKPLAY_DIR, order: spriteFileOrder },
  ]);
  const upperPass = upper.length
    ? runPass(
        1,
        upperRungsPassArgs(job),
        UPPER_PASS_NICENESS,
        upper.map((r) => ({ dir: trackDir("video", r.id), order: trackFileOrder })),
      )
    : undefined;
  const poster = context.track(makePoster(sourcePath, source, outputDir, signal));

  await lowPass;
  if (!upperPass) hooks.progress({ stage: "finishing", percent: ENCODING_END, rung: null });
  const tracks = new Map<string, MediaTrack>();
  const writeTrack = async (kind: "video" | "audio", id: string): Promise<EncodedTrack> => {
    const encoded = await readTrack(outputDir, trackDir(kind, id));
    await writeMediaPlaylist(outputDir, encoded.track, hooks.fileReady);
    tracks.set(id, encoded.track);
    return encoded;
  };
  const lowTrack = await writeTrack("video", lowest.id);
  checkDecodedDuration(trackEndSeconds(lowTrack.track), source.video.durationSeconds);
  const audio = [];
  for (const a of plan.audio) audio.push(audioRendition(a, await writeTrack("audio", a.id)));
  const durationSeconds = Math.max(...[...tracks.values()].map(trackEndSeconds));
  const trickplay = await writeTrickplayIndex(
    outputDir,
    layout,
    durationSeconds,
    source.video.frameRate,
    hooks.fileReady,
  );
  await writeSubtitlePlaylists(outputDir, subtitles, durationSeconds, hooks.fileReady);
  const posterPath = await poster;
  hooks.fileReady(posterPath);

  const first: Presentation = {
    durationSeconds,
    video: [videoRendition(lowest, plan.frameRate, lowTrack)],
    audio,
    subtitles,
    poster: posterPath,
    trickplay,
    hls: MASTER_PLAYLIST,
    dash: DASH_MANIFEST,
    complete: !upperPass,
  };
  if (!upperPass) return publish(context, first, tracks);
  await publish(context, first, tracks);

  await upperPass;
  hooks.progress({ stage: "finishing", percent: ENCODING_END, rung: null });
  const video = [...first.video];
  for (const rung of upper)
    video.push(videoRendition(rung, plan.frameRate, await writeTrack("video", rung.id)));
  return publish(context, { ...first, video, complete: true }, tracks);
}

/** Runs one ffmpeg pass while reporting the files it completes. */
async function encodePass(
  context: Context,
  sequences: WatchedSequence[],
  run: { args: string[]; niceness: number; onProgress: (seconds: number) => void },
): Promise<void> {
  const watcher = new OutputWatcher(context.input.outputDir, sequences, context.hooks.fileReady);
  watcher.start();
  try {
    await runFfmpeg({ ...run, signal: context.signal });
  } finally {
    watcher.stop();
  }
  await watcher.finish();
}

async function createTrackDirs(outputDir: string, plan: LadderPlan): Promise<void> {
  const dirs = [
    ...plan.video.map((r) => trackDir("video", r.id)),
    ...plan.audio.map((a) => trackDir("audio", a.id)),
    TRICKPLAY_DIR,
  ];
  await Promise.all(dirs.map((dir) => mkdir(join(outputDir, dir), { recursive: true })));
}

/** Rewrites both manifests for `presentation` and hands it to the caller. */
async function publish(
  context: Context,
  presentation: Presentation,
  tracks: ReadonlyMap<string, MediaTrack>,
): Promise<Presentation> {
  // The contract is checked here, before anything reaches the caller.
  const checked = PresentationSchema.parse(presentation);
  const manifests = await writeManifests(context.input.outputDir, checked, tracks);
  context.signal.throwIfAborted();
  await context.hooks.publish(checked, manifests);
  if (checked.complete) context.hooks.progress({ stage: "finishing", percent: 100, rung: null });
  return checked;
}

/**
 * ffmpeg reads a file whose media data was cut off (its index intact) up to
 * the cut and exits successfully; the only sign is a picture that ends early.
 */
function checkDecodedDuration(decodedSeconds: number, expectedSeconds: number): void {
  if (decodedSeconds < expectedSeconds * 0.9 - 1) {
    throw new InputError(
      "corrupt_input",
      `The file ends early: only ${decodedSeconds.toFixed(1)} s of its ${expectedSeconds.toFixed(1)} s of video could be read.`,
    );
  }
}
