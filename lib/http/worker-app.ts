/**
 * The skeleton every internal Worker starts from: request ids and logs,
 * security headers, the error contract and a `GET /health` that the api
 * Worker's readiness check calls over a service binding. An OpenAPIHono
 * app, so a Worker with routes of its own documents them like the api does.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { errorHandler, notFoundHandler } from "./error-handler.ts";
import { requestContext, type RequestContextVariables } from "./request-context.ts";
import { securityHeaders } from "./security-headers.ts";

export function createWorkerApp<E extends { Bindings: object; Variables: RequestContextVariables }>(
  worker: string,
) {
  const app = new OpenAPIHono<E>();
  app.use("*", requestContext(worker), securityHeaders());
  app.get("/health", (c) => c.json({ status: "ok", worker }));
  app.onError(errorHandler);
  app.notFound(notFoundHandler);
  return app;
}
