/**
 * The cookies that carry a web client's tokens. Both are httpOnly (scripts
 * can't read them), Secure and SameSite=Strict. The access token is sent
 * everywhere (`__Host-`: this origin only, path /); the refresh token only
 * to /api/auth, where it is exchanged or revoked.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

const ACCESS = "mq_access";
const REFRESH = "mq_refresh";
const REFRESH_PATH = "/api/auth";

/** Cookie names as they appear on the wire, prefixes included. */
export const AUTH_COOKIE_NAMES = [`__Host-${ACCESS}`, `__Secure-${REFRESH}`];

export function setAccessCookie(c: Context, token: string, maxAgeSeconds: number): void {
  setCookie(c, ACCESS, token, {
    prefix: "host",
    path: "/",
    httpOnly: true,
    secure: true,
    sameSite: "Strict",
    maxAge: maxAgeSeconds,
  });
}

export function setRefreshCookie(c: Context, token: string, maxAgeSeconds: number): void {
  setCookie(c, REFRESH, token, {
    prefix: "secure",
    path: REFRESH_PATH,
    httpOnly: true,
    secure: true,
    sameSite: "Strict",
    maxAge: maxAgeSeconds,
  });
}

export function clearAuthCookies(c: Context): void {
  deleteCookie(c, ACCESS, { prefix: "host", path: "/", secure: true });
  deleteCookie(c, REFRESH, { prefix: "secure", path: REFRESH_PATH, secure: true });
}

export function accessCookie(c: Context): string | undefined {
  return getCookie(c, ACCESS, "host");
}

export function refreshCookie(c: Context): string | undefined {
  return getCookie(c, REFRESH, "secure");
}
