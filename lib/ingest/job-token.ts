/**
 * The transcoder's only credential: a JWT naming one job and one attempt of
 * it, signed by the ingest Worker when it hands the job to a transcoder. It
 * lets the holder read that job's source and write that job's asset, and
 * nothing else; it expires shortly after the attempt's time limit, and a
 * later attempt's token makes earlier ones useless (the ingest Worker
 * compares the attempt with the job's).
 */
import { z } from "zod";
import { AUDIENCES, signToken, verifyToken, type TokenKeys } from "../auth/signed-token.ts";

const JobClaimsSchema = z.object({
  sub: z.uuid(),
  attempt: z.number().int().positive(),
  asset: z.uuid(),
});

export interface JobGrant {
  jobId: string;
  attempt: number;
  assetId: string;
}

export function issueJobToken(keys: TokenKeys, grant: JobGrant, ttlSeconds: number) {
  return signToken(keys, {
    audience: AUDIENCES.transcoderJob,
    subject: grant.jobId,
    ttlSeconds,
    claims: { attempt: grant.attempt, asset: grant.assetId },
  });
}

/** Verifies a job token (signature, key id, audience, expiry) and its claims' shape. */
export async function readJobToken(keys: TokenKeys, token: string): Promise<JobGrant> {
  const claims = JobClaimsSchema.parse(await verifyToken(keys, token, AUDIENCES.transcoderJob));
  return { jobId: claims.sub, attempt: claims.attempt, assetId: claims.asset };
}
