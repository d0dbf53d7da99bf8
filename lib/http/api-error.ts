/**
 * The one error type for expected failures. Handlers and services throw it;
 * `errorHandler` turns it into `{ "error": { "code", "message" } }` with its
 * status. `code` is a stable machine-readable string clients may branch on.
 *
 * @example
 * throw new ApiError(404, "not_found", "No such profile.");
 */
export type ErrorStatus =
  400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 416 | 422 | 423 | 429 | 460 | 500 | 503;

export interface ErrorDetail {
  path: string;
  message: string;
}

export interface ApiErrorOptions {
  details?: ErrorDetail[];
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  readonly status: ErrorStatus;
  readonly code: string;
  readonly options: ApiErrorOptions;

  constructor(status: ErrorStatus, code: string, message: string, options: ApiErrorOptions = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.options = options;
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[] };
}

export function errorBody(code: string, message: string, details?: ErrorDetail[]): ErrorBody {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

// Shorthands for the errors every route can produce.
export const unauthenticated = (message = "Sign in to continue.") =>
  new ApiError(401, "unauthenticated", message);
export const forbidden = (message = "You are not allowed to do this.") =>
  new ApiError(403, "forbidden", message);
export const notFound = (what = "resource") => new ApiError(404, "not_found", `No such ${what}.`);
