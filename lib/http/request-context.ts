/**
 * The first middleware of every Worker: gives the request an id (kept from
 * an upstream `X-Request-Id` when it looks like one, so a trace crosses
 * Workers), returns it on the response, and logs one line per request.
 */
import type { MiddlewareHandler } from "hono";
import { createLogger, type Logger } from "./logger.ts";

export interface RequestContextVariables {
  requestId: string;
  logger: Logger;
}

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

export function requestContext(worker: string): MiddlewareHandler<{
  Variables: RequestContextVariables;
}> {
  return async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    const logger = createLogger({ worker, requestId });
    c.set("requestId", requestId);
    c.set("logger", logger);
    const started = Date.now();
    await next();
    c.header("X-Request-Id", requestId);
    logger.log("info", "request", {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Date.now() - started,
    });
  };
}
