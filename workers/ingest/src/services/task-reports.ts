/**
 * What a transcoder reports about its task, taken by the job's TaskBoard:
 * heartbeats keep the lease; a final report (complete or fail) ends the
 * attempt and, the transcoder being free now, is answered with the job's
 * next waiting task, if any. A report the board refuses (the attempt is
 * over) is a 409: the transcoder stops.
 */
import { ApiError } from "../../../../lib/http/api-error.ts";
import type {
  Heartbeat,
  ReportAnswer,
  TaskFailure,
  TaskResult,
} from "../../../../lib/ingest/task-protocol.ts";
import type { TaskGrant } from "../../../../lib/ingest/task-token.ts";
import type { IngestBindings } from "../bindings.ts";
import type { IngestConfig } from "../config.ts";
import type { Report } from "../objects/task-board.ts";
import { nextTaskFor } from "./task-dispatch.ts";

export interface ReportDeps {
  env: IngestBindings;
  config: IngestConfig;
}

const attemptOver = () =>
  new ApiError(409, "attempt_superseded", "This attempt of the task is over.");

const board = (deps: ReportDeps, grant: TaskGrant) => deps.env.TASK_BOARDS.getByName(grant.jobId);

export async function reportHeartbeat(deps: ReportDeps, grant: TaskGrant, beat: Heartbeat) {
  if (!(await board(deps, grant).heartbeat(grant, beat))) throw attemptOver();
  return { ok: true as const };
}

async function answer(deps: ReportDeps, grant: TaskGrant, report: Report): Promise<ReportAnswer> {
  if (!report.accepted) throw attemptOver();
  const next = report.instance
    ? await nextTaskFor(deps, { jobId: grant.jobId, run: grant.run }, report.instance)
    : null;
  return { ok: true, next };
}

export async function reportComplete(deps: ReportDeps, grant: TaskGrant, result: TaskResult) {
  return answer(deps, grant, await board(deps, grant).complete(grant, result));
}

export async function reportFailure(deps: ReportDeps, grant: TaskGrant, failure: TaskFailure) {
  return answer(deps, grant, await board(deps, grant).fail(grant, failure));
}
