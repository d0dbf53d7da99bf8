/**
 * Admin routes of the ingest Worker: only a signed-in `content_admin` (or
 * `admin`) may upload or manage jobs and webhooks. The api Worker has
 * already verified the session; this checks what it may do here.
 */
import type { MiddlewareHandler } from "hono";
import { hasRole } from "../../../../lib/auth/roles.ts";
import { forbidden, unauthenticated } from "../../../../lib/http/api-error.ts";
import { AUTHENTICATED } from "../../../../lib/http/openapi.ts";
import type { IngestEnv } from "../app-env.ts";

export function staffOnly(): MiddlewareHandler<IngestEnv> {
  return async (c, next) => {
    const caller = c.get("caller");
    if (!caller) throw unauthenticated();
    if (!hasRole(caller.roles, "content_admin"))
      throw forbidden("Only content admins may do this.");
    await next();
  };
}

/** The OpenAPI description of a staff route's access rule. */
export const STAFF_ONLY = {
  security: AUTHENTICATED,
  "x-required-role": "content_admin",
} as const;
