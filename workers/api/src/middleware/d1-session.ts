/**
 * One D1 session per request (the D1 Sessions API), so that with read
 * replication enabled a request's reads are served by a replica near the
 * caller, yet a caller never reads data older than what it has already
 * seen or written: an admin who edits a title and reloads sees the edit,
 * even from a replica that has not caught up with the primary yet.
 *
 * - The caller's last bookmark (the `x-d1-bookmark` header from API
 *   clients, else the `__Host-mq_d1` cookie the browser got with its last
 *   response) anchors the session: D1 answers from an instance at least
 *   that new.
 * - Writes (any method but GET and HEAD) start on the primary
 *   (`first-primary`), so what a write reads to check its preconditions is
 *   the latest; a caller with no bookmark reads from anywhere
 *   (`first-unconstrained`).
 * - The response carries the session's bookmark after its queries, in the
 *   header and the cookie, for the caller's next request.
 *
 * A malformed bookmark header is the client's error (400); a malformed
 * cookie, which the browser's code cannot see or clear, is ignored and
 * replaced. Locally there are no replicas, so every instance is the
 * primary; tests can see the bookmarks advance, not a replica lag.
 */
import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { database } from "../../../../lib/db/database.ts";
import { ApiError } from "../../../../lib/http/api-error.ts";
import type { AppEnv } from "../app-env.ts";

export const BOOKMARK_HEADER = "x-d1-bookmark";
const BOOKMARK_COOKIE = "mq_d1";
/** A bookmark as D1 writes them: four hex fields, the commit position first (lexically ordered). */
const BookmarkSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/);
/** The cookie only has to outlive a reload or a hop between pages; replicas catch up in seconds. */
const COOKIE_MAX_AGE_SECONDS = 60 * 60;

function startingPoint(header: string | undefined, cookie: string | undefined, method: string) {
  const sent = header === undefined ? undefined : BookmarkSchema.safeParse(header);
  if (sent && !sent.success) {
    throw new ApiError(400, "invalid_bookmark", `${BOOKMARK_HEADER} is not a D1 bookmark.`);
  }
  // The primary is newer than any bookmark, and a write's own checks must see every other write.
  if (method !== "GET" && method !== "HEAD") return "first-primary";
  return sent?.data ?? BookmarkSchema.safeParse(cookie).data ?? "first-unconstrained";
}

export function d1Session(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const session = c.env.DB.withSession(
      startingPoint(
        c.req.header(BOOKMARK_HEADER),
        getCookie(c, BOOKMARK_COOKIE, "host"),
        c.req.method,
      ),
    );
    c.set("db", database(session));
    await next();
    const bookmark = session.getBookmark();
    if (bookmark === null) return;
    c.header(BOOKMARK_HEADER, bookmark);
    setCookie(c, BOOKMARK_COOKIE, bookmark, {
      prefix: "host",
      path: "/",
      secure: true,
      httpOnly: true,
      sameSite: "Strict",
      maxAge: COOKIE_MAX_AGE_SECONDS,
    });
  };
}
