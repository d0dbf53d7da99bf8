/**
 * The skeleton every internal Worker starts from: request ids and logs,
 * security headers, the error contract and a `GET /health` that the api
 * Worker's readiness check calls over a service binding.
 */
import { Hono } from "hono";
import { errorHandler, notFoundHandler } from "./error-handler.ts";
import { requestContext, type RequestContextVariables } from "./request-context.ts";
import { securityHeaders } from "./security-headers.ts";

export function createWorkerApp<Bindings extends object>(worker: string) {
  const app = new Hono<{ Bindings: Bindings; Variables: RequestContextVariables }>();
  app.use("*", requestContext(worker), securityHeaders());
  app.get("/health", (c) => c.json({ status: "ok", worker }));
  app.onError(errorHandler);
  app.notFound(notFoundHandler);
  return app;
}
