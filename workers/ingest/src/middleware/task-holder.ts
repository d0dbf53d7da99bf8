/**
 * The transcoders' routes: the bearer token must be a task token for the
 * job in the path, and the job's TaskBoard must still count that very
 * attempt as the task's current one. A cancelled job answers 409
 * `job_cancelled`; an attempt that is over (finished, or its lease ran out
 * and the task went elsewhere) answers 409 `attempt_superseded`. Either way
 * the transcoder stops.
 */
import type { MiddlewareHandler } from "hono";
import { z } from "zod";
import { tokenKeys } from "../../../../lib/auth/signed-token.ts";
import { ApiError, forbidden } from "../../../../lib/http/api-error.ts";
import { readTaskToken } from "../../../../lib/ingest/task-token.ts";
import type { IngestEnv } from "../app-env.ts";
import { config } from "../config.ts";

export function taskHolder(): MiddlewareHandler<IngestEnv> {
  return async (c, next) => {
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(c.req.header("authorization") ?? "");
    if (!match?.[1]) {
      throw new ApiError(401, "unauthenticated", "Send the task token as `Authorization: Bearer`.");
    }
    let grant;
    try {
      grant = await readTaskToken(await tokenKeys(config(c.env).JWT_SIGNING_KEYS), match[1]);
    } catch {
      throw new ApiError(401, "invalid_token", "The task token is not valid.");
    }
    const jobId = c.req.param("jobId");
    if (!z.uuid().safeParse(jobId).success) {
      throw new ApiError(400, "validation_failed", "The request is not valid.", {
        details: [{ path: "jobId", message: "must be a job id" }],
      });
    }
    if (grant.jobId !== jobId) throw forbidden("This token is for another job.");
    const taskId = c.req.param("taskId");
    if (taskId !== undefined && taskId !== grant.taskId) {
      throw forbidden("This token is for another task.");
    }
    const board = c.env.TASK_BOARDS.getByName(grant.jobId);
    const authorization = await board.authorize(grant);
    if (authorization === "cancelled") {
      throw new ApiError(409, "job_cancelled", "The job was cancelled; stop working on it.");
    }
    if (authorization !== "ok") {
      throw new ApiError(409, "attempt_superseded", "This attempt of the task is over.");
    }
    c.set("grant", grant);
    await next();
  };
}

/** How the OpenAPI document names the task token. */
export const TASK_TOKEN = { security: [{ taskToken: [] }] };
