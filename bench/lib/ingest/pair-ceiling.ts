/**
 * What this machine lets two pinned transcoders gain over one, whatever the
 * platform does: the transcoder's chunk command (every rung of a middle
 * chunk) pinned to core 0 alone, then two of it at once, pinned to cores 0
 * and 1. Two real machines would finish the pair in the time of one (2×);
 * two cores that share caches, memory bandwidth or a host with neighbours
 * finish it later. bench:ingest prints it beside the pipeline's 2-vs-1, so
 * the pipeline is judged against what the cores allow.
 */
import { FFMPEG_RUN_FLAGS } from "../../../transcoder/src/media/run-ffmpeg.ts";
import { ffmpegPath } from "../../../transcoder/src/media/binaries.ts";
import { runTool } from "../../../transcoder/src/media/run-tool.ts";
import { middleChunk, withScratch } from "./chunk-costs.ts";

export interface PairCeiling {
  /** Wall seconds of one encode alone on a core. */
  aloneSeconds: number;
  /** Wall seconds until both of two encodes side by side, a core each, are done. */
  pairSeconds: number;
  /** 2 × alone ÷ pair: the most a second pinned instance can speed a job up here. */
  ceiling: number;
}

export async function pairCeiling(path: string, chunkSeconds: number): Promise<PairCeiling> {
  const chunk = await middleChunk(path, chunkSeconds);
  const ffmpeg = await ffmpegPath();
  const encodeOn = (core: number) =>
    withScratch(chunk.rungs, async (scratchDir) => {
      const { exitCode, stderr } = await runTool({
        executable: "taskset",
        args: [
          "-c",
          String(core),
          ffmpeg,
          ...FFMPEG_RUN_FLAGS,
          ...chunk.args(chunk.rungs, scratchDir),
        ],
        signal: new AbortController().signal,
        pipes: [() => {}],
      });
      if (exitCode !== 0) throw new Error(`the pinned chunk encode failed: ${stderr}`);
    });
  const timed = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return (performance.now() - started) / 1000;
  };
  const aloneSeconds = await timed(() => encodeOn(0));
  const pairSeconds = await timed(() => Promise.all([encodeOn(0), encodeOn(1)]));
  return { aloneSeconds, pairSeconds, ceiling: (2 * aloneSeconds) / pairSeconds };
}
