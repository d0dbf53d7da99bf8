/**
 * One run of one ingest job, as a Cloudflare Workflow: a durable script
 * that outlives any single Worker invocation, whatever the film's length.
 * Its steps pass ids and small plans, never media; the work itself is done
 * by transcoder instances, one chunk task at a time, handed out by the
 * job's TaskBoard, which reports milestones back as events:
 *
 *   open the run ─▶ probed ─▶ plan the ladder ─▶ (analysed ─▶ plan the upper rungs)
 *                        playable ─▶ publish the playable title
 *                        encoded ─▶ assemble and publish the full ladder ─▶ detect the markers ─▶ done
 *                        failed ─▶ fail the job ─▶ done
 *
 * A milestone may come while another step is running; they are taken in
 * the order they came. See docs/ingest.md and docs/decisions/0003.
 */
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { database } from "../../../../lib/db/database.ts";
import type { TaskResultOf } from "../../../../lib/ingest/task-protocol.ts";
import type { IngestBindings } from "../bindings.ts";
import { config } from "../config.ts";
import {
  detectMarkers,
  failRun,
  openRun,
  planRun,
  planUpper,
  publishPlayable,
  publishReady,
  type KeptPlan,
  type RunDeps,
} from "../services/job-runs.ts";
import type { Milestone } from "../services/task-schedule.ts";
import type { JobRunParams } from "./start.ts";

/** No milestone for this long means the run is stuck: it fails (the board's own deadlines come first). */
const MILESTONE_TIMEOUT = "30 days";
/** Worker-side steps (D1, R2, RPC) retry briefly; a step that still fails errors the run. */
const STEP = { retries: { limit: 5, delay: "2 seconds", backoff: "exponential" } } as const;

export class IngestJobWorkflow extends WorkflowEntrypoint<IngestBindings, JobRunParams> {
  override async run(event: Readonly<WorkflowEvent<JobRunParams>>, step: WorkflowStep) {
    const deps = (): RunDeps => ({
      env: this.env,
      db: database(this.env.DB),
      config: config(this.env),
    });
    const run = await step.do("open the run", STEP, () => openRun(deps(), event.payload));
    if (!run) return { outcome: "skipped" };

    let probe: TaskResultOf<"probe"> | null = null;
    let plan: KeptPlan | null = null;
    for (let n = 0; ; n++) {
      let milestone: Milestone & { run: number };
      try {
        const received = await step.waitForEvent<Milestone & { run: number }>(`milestone ${n}`, {
          type: "milestone",
          timeout: MILESTONE_TIMEOUT,
        });
        milestone = received.payload;
      } catch {
        milestone = {
          run: run.run,
          kind: "failed",
          error: { code: "stalled", message: "The job made no progress for 30 days." },
        };
      }
      if (milestone.run !== run.run) continue;
      try {
        switch (milestone.kind) {
          case "probed": {
            const probed: TaskResultOf<"probe"> = milestone.result;
            probe = probed;
            plan = await step.do("plan the ladder", STEP, (): Promise<KeptPlan> =>
              planRun(deps(), run, probed),
            );
            break;
          }
          case "analysed": {
            if (!probe || !plan) break;
            const probed: TaskResultOf<"probe"> = probe;
            const earlier: KeptPlan = plan;
            const complexity = milestone.complexity;
            plan = await step.do("plan the upper rungs", STEP, (): Promise<KeptPlan> =>
              planUpper(deps(), run, probed, earlier, complexity),
            );
            break;
          }
          case "playable": {
            const presentation = milestone.presentation;
            await step.do("publish the playable title", STEP, () =>
              publishPlayable(deps(), run, presentation),
            );
            break;
          }
          case "encoded":
            await step.do("assemble and publish the full ladder", STEP, () =>
              publishReady(deps(), run),
            );
            await step.do("detect the markers", STEP, () => detectMarkers(deps(), run));
            return { outcome: "ready" };
          case "failed": {
            const error = milestone.error;
            await step.do("fail the job", STEP, () => failRun(deps(), run, error));
            return { outcome: "failed", error };
          }
        }
      } catch (thrown) {
        // A step that kept failing (a bug, or storage down for minutes): the job fails visibly.
        const error = { code: "internal_error", message: `Ingest failed: ${String(thrown)}` };
        await step.do(`fail the job after an error ${n}`, STEP, () => failRun(deps(), run, error));
        return { outcome: "failed", error };
      }
    }
  }
}
