/**
 * One delivery of a task message: claim the task on its job's board, sign
 * a token for this attempt, and offer it to transcoder slots, starting at a
 * random one (as @cloudflare/containers' getRandom balances load) until one
 * takes it (202). No delivery waits on an encode: the transcoder reports
 * back over HTTP. When none is free the task waits, visibly, and the
 * message is sent again later.
 */
import { tokenKeys } from "../../../../lib/auth/signed-token.ts";
import type { Logger } from "../../../../lib/http/logger.ts";
import type { TaskMessage } from "../../../../lib/ingest/queue-messages.ts";
import type { TaskAssignment } from "../../../../lib/ingest/task-protocol.ts";
import { issueTaskToken } from "../../../../lib/ingest/task-token.ts";
import type { IngestBindings } from "../bindings.ts";
import type { IngestConfig } from "../config.ts";
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

export async function dispatchTask(deps: DispatchDeps, message: TaskMessage): Promise<DispatchOutcome> {
  const { env, config, logger } = deps;
  const board = env.TASK_BOARDS.getByName(message.jobId);
  const claim = await board.claim(message.run, message.taskId);
  // Finished, held by a transcoder, cancelled, or of an older run: a duplicate or late message.
  if (!claim) return { kind: "done" };
  const grant = { ...message, attempt: claim.attempt, assetId: claim.assetId };
  const assignment: TaskAssignment = {
    jobId: message.jobId,
    taskId: message.taskId,
    attempt: claim.attempt,
    token: await issueTaskToken(await tokenKeys(config.JWT_SIGNING_KEYS), grant, TOKEN_TTL_SECONDS),
    ingestUrl: `${config.APP_ORIGIN}/api/ingest/transcoder/jobs/${message.jobId}`,
    source: claim.source,
    spec: claim.spec,
  };
  const slots = transcoderSlots(env, config);
  const start = Math.floor(Math.random() * slots.length);
  for (let i = 0; i < Math.min(slots.length, MAX_OFFERS); i++) {
    const slot = slots[(start + i) % slots.length]!;
    const status = await slot
      .offer(assignment)
      .then((response) => (void response.body?.cancel(), response.status))
      .catch(() => null);
    if (status === 202) {
      await board.dispatched(message.run, message.taskId, claim.attempt, slot.name);
      logger.log("info", "task dispatched", { ...grant, instance: slot.name });
      return { kind: "done" };
    }
  }
  const waitedMs = await board.undispatched(message.run, message.taskId, claim.attempt);
  return { kind: "waiting", retryInSeconds: Math.min(30, Math.max(2, Math.round(waitedMs / 10_000))) };
}
