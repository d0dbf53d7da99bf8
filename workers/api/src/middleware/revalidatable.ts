/**
 * ETags for JSON reads: a 200 answer to GET carries a strong ETag of its
 * body and `Cache-Control: private, no-cache`, so the browser may keep it
 * but asks again with `If-None-Match`; an unchanged answer is then a bodyless
 * 304. (Answers are per profile, so no shared cache may keep them.) A
 * handler that already knows its body's ETag (it reuses a body it built
 * before) sets it, and the body is not hashed again.
 */
import type { MiddlewareHandler } from "hono";
import { sha256, toBase64Url } from "../../../../lib/crypto/bytes.ts";

/** A strong ETag for a body: the first 128 bits of its SHA-256. */
export async function etagOf(body: Uint8Array<ArrayBuffer>): Promise<string> {
  return `"${toBase64Url((await sha256(body)).subarray(0, 16))}"`;
}

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
    const body = new Uint8Array(await c.res.arrayBuffer());
    const tag = c.res.headers.get("etag") ?? (await etagOf(body));
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
