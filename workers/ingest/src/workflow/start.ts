/**
 * Starting a job's Workflow: one instance per run of a job (the first when
 * its upload is created, another after each retry), with an id made from
 * both, so starting the same run twice finds the instance already there.
 */
import type { IngestBindings } from "../bindings.ts";

export interface JobRunParams {
  jobId: string;
  run: number;
}

export const workflowInstanceId = (jobId: string, run: number) => `${jobId}-r${run}`;

export async function startJobWorkflow(
  env: IngestBindings,
  jobId: string,
  run: number,
): Promise<void> {
  const id = workflowInstanceId(jobId, run);
  try {
    await env.INGEST_JOBS.create({ id, params: { jobId, run } satisfies JobRunParams });
  } catch (error) {
    // Created by an earlier try whose answer was lost: that instance is the one.
    if (!(await instanceExists(env, id))) throw error;
  }
}

async function instanceExists(env: IngestBindings, id: string): Promise<boolean> {
  try {
    await (await env.INGEST_JOBS.get(id)).status();
    return true;
  } catch {
    return false;
  }
}

/** Stops a run's Workflow (cancelled by an admin); one that already ended is left as it is. */
export async function stopJobWorkflow(
  env: IngestBindings,
  jobId: string,
  run: number,
): Promise<void> {
  try {
    await (await env.INGEST_JOBS.get(workflowInstanceId(jobId, run))).terminate();
  } catch {
    // Already complete, errored or terminated.
  }
}
