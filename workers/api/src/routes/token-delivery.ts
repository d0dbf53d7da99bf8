/**
 * Hands new tokens to the client the way it asked: web apps get httpOnly
 * cookies and nothing in the body (scripts never see a token); API clients
 * get them in the body.
 */
import type { Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { setAccessCookie, setRefreshCookie } from "../auth-cookies.ts";
import { config } from "../config.ts";
import { deviceLabel } from "../services/device-label.ts";
import type { Account } from "../../../../lib/db/schema.ts";
import { presentAccount } from "../services/presenters.ts";
import type { IssuedTokens, StartedSession } from "../services/sessions.ts";

export type TokenDelivery = "cookie" | "body";

export function deliverTokens(c: Context<AppEnv>, tokens: IssuedTokens, delivery: TokenDelivery) {
  if (delivery === "body") return { tokenType: "Bearer" as const, ...tokens };
  setAccessCookie(c, tokens.accessToken, tokens.expiresIn);
  if (tokens.refreshToken)
    setRefreshCookie(c, tokens.refreshToken, config(c.env).REFRESH_TOKEN_TTL_SECONDS);
  return undefined;
}

/** The answer to every way of signing in: the account, the new session and its tokens. */
export function signedIn(
  c: Context<AppEnv>,
  { account, sessionId, tokens }: { account: Account } & StartedSession,
  delivery: TokenDelivery,
) {
  return {
    status: "signed_in" as const,
    account: presentAccount(account, null),
    sessionId,
    tokens: deliverTokens(c, tokens, delivery),
  };
}

export function deviceInfo(c: Context<AppEnv>) {
  return {
    device: deviceLabel(c.req.header("user-agent")),
    ipAddress: c.req.header("cf-connecting-ip") ?? null,
  };
}
