/**
 * What the tasks other than chunks cost on a master on local disk, with the
 * transcoder's own commands: the probe's steps — ffprobe, the complexity
 * sample over the whole film (the analyse task is the same sample), the
 * poster — in CPU seconds and in wall seconds on this machine's two cores
 * (their ffmpeg commands use every core they are given), and the audio
 * pass in CPU seconds per second of film. The capacity projection reads
 * these.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planLadder } from "../../../lib/media/ladder.ts";
import { trackDir } from "../../../lib/media/asset-layout.ts";
import { measureComplexity } from "../../../transcoder/src/media/complexity.ts";
import { audioPassArgs } from "../../../transcoder/src/media/ffmpeg-commands.ts";
import { makePoster } from "../../../transcoder/src/media/poster.ts";
import { probeSource } from "../../../transcoder/src/media/probe.ts";
import { runFfmpeg } from "../../../transcoder/src/media/run-ffmpeg.ts";
import { cpuSeconds } from "../process-cpu.ts";

/** A step's CPU seconds, and its wall seconds with both of this machine's cores free. */
export interface StepCost {
  cpu: number;
  wall: number;
}

export interface TaskCosts {
  /** Each of the probe's steps. */
  ffprobe: StepCost;
  complexity: StepCost;
  poster: StepCost;
  /** The audio pass (every track of the ladder), CPU seconds per second of film. */
  audioPerSecond: number;
}

/**
 * @example
 * const costs = await taskCosts(".cache/bench/master.mp4");
 */
export async function taskCosts(path: string): Promise<TaskCosts> {
  const signal = new AbortController().signal;
  const input = { url: path };
  const timed = async (step: () => Promise<unknown>): Promise<StepCost> => {
    const before = cpuSeconds("self");
    const started = performance.now();
    await step();
    return { cpu: cpuSeconds("self") - before, wall: (performance.now() - started) / 1000 };
  };
  let source: Awaited<ReturnType<typeof probeSource>> | undefined;
  const ffprobe = await timed(async () => (source = await probeSource(input, signal)));
  const probed = source!;
  const dir = await mkdtemp(join(tmpdir(), "marquee-task-cost-"));
  try {
    let complexity: Awaited<ReturnType<typeof measureComplexity>> | undefined;
    const complexitySeconds = await timed(
      async () =>
        (complexity = await measureComplexity(input, probed.video, probed.durationSeconds, signal)),
    );
    const poster = await timed(() =>
      makePoster(input, probed, probed.durationSeconds, join(dir, "poster.jpg"), signal),
    );
    const { audio } = planLadder(probed, complexity!);
    for (const track of audio)
      await mkdir(join(dir, trackDir("audio", track.id)), { recursive: true });
    const audioSeconds = await timed(() =>
      runFfmpeg({ args: audioPassArgs(input, probed.startSeconds, audio, dir), signal }),
    );
    return {
      ffprobe,
      complexity: complexitySeconds,
      poster,
      audioPerSecond: audioSeconds.cpu / probed.durationSeconds,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
