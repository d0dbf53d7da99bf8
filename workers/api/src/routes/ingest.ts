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
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { forward, forwardSignedIn } from "./forward.ts";

export const ingestRoutes = new Hono<AppEnv>()
  .all("/transcoder/*", (c) => forward(c, c.env.INGEST, null))
  .options("/uploads", (c) => forward(c, c.env.INGEST, null))
  .all("*", (c) => forwardSignedIn(c, c.env.INGEST, "ingest"));
