/**
 * Interactive API docs at /api/docs: Swagger UI reading /api/openapi.json.
 * Swagger UI's files are served from this origin as static assets (copied
 * from swagger-ui-dist by the web build), so the page works offline and
 * under a CSP that allows only our own scripts.
 */
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Marquee API</title>
    <link rel="stylesheet" href="/vendor/swagger-ui/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/vendor/swagger-ui/swagger-ui-bundle.js"></script>
    <script src="/vendor/swagger-ui/init.js"></script>
  </body>
</html>`;

export const docsRoutes = new Hono<AppEnv>().get("/", (c) => {
  c.header(
    "Content-Security-Policy",
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  c.header("Cache-Control", "public, max-age=300");
  return c.html(PAGE);
});
