/**
 * Turns anything thrown in a route into the error contract. Expected errors
 * (ApiError, Hono's HTTPException) keep their status; anything else is a 500
 * whose details go to the log, never to the client.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ApiError, errorBody } from "./api-error.ts";
import type { RequestContextVariables } from "./request-context.ts";

type WithRequestContext = { Variables: RequestContextVariables };

// Hono's own exceptions (body limit, malformed JSON, unsupported media type)
// arrive with a status only; name them.
const CODES: Partial<Record<number, string>> = {
  400: "bad_request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

function respond<E extends WithRequestContext>(
  c: Context<E>,
  status: ContentfulStatusCode,
  body: ReturnType<typeof errorBody>,
) {
  const requestId = c.get("requestId");
  if (requestId) c.header("X-Request-Id", requestId);
  return c.json(body, status);
}

export function errorHandler<E extends WithRequestContext>(error: Error, c: Context<E>): Response {
  if (error instanceof ApiError) {
    for (const [name, value] of Object.entries(error.options.headers ?? {})) c.header(name, value);
    // 460 (tus checksum mismatch) is not in Hono's list of statuses, but it is a valid one.
    const status = error.status as ContentfulStatusCode;
    return respond(c, status, errorBody(error.code, error.message, error.options.details));
  }
  if (error instanceof HTTPException && error.status < 500) {
    const status = error.status as ContentfulStatusCode;
    return respond(c, status, errorBody(CODES[status] ?? "bad_request", error.message));
  }
  c.get("logger")?.log("error", "unhandled error", {
    error: { name: error.name, message: error.message, stack: error.stack },
  });
  return respond(c, 500, errorBody("internal", "Something went wrong on our side."));
}

export function notFoundHandler<E extends WithRequestContext>(c: Context<E>): Response {
  return respond(c, 404, errorBody("not_found", `No route for ${c.req.method} ${c.req.path}.`));
}
