/**
 * CORS, two policies. The API answers other first-party front ends (a TV
 * app, a partner site) listed in `CORS_ALLOWED_ORIGINS`, with credentials;
 * anything not on the list gets no CORS headers, so the browser blocks it
 * from reading responses. The tus headers are allowed and exposed, so such
 * a front end can upload resumably too. Stream files answer any origin
 * without credentials (corsForStreams).
 *
 * Only a real preflight (OPTIONS with Access-Control-Request-Method) is
 * answered by the allowlist; any other OPTIONS request is the API's own
 * (tus discovery).
 */
import { cors } from "hono/cors";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.ts";
import { config } from "../config.ts";
import { BOOKMARK_HEADER } from "./d1-session.ts";

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

const RANGE_RESPONSE_HEADERS = ["Content-Range", "Content-Length", "Accept-Ranges", "ETag"];

/**
 * `except`: a path prefix whose routes set their own CORS policy (the stream
 * files, corsForStreams), so the allowlist's headers never mix with theirs.
 */
export function corsAllowlist({ except }: { except: string }): MiddlewareHandler<AppEnv> {
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
      BOOKMARK_HEADER,
      ...TUS_REQUEST_HEADERS,
    ],
    exposeHeaders: [
      "X-Request-Id",
      "Retry-After",
      "X-RateLimit-Limit",
      "X-RateLimit-Remaining",
      "X-RateLimit-Reset",
      BOOKMARK_HEADER,
      ...RANGE_RESPONSE_HEADERS,
      ...TUS_RESPONSE_HEADERS,
    ],
    maxAge: 600,
  });
  return (c, next) =>
    c.req.path.startsWith(except) ||
    (c.req.method === "OPTIONS" && !c.req.header("access-control-request-method"))
      ? next()
      : handle(c, next);
}

/**
 * Stream files (manifests, segments, keys) for any origin, without
 * credentials: the signed grant in their URL is what authorises them, as
 * with Cloudflare Stream's and Mux's signed URLs, so a third-party player
 * on another site can play what it was granted. Cookies never ride along
 * (no Access-Control-Allow-Credentials), so nothing else is exposed.
 */
export function corsForStreams(): MiddlewareHandler<AppEnv> {
  return cors({
    origin: "*",
    allowMethods: ["GET", "HEAD", "OPTIONS"],
    allowHeaders: ["Range", "X-Request-Id"],
    exposeHeaders: ["X-Request-Id", ...RANGE_RESPONSE_HEADERS],
    maxAge: 600,
  });
}
