/**
 * A transcoder's only credential: a JWT naming one attempt of one task of
 * one job, signed by the ingest Worker when it hands the task to a
 * transcoder. It lets the holder read that job's source and write that
 * job's asset, and report on that task, and nothing else. Its expiry is
 * only a backstop: every call is also checked against the job's TaskBoard,
 * so the token stops working the moment its attempt is over (cancelled,
 * finished, or its lease ran out and the task went to another transcoder).
 */
import { z } from "zod";
import { AUDIENCES, signToken, verifyToken, type TokenKeys } from "../auth/signed-token.ts";

const TaskClaimsSchema = z.object({
  sub: z.uuid(),
  run: z.number().int().positive(),
  task: z.string().min(1).max(64),
  attempt: z.number().int().positive(),
  asset: z.uuid(),
});

export interface TaskGrant {
  jobId: string;
  /** The job's run (1, then 2, 3… after each retry by an admin). */
  run: number;
  taskId: string;
  attempt: number;
  assetId: string;
}

export function issueTaskToken(keys: TokenKeys, grant: TaskGrant, ttlSeconds: number) {
  return signToken(keys, {
    audience: AUDIENCES.transcoderTask,
    subject: grant.jobId,
    ttlSeconds,
    claims: { run: grant.run, task: grant.taskId, attempt: grant.attempt, asset: grant.assetId },
  });
}

/** Verifies a task token (signature, key id, audience, expiry) and its claims' shape. */
export async function readTaskToken(keys: TokenKeys, token: string): Promise<TaskGrant> {
  const claims = TaskClaimsSchema.parse(await verifyToken(keys, token, AUDIENCES.transcoderTask));
  return {
    jobId: claims.sub,
    run: claims.run,
    taskId: claims.task,
    attempt: claims.attempt,
    assetId: claims.asset,
  };
}
