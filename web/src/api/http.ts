/**
 * Sends the web app's requests: same-origin JSON, authenticated by the
 * httpOnly cookies the server sets. When the access cookie has run out, it
 * refreshes the session once and retries.
 *
 * Refreshing is single-flight: a refresh token works once, and presenting
 * it twice makes the server sign the whole session out, so every caller
 * that finds its access expired shares the one refresh in flight, and tabs
 * take turns.
 */
import { ApiError, errorFromResponse, networkError } from "./api-error.ts";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface RequestOptions {
  body?: unknown;
  /** False for the auth endpoints, whose 401s mean wrong credentials, not an expired cookie. */
  refresh?: boolean;
  /** Cancels the request (a type-ahead query overtaken by the next keystroke). */
  signal?: AbortSignal | undefined;
}

// The browser drops the access cookie when it expires, so "unauthenticated" means the same.
const EXPIRED_CODES = new Set(["token_expired", "unauthenticated"]);
const SIGNED_OUT_CODES = new Set(["session_revoked"]);

let refreshing: Promise<boolean> | null = null;
/** Bumped by every successful refresh, so a request sent before one retries without another. */
let refreshGeneration = 0;
let signedOutHandler: () => void = () => {};

/** Tells the app what to do when the session has ended under it (go to sign-in). */
export function onSignedOut(handler: () => void): void {
  signedOutHandler = handler;
}

async function send(
  method: Method,
  path: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<Response> {
  try {
    return await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (error) {
    // A cancelled request is the caller's doing, not the network's: let it see the AbortError.
    if (signal?.aborted) throw error;
    throw networkError();
  }
}

/**
 * Runs a refresh while holding a lock shared by every tab of this origin.
 * The refresh cookie is read when a request is sent, so tabs that take
 * turns each present the newest token instead of spending the same one.
 */
function acrossTabs<T>(refresh: () => Promise<T>): Promise<T> {
  return "locks" in navigator
    ? navigator.locks.request("marquee:session-refresh", refresh)
    : refresh();
}

/** True once refreshed, false if the session is over; throws if it could not tell (offline, 429). */
function refreshSession(): Promise<boolean> {
  refreshing ??= acrossTabs(() => send("POST", "/api/auth/refresh", undefined))
    .then(async (response) => {
      if (response.status === 401) return false;
      if (!response.ok) throw await errorFromResponse(response);
      refreshGeneration += 1;
      return true;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

async function renewAccess(error: ApiError, sentInGeneration: number): Promise<boolean> {
  if (SIGNED_OUT_CODES.has(error.code)) return false;
  if (!EXPIRED_CODES.has(error.code)) throw error;
  return sentInGeneration !== refreshGeneration || refreshSession();
}

/** Marks when a request is sent, for `renewAfterUnauthorized` should it come back 401. */
export const accessGeneration = () => refreshGeneration;

/**
 * After a 401 answer to a request sent at `sentInGeneration`: renews the
 * access cookie through the same single-flight refresh as every other
 * request and resolves true when the request may be sent again, or tells
 * the app the session has ended and resolves false. For requests this
 * module does not send itself (an upload's chunks); throws `error` when it
 * is not about an expired cookie.
 */
export async function renewAfterUnauthorized(
  error: ApiError,
  sentInGeneration: number,
): Promise<boolean> {
  const renewed = await renewAccess(error, sentInGeneration);
  if (!renewed) signedOutHandler();
  return renewed;
}

/** Calls the API; resolves with the JSON body (undefined for 204) or throws an ApiError. */
export async function request<T>(
  method: Method,
  path: string,
  { body, refresh = true, signal }: RequestOptions = {},
): Promise<T> {
  const generation = refreshGeneration;
  let response = await send(method, path, body, signal);
  if (refresh && response.status === 401) {
    const error = await errorFromResponse(response);
    if (!(await renewAfterUnauthorized(error, generation))) throw error;
    response = await send(method, path, body, signal);
  }
  if (!response.ok) throw await errorFromResponse(response);
  const result: unknown = response.status === 204 ? undefined : await response.json();
  // The server's schemas are the contract; the operation's type names the shape.
  return result as T;
}
