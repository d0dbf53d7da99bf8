/**
 * Handing tasks to transcoders, two ways:
 *
 * - a task ticket from the queue: claim the job's most urgent waiting task
 *   and offer it to transcoder slots, starting at a random one (as
 *   @cloudflare/containers' getRandom balances load), until one takes it
 *   (202). When none is free the task waits, visibly, and the ticket is
 *   sent again later. No delivery waits on an encode: the transcoder
 *   reports back over HTTP.
 * - a transcoder's final report (complete or fail): it is free now, so the
 *   answer hands it its job's next waiting task directly, and a busy job
 *   never waits on the queue for an instance it already has.
 */
import { tokenKeys } from "../../../../lib/auth/signed-token.ts";
import type { Logger } from "../../../../lib/http/logger.ts";
import type { TaskMessage } from "../../../../lib/ingest/queue-messages.ts";
import type { TaskAssignment } from "../../../../lib/ingest/task-protocol.ts";
import { issueTaskToken } from "../../../../lib/ingest/task-token.ts";
import type { IngestBindings } from "../bindings.ts";
import type { IngestConfig } from "../config.ts";
import type { Claim } from "../objects/task-board.ts";
import { transcoderSlots } from "../transcoders/transcoder-slots.ts";

/** Busy answers before a delivery gives up and waits (a full fleet is not probed end to end). */
const MAX_OFFERS = 8;
/** A token outlives any task; the board ends an attempt long before (its lease). */
const TOKEN_TTL_SECONDS = 7 * 86_400;

export interface DispatchDeps {
  env: IngestBindings;
  config: IngestConfig;
  logger: Logger;
}

export type DispatchOutcome = { kind: "done" } | { kind: "waiting"; retryInSeconds: number };

/** The assignment a transcoder gets for a claimed task: its spec and a token for this attempt. */
async function assignmentOf(
  config: IngestConfig,
  ticket: TaskMessage,
  claim: Claim,
): Promise<TaskAssignment> {
  const grant = { ...ticket, taskId: claim.taskId, attempt: claim.attempt, assetId: claim.assetId };
  return {
    jobId: ticket.jobId,
    taskId: claim.taskId,
    attempt: claim.attempt,
    token: await issueTaskToken(await tokenKeys(config.JWT_SIGNING_KEYS), grant, TOKEN_TTL_SECONDS),
    ingestUrl: `${config.APP_ORIGIN}/api/ingest/transcoder/jobs/${ticket.jobId}`,
    source: claim.source,
    spec: claim.spec,
  };
}

/** One delivery of a task ticket. */
export async function dispatchTask(
  deps: DispatchDeps,
  ticket: TaskMessage,
): Promise<DispatchOutcome> {
  const { env, config, logger } = deps;
  const board = env.TASK_BOARDS.getByName(ticket.jobId);
  const claim = await board.claim(ticket.run);
  // Nothing waiting (a duplicate ticket, or a handed-over task), a cancelled job, an older run.
  if (!claim) return { kind: "done" };
  const assignment = await assignmentOf(config, ticket, claim);
  const slots = transcoderSlots(env, config);
  const start = Math.floor(Math.random() * slots.length);
  for (let i = 0; i < Math.min(slots.length, MAX_OFFERS); i++) {
    const slot = slots[(start + i) % slots.length]!;
    const status = await slot
      .offer(assignment)
      .then((response) => (void response.body?.cancel(), response.status))
      .catch(() => null);
    if (status === 202) {
      await board.dispatched(ticket.run, claim.taskId, claim.attempt, slot.name);
      logger.log("info", "task dispatched", {
        ...ticket,
        taskId: claim.taskId,
        instance: slot.name,
      });
      return { kind: "done" };
    }
  }
  const waitedMs = await board.undispatched(ticket.run, claim.taskId, claim.attempt);
  return {
    kind: "waiting",
    retryInSeconds: Math.min(30, Math.max(2, Math.round(waitedMs / 10_000))),
  };
}

/** The job's next waiting task for the transcoder `instance`, which just finished one; null if none. */
export async function nextTaskFor(
  deps: Pick<DispatchDeps, "env" | "config">,
  ticket: TaskMessage,
  instance: string,
): Promise<TaskAssignment | null> {
  const board = deps.env.TASK_BOARDS.getByName(ticket.jobId);
  const claim = await board.claim(ticket.run);
  if (!claim) return null;
  await board.dispatched(ticket.run, claim.taskId, claim.attempt, instance);
  return assignmentOf(deps.config, ticket, claim);
}
