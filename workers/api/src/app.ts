/**
 * The api Worker's Hono app: middleware every request passes through, then
 * one sub-app per resource. Static files of the web app never reach it
 * (the assets layer serves them; only /api/* runs this Worker).
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { OpenAPIObject } from "openapi3-ts/oas31";
import { mergeOpenApiDocuments } from "../../../lib/http/openapi-merge.ts";
import { errorHandler, notFoundHandler } from "../../../lib/http/error-handler.ts";
import { requestContext } from "../../../lib/http/request-context.ts";
import { securityHeaders } from "../../../lib/http/security-headers.ts";
import type { AppEnv } from "./app-env.ts";
import { corsAllowlist, corsForStreams } from "./middleware/cors.ts";
import { csrfProtection } from "./middleware/csrf.ts";
import { d1Session } from "./middleware/d1-session.ts";
import { requestMetrics } from "./middleware/request-metrics.ts";
import { accountRoutes } from "./routes/account.ts";
import { authRoutes } from "./routes/auth.ts";
import { devMailboxRoutes } from "./routes/dev-mailbox.ts";
import { docsRoutes } from "./routes/docs.ts";
import { healthRoutes } from "./routes/health.ts";
import { profileRoutes } from "./routes/profiles.ts";
import { adminArtworkRoutes, adminCatalogRoutes } from "./routes/admin-catalog.ts";
import { adminReviewRoutes } from "./routes/admin-reviews.ts";
import { adminExperimentRoutes } from "./routes/admin-experiments.ts";
import { engagementRoutes, qoeRoutes } from "./routes/analytics.ts";
import { artworkRoutes } from "./routes/artwork.ts";
import { assignmentRoutes } from "./routes/assignments.ts";
import { genreRoutes } from "./routes/genres.ts";
import { homeRoutes } from "./routes/home.ts";
import { metricsRoutes } from "./routes/metrics.ts";
import { ingestRoutes } from "./routes/ingest.ts";
import { myListRoutes } from "./routes/my-list.ts";
import { continueWatchingRoutes, playbackRoutes, progressRoutes } from "./routes/playback.ts";
import { searchRoutes } from "./routes/search.ts";
import { streamRoutes } from "./routes/stream.ts";
import { titleRoutes } from "./routes/titles.ts";

export const app = new OpenAPIHono<AppEnv>();

app.use("*", requestContext("api"), requestMetrics(), d1Session());
app.use("/api/*", securityHeaders(), corsAllowlist({ except: "/api/stream/" }), csrfProtection());
app.use("/api/stream/*", corsForStreams());

app.route("/api/health", healthRoutes);
app.route("/api/auth", authRoutes);
app.route("/api/account", accountRoutes);
app.route("/api/profiles", profileRoutes);
app.route("/api/home", homeRoutes);
app.route("/api/titles", titleRoutes);
app.route("/api/genres", genreRoutes);
app.route("/api/search", searchRoutes);
app.route("/api/my-list", myListRoutes);
app.route("/api/artwork", artworkRoutes);
app.route("/api/playback", playbackRoutes);
app.route("/api/progress", progressRoutes);
app.route("/api/continue-watching", continueWatchingRoutes);
app.route("/api/assignments", assignmentRoutes);
app.route("/api/stream", streamRoutes);
// Each router has its own prefix: a router's "*" middleware (its body limit) covers its whole prefix.
app.route("/api/admin/catalog", adminCatalogRoutes);
app.route("/api/admin/artwork", adminArtworkRoutes);
app.route("/api/admin/reviews", adminReviewRoutes);
app.route("/api/admin/experiments", adminExperimentRoutes);
app.route("/api/ingest", ingestRoutes);
app.route("/api/qoe", qoeRoutes);
app.route("/api/engagement", engagementRoutes);
app.route("/api/dev/mailbox", devMailboxRoutes);
app.route("/api/docs", docsRoutes);
app.route("/metrics", metricsRoutes);

app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
  type: "http",
  scheme: "bearer",
  bearerFormat: "JWT",
  description: "An access token from login/refreshSession with tokenDelivery=body.",
});
app.openAPIRegistry.registerComponent("securitySchemes", "cookieAuth", {
  type: "apiKey",
  in: "cookie",
  name: "__Host-mq_access",
  description: "The web app's httpOnly access cookie.",
});

const DOCUMENT = {
  openapi: "3.1.0",
  info: {
    title: "Marquee API",
    version: "1.0.0",
    description:
      "Accounts, profiles, the catalog and ingest; playback and analytics as they land. Errors are always `{ error: { code, message } }`.",
  },
};

// The internal Workers' routes are generated there; their parts of the document come over the bindings once per isolate.
let internalDocuments: Promise<OpenAPIObject[]> | undefined;

app.get("/api/openapi.json", async (c) => {
  internalDocuments ??= Promise.all(
    [c.env.INGEST, c.env.ANALYTICS].map((worker) =>
      worker.openApiDocument().then((json) => JSON.parse(json) as OpenAPIObject),
    ),
  ).catch((error: unknown) => {
    internalDocuments = undefined;
    throw error;
  });
  const own = app.getOpenAPI31Document({
    ...DOCUMENT,
    servers: [{ url: new URL(c.req.url).origin }],
  });
  // Serialised by hand: Hono's typing of c.json() recurses too deep on a whole OpenAPI document.
  const document = mergeOpenApiDocuments(own, ...(await internalDocuments));
  return c.body(JSON.stringify(document), 200, { "Content-Type": "application/json" });
});

app.onError(errorHandler);
app.notFound(notFoundHandler);
