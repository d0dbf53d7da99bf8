/**
 * The transcoder's routes: the bearer token must be a job token for the job
 * in the path, and the job must still be running that very attempt. A
 * cancelled job answers 409 `job_cancelled` (the transcoder stops); an
 * attempt that is over answers 409 `attempt_superseded`.
 */
import type { MiddlewareHandler } from "hono";
import { z } from "zod";
import { tokenKeys } from "../../../../lib/auth/signed-token.ts";
import { database } from "../../../../lib/db/database.ts";
import { ApiError, forbidden } from "../../../../lib/http/api-error.ts";
import { readJobToken } from "../../../../lib/ingest/job-token.ts";
import type { IngestEnv } from "../app-env.ts";
import { config } from "../config.ts";
import { findJob } from "../storage/jobs.ts";

export function jobHolder(): MiddlewareHandler<IngestEnv> {
  return async (c, next) => {
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(c.req.header("authorization") ?? "");
    if (!match?.[1]) {
      throw new ApiError(401, "unauthenticated", "Send the job token as `Authorization: Bearer`.");
    }
    let grant;
    try {
      grant = await readJobToken(await tokenKeys(config(c.env).JWT_SIGNING_KEYS), match[1]);
    } catch {
      throw new ApiError(401, "invalid_token", "The job token is not valid.");
    }
    const jobId = c.req.param("jobId");
    if (!z.uuid().safeParse(jobId).success) {
      throw new ApiError(400, "validation_failed", "The request is not valid.", {
        details: [{ path: "jobId", message: "must be a job id" }],
      });
    }
    if (grant.jobId !== jobId) throw forbidden("This token is for another job.");
    const job = await findJob(database(c.env.DB), grant.jobId);
    if (!job) throw new ApiError(404, "not_found", "No such job.");
    if (job.state === "cancelled") {
      throw new ApiError(409, "job_cancelled", "The job was cancelled; stop working on it.");
    }
    if (job.state !== "processing" || job.attempt !== grant.attempt) {
      throw new ApiError(409, "attempt_superseded", "This attempt of the job is over.");
    }
    c.set("grant", grant);
    c.set("job", job);
    await next();
  };
}

/** How the OpenAPI document names the job token. */
export const JOB_TOKEN = { security: [{ jobToken: [] }] };
