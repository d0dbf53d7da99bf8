/**
 * ETags for JSON reads: a 200 answer to GET carries a strong ETag of its
 * body and `Cache-Control: private, no-cache`, so the browser may keep it
 * but asks again with `If-None-Match`; an unchanged answer is then a bodyless
 * 304. (Answers are per profile, so no shared cache may keep them.)
 */
import type { MiddlewareHandler } from "hono";
import { sha256, toBase64Url } from "../../../../lib/crypto/bytes.ts";

function matches(ifNoneMatch: string | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  return (
    ifNoneMatch.trim() === "*" ||
    ifNoneMatch.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === tag)
  );
}

export function revalidatable(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.req.method !== "GET" || c.res.status !== 200) return;
    const body = new Uint8Array(await c.res.clone().arrayBuffer());
    const tag = `"${toBase64Url((await sha256(body)).subarray(0, 16))}"`;
    const headers = new Headers(c.res.headers);
    headers.set("ETag", tag);
    headers.set("Cache-Control", "private, no-cache");
    if (matches(c.req.header("if-none-match"), tag)) {
      headers.delete("Content-Length");
      headers.delete("Content-Type");
      c.res = new Response(null, { status: 304, headers });
    } else {
      c.res = new Response(body, { status: 200, headers });
    }
  };
}
