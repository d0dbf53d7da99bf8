/**
 * /api/ingest/* is the ingest Worker's (uploads, jobs, webhooks and the
 * transcoder's storage). This Worker authenticates the caller, counts the
 * request against the `ingest` rate limit and forwards it over the service
 * binding with the caller as an RPC argument; the ingest Worker decides
 * what that caller may do there. Bodies stream through untouched (an
 * upload chunk may be many megabytes), so no body limit applies here.
 *
 * Two kinds of request carry no user session: the tus discovery request
 * (OPTIONS), and the transcoder's, which carry a job token that only the
 * ingest Worker can check.
 */
import { Hono, type Context } from "hono";
import type { Caller } from "../../../ingest/src/index.ts";
import type { AppEnv } from "../app-env.ts";
import { authenticate } from "../middleware/auth.ts";
import { enforceRateLimit } from "../middleware/rate-limit.ts";

async function forward(c: Context<AppEnv>, caller: Caller | null): Promise<Response> {
  const headers = new Headers(c.req.raw.headers);
  headers.set("X-Request-Id", c.get("requestId"));
  const response = await c.env.INGEST.handle(new Request(c.req.raw, { headers }), caller);
  // A response that came over RPC has immutable headers; ours adds its own.
  return new Response(response.body, response);
}

export const ingestRoutes = new Hono<AppEnv>()
  .all("/transcoder/*", (c) => forward(c, null))
  .options("/uploads", (c) => forward(c, null))
  .all("*", async (c) => {
    const auth = await authenticate(c);
    await enforceRateLimit(c, "ingest", `account:${auth.accountId}`);
    return forward(c, { accountId: auth.accountId, sessionId: auth.sessionId, roles: auth.roles });
  });
