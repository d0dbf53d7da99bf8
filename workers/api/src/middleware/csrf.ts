/**
 * CSRF protection by Origin check. Browsers send `Origin` on every unsafe
 * request, so a cross-site form or fetch is recognised by its Origin and
 * refused. A request without Origin that carries our cookies but no bearer
 * token is refused too: no browser sends that, so it is a replayed cookie.
 * Bearer-token clients are not exposed to CSRF and pass.
 */
import type { MiddlewareHandler } from "hono";
import { ApiError } from "../../../../lib/http/api-error.ts";
import type { AppEnv } from "../app-env.ts";
import { config } from "../config.ts";
import { AUTH_COOKIE_NAMES } from "../auth-cookies.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header("origin");
    const { APP_ORIGIN, CORS_ALLOWED_ORIGINS } = config(c.env);
    if (origin) {
      const allowed =
        origin === new URL(c.req.url).origin ||
        origin === APP_ORIGIN ||
        CORS_ALLOWED_ORIGINS.includes(origin);
      if (!allowed)
        throw new ApiError(403, "csrf_rejected", "This origin may not make this request.");
    } else {
      const cookies = c.req.header("cookie") ?? "";
      const hasAuthCookie = AUTH_COOKIE_NAMES.some((name) => cookies.includes(`${name}=`));
      if (hasAuthCookie && !c.req.header("authorization"))
        throw new ApiError(
          403,
          "csrf_rejected",
          "Cookie-authenticated requests must send an Origin header.",
        );
    }
    return next();
  };
}
