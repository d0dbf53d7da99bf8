/**
 * Serving one of an asset's files to a viewer whose grant the stream route
 * has already checked (routes/stream.ts). Three kinds of file:
 *
 * - the HLS master and the DASH MPD, read whole from R2 and filtered to the
 *   viewer's quality cap: per viewer, never cached;
 * - the other playlists, which grow while a title is still encoding
 *   (`isRewrittenOutput`): straight from R2 with the client's range and
 *   conditions, never cached;
 * - everything else, written once and never changed: from the edge cache
 *   (storage/segment-cache.ts), else from R2, filling the cache after the
 *   response (waitUntil) so the next viewer in this data centre hits.
 *
 * `X-Marquee-Cache` says where the bytes came from: `hit` (the edge cache),
 * `miss` (R2, and the cache is being filled) or `bypass` (R2; a file that is
 * never cached). R2 reads per segment served = misses / (hits + misses).
 *
 * A Range request on a miss reads the whole file from R2 once: one branch
 * fills the cache, the other is cut to the range for this client. Asking R2
 * for just the range would leave the cache empty (it refuses a 206), and
 * filling it with a second whole read would cost R2 two reads; the bytes
 * outside the range are cheap (segments are a few megabytes, and R2 bills
 * operations, not egress). Conditions are likewise decided here on a miss,
 * not by R2, so a 304 still fills the cache.
 *
 * What the client gets is the same from the cache as from R2: the same
 * status (200, 206, 304, 416), body, Content-Range, ETag and headers; only
 * X-Marquee-Cache differs.
 */
import { ApiError, notFound } from "../../../../lib/http/api-error.ts";
import { parseByteRange, type ByteRange } from "../../../../lib/http/byte-range.ts";
import {
  DASH_MANIFEST,
  isRewrittenOutput,
  MASTER_PLAYLIST,
} from "../../../../lib/media/asset-layout.ts";
import { filterDashMpd, filterHlsMaster } from "../../../../lib/playback/manifests.ts";
import { matchStreamFile, putStreamFile, streamFileCacheKey } from "../storage/segment-cache.ts";
import { readStreamFile, readStreamFileAsAsked } from "../storage/stream-files.ts";

export const CACHE_OUTCOME_HEADER = "X-Marquee-Cache";
export type CacheOutcome = "hit" | "miss" | "bypass";

/** What the browser may keep: the URL holds the grant, so only the viewer's own cache, but forever. */
const IMMUTABLE = "private, max-age=31536000, immutable";
const GROWING = "private, no-cache";

export interface StreamFileDeps {
  media: R2Bucket;
  /** Work that must finish but need not delay the response (filling the cache). */
  background(promise: Promise<unknown>): void;
}

export interface StreamFileRequest {
  assetId: string;
  /** A validated output path inside the asset (AssetPathSchema). */
  path: string;
  contentType: string;
  /** The grant's quality cap, for the manifests. */
  maxHeight: number;
  /** The origin the request came in on: the cache key's host. */
  origin: string;
  /** The client's request headers (Range, If-None-Match). */
  headers: Headers;
}

/** The viewer's answer for one stream file; throws 404 when the asset has no such file. */
export function serveStreamFile(
  deps: StreamFileDeps,
  request: StreamFileRequest,
): Promise<Response> {
  if (request.path === MASTER_PLAYLIST || request.path === DASH_MANIFEST) {
    return filteredManifest(deps, request);
  }
  if (isRewrittenOutput(request.path)) return growingFile(deps, request);
  return immutableFile(deps, request);
}

function headersFor(contentType: string, outcome: CacheOutcome): Headers {
  return new Headers({
    "Content-Type": contentType,
    "Accept-Ranges": "bytes",
    // Any site's player may load what it was granted (see corsForStreams).
    "Cross-Origin-Resource-Policy": "cross-origin",
    [CACHE_OUTCOME_HEADER]: outcome,
  });
}

async function filteredManifest(deps: StreamFileDeps, request: StreamFileRequest) {
  const object = await readStreamFile(deps.media, request.assetId, request.path);
  if (!object) throw notFound("stream file");
  const text = await object.text();
  const body =
    request.path === DASH_MANIFEST
      ? filterDashMpd(text, request.maxHeight)
      : filterHlsMaster(text, request.maxHeight);
  const headers = headersFor(request.contentType, "bypass");
  headers.set("Cache-Control", GROWING);
  return new Response(body, { status: 200, headers });
}

