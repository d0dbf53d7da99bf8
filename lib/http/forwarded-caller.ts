/**
 * The api Worker authenticates every request, then forwards some prefixes
 * (/api/ingest, /api/qoe, /api/engagement) to an internal Worker over a
 * service binding, calling its `handle(request, caller)` RPC method. The
 * caller travels as an RPC argument, never in a header, so no client can
 * claim to be anyone. This module is that hand-over on the receiving side.
 */
import type { MiddlewareHandler } from "hono";
import { hasRole, type Role } from "../auth/roles.ts";
import { forbidden, unauthenticated } from "./api-error.ts";
import { AUTHENTICATED } from "./openapi.ts";

/** The signed-in caller as the api Worker authenticated them. */
export interface Caller {
  accountId: string;
  sessionId: string;
  roles: Role[];
}

export interface CallerVariables {
  caller: Caller | null;
}

/** Callers of requests in flight (null: nobody signed in). */
const callers = new WeakMap<Request, Caller | null>();

/** In `handle`: remember who sent this request, before the app sees it. */
export function handOver(request: Request, caller: Caller | null): Request {
  callers.set(request, caller);
  return request;
}

/** First middleware on a forwarded prefix, before any body limit may replace the request object. */
export function adoptCaller<E extends { Variables: CallerVariables }>(): MiddlewareHandler<E> {
  return async (c, next) => {
    c.set("caller", callers.get(c.req.raw) ?? null);
    await next();
  };
}

/** Only a signed-in caller holding `role` (or admin) gets past: 401 without one, 403 without the role. */
export function callerWithRole<E extends { Variables: CallerVariables }>(
  role: Role,
  message: string,
): MiddlewareHandler<E> {
  return async (c, next) => {
    const caller = c.get("caller");
    if (!caller) throw unauthenticated();
    if (!hasRole(caller.roles, role)) throw forbidden(message);
    await next();
  };
}

/** The OpenAPI description of a route that needs `role`. */
export const requiresRole = (role: Role) =>
  ({ security: AUTHENTICATED, "x-required-role": role }) as const;
