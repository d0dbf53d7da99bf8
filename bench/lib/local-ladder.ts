/**
 * The ladder the pipeline would plan for a master on local disk: the
 * transcoder's own probe and complexity measurement (over the whole film),
 * then lib's ladder rule. The benchmarks compare against it.
 */
import type { Source } from "../../lib/ingest/task-protocol.ts";
import { planLadder, type LadderPlan } from "../../lib/media/ladder.ts";
import { measureComplexity } from "../../transcoder/src/media/complexity.ts";
import { probeSource } from "../../transcoder/src/media/probe.ts";

/**
 * @example
 * const { source, plan } = await localLadder(".cache/demo-media/demo-animation.mp4");
 */
export async function localLadder(path: string): Promise<{ source: Source; plan: LadderPlan }> {
  const signal = new AbortController().signal;
  const source = await probeSource({ url: path }, signal);
  const complexity = await measureComplexity(
    { url: path },
    source.video,
    source.durationSeconds,
    signal,
  );
  return { source, plan: planLadder(source, complexity) };
}