async function growingFile(deps: StreamFileDeps, request: StreamFileRequest) {
  const object = await readStreamFileAsAsked(
    deps.media,
    request.assetId,
    request.path,
    request.headers,
  );
  if (!object) throw notFound("stream file");
  const headers = headersFor(request.contentType, "bypass");
  headers.set("ETag", object.httpEtag);
  headers.set("Cache-Control", GROWING);
  if (!("body" in object)) return new Response(null, { status: 304, headers });
  const range = object.range as { offset: number; length: number } | undefined;
  if (request.headers.has("range") && range) {
    headers.set(
      "Content-Range",
      `bytes ${range.offset}-${range.offset + range.length - 1}/${object.size}`,
    );
    headers.set("Content-Length", String(range.length));
    return new Response(object.body, { status: 206, headers });
  }
  headers.set("Content-Length", String(object.size));
  return new Response(object.body, { status: 200, headers });
}

async function immutableFile(deps: StreamFileDeps, request: StreamFileRequest) {
  const key = streamFileCacheKey(request.origin, request.assetId, request.path);
  const rangeHeader = request.headers.get("range");
  const ifNoneMatch = request.headers.get("if-none-match");
  const cached = await matchStreamFile(key, {
    // Only a range the miss path would honour too (one range, well-formed), so a hit and a
    // miss answer alike; anything else gets the whole file either way.
    range: parseByteRange(rangeHeader ?? undefined, Number.MAX_SAFE_INTEGER) ? rangeHeader : null,
    ifNoneMatch,
  });
  if (cached && [200, 206, 304, 416].includes(cached.status)) {
    return fromCache(cached, request.contentType);
  }

  const object = await readStreamFile(deps.media, request.assetId, request.path);
  if (!object) throw notFound("stream file");
  const headers = headersFor(request.contentType, "miss");
  headers.set("ETag", object.httpEtag);
  headers.set("Cache-Control", IMMUTABLE);
  // If-None-Match before Range (RFC 9110 §13.2.2).
  const notModified = etagMatches(ifNoneMatch, object.httpEtag);
  const range = notModified ? null : parseByteRange(rangeHeader ?? undefined, object.size);
  const clientReads = !notModified && range !== "unsatisfiable";
  const [forCache, forClient] = clientReads ? object.body.tee() : [object.body, null];
  deps.background(
    putStreamFile(key, {
      assetId: request.assetId,
      body: forCache,
      size: object.size,
      contentType: request.contentType,
      etag: object.httpEtag,
    }),
  );

  if (notModified) return new Response(null, { status: 304, headers });
  if (range === "unsatisfiable" || !forClient) throw rangeNotSatisfiable(object.size, "miss");
  if (range) {
    const length = range.last - range.first + 1;
    headers.set("Content-Range", `bytes ${range.first}-${range.last}/${object.size}`);
    headers.set("Content-Length", String(length));
    const body = forClient.pipeThrough(bytesOf(range)).pipeThrough(new FixedLengthStream(length));
    return new Response(body, { status: 206, headers });
  }
  headers.set("Content-Length", String(object.size));
  return new Response(forClient.pipeThrough(new FixedLengthStream(object.size)), {
    status: 200,
    headers,
  });
}

/** The cache's answer with the headers an R2 answer has (the cache's own, like its Age, stay behind). */
function fromCache(cached: Response, contentType: string): Response {
  if (cached.status === 416) {
    const size = /\/(\d+)$/.exec(cached.headers.get("Content-Range") ?? "")?.[1] ?? "*";
    throw rangeNotSatisfiable(size, "hit");
  }
  const headers = headersFor(contentType, "hit");
  headers.set("Cache-Control", IMMUTABLE);
  for (const name of ["ETag", "Content-Length", "Content-Range"]) {
    const value = cached.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(cached.status === 304 ? null : cached.body, {
    status: cached.status,
    headers,
  });
}

function rangeNotSatisfiable(size: number | string, outcome: CacheOutcome): ApiError {
  return new ApiError(416, "range_not_satisfiable", "The range starts past the end of the file.", {
    headers: { "Content-Range": `bytes */${size}`, [CACHE_OUTCOME_HEADER]: outcome },
  });
}

/** If-None-Match's weak comparison (RFC 9110 §13.1.2): the same opaque tag, W/ or not. */
function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => opaque(tag) === opaque(etag));
}

/** Passes on only the bytes of `range` from a stream that starts at byte 0. */
function bytesOf({ first, last }: ByteRange): TransformStream<Uint8Array, Uint8Array> {
  let offset = 0;
  return new TransformStream({
    transform(chunk, controller) {
      const start = Math.max(first - offset, 0);
      const end = Math.min(last + 1 - offset, chunk.byteLength);
      if (start < end) controller.enqueue(chunk.subarray(start, end));
      offset += chunk.byteLength;
    },
  });
}
