/**
 * Security headers for every API response. The API only ever returns JSON,
 * so its CSP forbids everything; a route that serves a page (the API docs)
 * sets its own policy first and this middleware leaves it alone. The web
 * app's static files get their headers from web/public/_headers.
 */
import type { MiddlewareHandler } from "hono";

const HEADERS: Record<string, string> = {
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
  "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  // Responses carry account data; no shared cache may keep them.
  "Cache-Control": "no-store",
};

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(HEADERS)) {
      if (!c.res.headers.has(name)) c.res.headers.set(name, value);
    }
  };
}
