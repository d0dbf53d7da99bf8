/**
 * Forwarding a request to an internal Worker (ingest, analytics) over its
 * service binding: the request streams through untouched, with our request
 * id, and the caller this Worker authenticated rides as an RPC argument
 * (lib/http/forwarded-caller.ts on the other side).
 */
import type { Context } from "hono";
import type { Caller } from "../../../../lib/http/forwarded-caller.ts";
import type { RateLimitTierName } from "../../../../lib/rate-limit/tiers.ts";
import type { AppEnv } from "../app-env.ts";
import { authenticate } from "../middleware/auth.ts";
import { enforceRateLimit } from "../middleware/rate-limit.ts";

/** What an internal Worker's entrypoint offers over RPC. */
interface InternalWorker {
  handle(request: Request, caller: Caller | null): Promise<Response>;
}

export async function forward(
  c: Context<AppEnv>,
  worker: InternalWorker,
  caller: Caller | null,
): Promise<Response> {
  const headers = new Headers(c.req.raw.headers);
  headers.set("X-Request-Id", c.get("requestId"));
  const response = await worker.handle(new Request(c.req.raw, { headers }), caller);
  // A response that came over RPC has immutable headers; ours adds its own.
  return new Response(response.body, response);
}

/** Forwards for a signed-in caller only, counted on the account's `tier` rate limit. */
export async function forwardSignedIn(
  c: Context<AppEnv>,
  worker: InternalWorker,
  tier: RateLimitTierName,
): Promise<Response> {
  const auth = await authenticate(c);
  await enforceRateLimit(c, tier, `account:${auth.accountId}`);
  return forward(c, worker, {
    accountId: auth.accountId,
    sessionId: auth.sessionId,
    roles: auth.roles,
  });
}
