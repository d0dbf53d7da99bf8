/**
 * The analyse task: the complexity sample over more of the film than the
 * probe could read (the probe ran while the master was still uploading).
 * The probe is repeated for the picture size and stream index it needs;
 * reading a header costs a few Range requests.
 */
import type { TaskResultOf, TaskSpecOf } from "../../../lib/ingest/task-protocol.ts";
import { measureComplexity } from "../media/complexity.ts";
import { probeSource } from "../media/probe.ts";
import type { TaskContext } from "./task-context.ts";

/** Share of the progress bar the probe stands for. */
const PROBED = 0.2;

/**
 * @example
 * const { complexity } = await analyseTask(context, { kind: "analyse", upToSeconds: 5400 });
 */
export async function analyseTask(
  context: TaskContext,
  spec: TaskSpecOf<"analyse">,
): Promise<TaskResultOf<"analyse">> {
  const source = await probeSource(context.source, context.signal);
  context.report.progress(PROBED);
  const upTo = Math.min(spec.upToSeconds, source.durationSeconds);
  const complexity = await measureComplexity(context.source, source.video, upTo, context.signal);
  return { kind: "analyse", complexity };
}
