/**
 * The one error type the API client throws: the server's error body
 * (`{ error: { code, message, details } }`) plus the HTTP status and, on
 * 429, how long to wait. `message` is written for people; branch on `code`.
 */
import type { ErrorBody, ErrorDetail } from "./types.ts";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  /** Seconds from the Retry-After header, when the server sent one. */
  readonly retryAfter: number | null;

  constructor(
    status: number,
    code: string,
    message: string,
    details: ErrorDetail[] = [],
    retryAfter: number | null = null,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }

  /** The message the server gave for one field (a `details` path), if any. */
  fieldMessage(path: string): string | undefined {
    return this.details.find((detail) => detail.path === path)?.message;
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error: unknown = value.error;
  return (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    typeof error.code === "string" &&
    "message" in error &&
    typeof error.message === "string"
  );
}

function retryAfterSeconds(response: Response): number | null {
  const header = response.headers.get("retry-after");
  const seconds = header === null ? NaN : Number(header);
  return Number.isFinite(seconds) ? seconds : null;
}

/** Reads a failed response into an ApiError, whatever its body holds. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body)) {
    const { code, message, details } = body.error;
    return new ApiError(response.status, code, message, details, retryAfterSeconds(response));
  }
  // Not our API speaking (a proxy or platform error page): say so plainly.
  return new ApiError(
    response.status,
    "unexpected_response",
    "Something went wrong on our side. Please try again.",
  );
}

export const networkError = () =>
  new ApiError(0, "network", "Can't reach Marquee. Check your connection and try again.");

/** Anything a failed action threw, as an ApiError to show. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, "unexpected", "Something went wrong. Please try again.");
}
