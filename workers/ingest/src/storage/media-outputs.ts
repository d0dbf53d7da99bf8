/**
 * An asset's files in R2 (lib/media/asset-layout.ts): the outputs
 * transcoders upload, the playlists and manifests the Worker writes, and
 * removing them all when a job fails or is cancelled (the source stays:
 * the master is kept, so the job can be retried).
 */
import {
  assetKey,
  assetPrefix,
  isRewrittenOutput,
  outputContentType,
} from "../../../../lib/media/asset-layout.ts";

function httpMetadata(path: string): R2HTTPMetadata {
  return {
    contentType: outputContentType(path) ?? "application/octet-stream",
    // Segments never change once written; playlists and manifests grow while the title does.
    cacheControl: isRewrittenOutput(path) ? "no-cache" : "public, max-age=31536000, immutable",
  };
}

/** Stores one output file of an asset. */
export async function writeOutput(
  media: R2Bucket,
  assetId: string,
  path: string,
  body: ReadableStream | Uint8Array | string,
): Promise<void> {
  await media.put(assetKey(assetId, path), body, { httpMetadata: httpMetadata(path) });
}

/** Stores text files in order (callers list manifests last, after what they name). */
export async function writeTextOutputs(
  media: R2Bucket,
  assetId: string,
  files: readonly { path: string; text: string }[],
): Promise<void> {
  for (const file of files) await writeOutput(media, assetId, file.path, file.text);
}

/** Whether these outputs exist (publishing names only what is really there). */
export async function outputsExist(
  media: R2Bucket,
  assetId: string,
  paths: readonly string[],
): Promise<boolean> {
  const heads = await Promise.all(paths.map((path) => media.head(assetKey(assetId, path))));
  return heads.every(Boolean);
}

/** Deletes everything under the asset's prefix, a listing page (up to 1,000 keys) at a time. */
export async function removeAssetOutputs(media: R2Bucket, assetId: string): Promise<number> {
  let removed = 0;
  let cursor: string | undefined;
  do {
    const page = await media.list({ prefix: assetPrefix(assetId), cursor, limit: 1000 });
    if (page.objects.length > 0) {
      await media.delete(page.objects.map((object) => object.key));
      removed += page.objects.length;
    }
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return removed;
}
