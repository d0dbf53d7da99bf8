/**
 * CORS for other first-party front ends (a TV app, a partner site) listed in
 * `CORS_ALLOWED_ORIGINS`. Anything not on the list gets no CORS headers, so
 * the browser blocks it from reading responses. The tus headers are allowed
 * and exposed, so such a front end can upload resumably too, and so are the
 * headers a video player needs for byte ranges of stream files.
 *
 * Only a real preflight (OPTIONS with Access-Control-Request-Method) is
 * answered here; any other OPTIONS request is the API's own (tus discovery).
 */
import { cors } from "hono/cors";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.ts";
import { config } from "../config.ts";

const TUS_REQUEST_HEADERS = [
  "Tus-Resumable",
  "Upload-Length",
  "Upload-Metadata",
  "Upload-Offset",
  "Upload-Checksum",
];
const TUS_RESPONSE_HEADERS = [
  "Location",
  "Tus-Resumable",
  "Tus-Version",
  "Tus-Extension",
  "Tus-Max-Size",
  "Tus-Checksum-Algorithm",
  "Upload-Offset",
  "Upload-Length",
  "Upload-Metadata",
  "Upload-Expires",
];

export function corsAllowlist(): MiddlewareHandler<AppEnv> {
  const handle = cors({
    origin: (origin: string, c: Context<AppEnv>) =>
      config(c.env).CORS_ALLOWED_ORIGINS.includes(origin) ? origin : null,
    credentials: true,
    allowMethods: ["GET", "HEAD", "POST", "PATCH", "DELETE", "OPTIONS"],
    allowHeaders: [
      "Authorization",
      "Content-Type",
      "X-Request-Id",
      "Range",
      ...TUS_REQUEST_HEADERS,
    ],
    exposeHeaders: [
      "X-Request-Id",
      "Retry-After",
      "X-RateLimit-Limit",
      "X-RateLimit-Remaining",
      "X-RateLimit-Reset",
      "Content-Range",
      "Content-Length",
      "Accept-Ranges",
      "ETag",
      ...TUS_RESPONSE_HEADERS,
    ],
    maxAge: 600,
  });
  return (c, next) =>
    c.req.method === "OPTIONS" && !c.req.header("access-control-request-method")
      ? next()
      : handle(c, next);
}
