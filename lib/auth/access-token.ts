/**
 * Access tokens: 15-minute JWTs naming the account, the session, the active
 * profile, the roles the session acts with and the plan. Any Worker holding
 * the verification keys can authorise a request from the token alone.
 */
import { z } from "zod";
import { PLANS } from "../db/schema.ts";
import { ROLES } from "./roles.ts";
import { AUDIENCES, signToken, verifyToken, type TokenKeys } from "./signed-token.ts";

const AccessClaimsSchema = z.object({
  sub: z.string(),
  sid: z.string(),
  pid: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  plan: z.enum(PLANS),
});

export interface AccessClaims {
  accountId: string;
  sessionId: string;
  profileId: string | null;
  roles: z.infer<typeof AccessClaimsSchema>["roles"];
  plan: z.infer<typeof AccessClaimsSchema>["plan"];
}

export function issueAccessToken(
  keys: TokenKeys,
  claims: AccessClaims,
  ttlSeconds: number,
): Promise<string> {
  return signToken(keys, {
    audience: AUDIENCES.access,
    subject: claims.accountId,
    ttlSeconds,
    claims: {
      sid: claims.sessionId,
      pid: claims.profileId,
      roles: claims.roles,
      plan: claims.plan,
    },
  });
}

/** Verifies an access token and checks its claims have the expected shape. */
export async function readAccessToken(keys: TokenKeys, token: string): Promise<AccessClaims> {
  const payload = AccessClaimsSchema.parse(await verifyToken(keys, token, AUDIENCES.access));
  return {
    accountId: payload.sub,
    sessionId: payload.sid,
    profileId: payload.pid,
    roles: payload.roles,
    plan: payload.plan,
  };
}
