/**
 * An asset's stream files in R2 (the transcoder's outputs, `media/<assetId>/<path>`):
 * the only place the stream route's requests read R2. Two reads, because
 * the two kinds of file are served differently (services/stream-files.ts):
 * a whole file, for a manifest filtered per viewer or for filling the edge
 * cache, and a file as the client asked for it (its byte range and
 * conditions), for the media playlists that are served straight from R2.
 */
import { assetKey } from "../../../../lib/media/asset-layout.ts";

/** The whole file; null when the asset has no such file (yet). */
export function readStreamFile(
  media: R2Bucket,
  assetId: string,
  path: string,
): Promise<R2ObjectBody | null> {
  return media.get(assetKey(assetId, path));
}

/**
 * The file with the request's Range and conditional headers applied by R2:
 * an object without a body when a condition failed (If-None-Match matched).
 */
export function readStreamFileAsAsked(
  media: R2Bucket,
  assetId: string,
  path: string,
  headers: Headers,
): Promise<R2Object | R2ObjectBody | null> {
  return media.get(assetKey(assetId, path), { range: headers, onlyIf: headers });
}
