/**
 * The edge cache of an asset's immutable stream files (media and init
 * segments, subtitles, sprites, the poster): the Workers Cache API, so that
 * the viewers of one title in one data centre cost R2 one read per file,
 * not one each.
 *
 * The key names the asset and the file and nothing else — never the grant,
 * never the query string (CMCD) — so every viewer's request for a file
 * finds the same entry. Serving from it is only safe because the stream
 * route checks the grant (signature, expiry, asset, quality cap, session
 * still on) before it asks here; nothing about the viewer is in the cached
 * copy.
 *
 * It never needs purging: each file is written once per path
 * (lib/media/asset-layout.ts) and asset ids are never reused, so an entry
 * can never go stale. A deleted or withdrawn asset gets no new grants, and
 * the grant check comes first, so its entries are unreachable once the
 * grants already out have expired (PLAYBACK_GRANT_TTL_SECONDS) and are left
 * for the cache to evict. Each entry carries `Cache-Tag: asset-<id>`, so an
 * operator can still purge one asset everywhere (a takedown) with the zone
 * purge API; `cache.delete` would only reach one data centre.
 *
 * How the platform behaves (developers.cloudflare.com/workers/runtime-apis/cache/):
 * - the cache is per data centre: not replicated, and `put` is not tiered,
 *   so each data centre fills from R2 once per file;
 * - it is documented to work for a Worker on a custom domain (or a route on
 *   a zone), which production must use; dashboard and Playground previews
 *   do nothing, and a Worker behind Cloudflare Access has no Cache API. (Older
 *   docs also said `*.workers.dev` did nothing; that line was removed in 2025
 *   as fixed, cloudflare-docs#20411.) Where the cache does nothing, every
 *   request is a miss and reads R2 once, as before this cache existed;
 * - `match` answers a Range request on a cached 200 that has a
 *   Content-Length with a 206, and an If-None-Match that matches the cached
 *   ETag with a 304, so the entry stores both;
 * - `put` throws on a 206, on `Vary: *` and on anything but GET, and does
 *   not store a response with Set-Cookie or whose Cache-Control forbids it
 *   (`private`, `no-store`): the entry is built here with only the headers
 *   the cache needs, never the response a viewer got (which is `private`).
 *
 * Locally (wrangler dev, the vitest pool) Miniflare implements the Cache
 * API for real, in a Durable Object: the same refusals and the same Range,
 * If-None-Match and Cache-Control handling, so the tests exercise them. (It
 * adds CF-Cache-Status and Age to a match; the service passes on neither.)
 */
import { assetKey } from "../../../../lib/media/asset-layout.ts";

/** A named cache of its own, so nothing else the zone caches can collide with these keys. */
const CACHE_NAME = "marquee:stream-files";
const ONE_YEAR_SECONDS = 31_536_000;

/**
 * The cache key of one of an asset's files: the host the Worker answers on
 * (Cloudflare advises keeping the Worker's own hostname) and the file's R2
 * key, and nothing else.
 *
 * @example
 * streamFileCacheKey("https://marquee.example.com", "3f…", "video/240p/seg-00001.m4s");
 * // "https://marquee.example.com/media/3f…/video/240p/seg-00001.m4s"
 */
export function streamFileCacheKey(origin: string, assetId: string, path: string): string {
  return new URL(assetKey(assetId, path), origin).href;
}

export interface CacheConditions {
  /** One byte range, which the cache cuts from the stored file (206). */
  range: string | null;
  /** Answered with a 304 when it names the stored ETag. */
  ifNoneMatch: string | null;
}

/** The cached file (200, 206, 304 or 416), or undefined on a miss. */
export async function matchStreamFile(
  key: string,
  conditions: CacheConditions,
): Promise<Response | undefined> {
  const headers = new Headers();
  if (conditions.range) headers.set("Range", conditions.range);
  if (conditions.ifNoneMatch) headers.set("If-None-Match", conditions.ifNoneMatch);
  return (await caches.open(CACHE_NAME)).match(new Request(key, { headers }));
}

export interface CacheableFile {
  assetId: string;
  /** The whole file, exactly `size` bytes. */
  body: ReadableStream<Uint8Array>;
  size: number;
  contentType: string;
  etag: string;
}

/** Stores the whole file under `key`; resolves once the cache has taken it. */
export async function putStreamFile(key: string, file: CacheableFile): Promise<void> {
  // A known length, so the entry has the Content-Length that ranged matches need.
  const body = file.body.pipeThrough(new FixedLengthStream(file.size));
  const entry = new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      ETag: file.etag,
      "Cache-Control": `max-age=${ONE_YEAR_SECONDS}, immutable`,
      "Cache-Tag": `asset-${file.assetId}`,
    },
  });
  await (await caches.open(CACHE_NAME)).put(key, entry);
}
