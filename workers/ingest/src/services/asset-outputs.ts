/**
 * An asset's files in R2 as a whole: removing them when a job fails or is
 * cancelled (the source stays: the master is kept, so the job can be
 * retried), and telling the catalog cache that a title's video changed.
 */
import { eq } from "drizzle-orm";
import { keysOnVideoChange } from "../../../../lib/catalog/cache-keys.ts";
import type { Database } from "../../../../lib/db/database.ts";
import { episodes } from "../../../../lib/db/schema.ts";
import { assetPrefix } from "../../../../lib/media/asset-layout.ts";

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

/** Drops what the catalog cache holds about a title whose video changed (lib/catalog/cache-keys.ts). */
export async function forgetCachedTitle(
  kv: KVNamespace,
  db: Database,
  target: { titleId: string | null; episodeId: string | null },
): Promise<void> {
  let titleId = target.titleId;
  if (!titleId && target.episodeId) {
    const episode = await db.query.episodes.findFirst({
      where: eq(episodes.id, target.episodeId),
      columns: { titleId: true },
    });
    titleId = episode?.titleId ?? null;
  }
  if (titleId) await Promise.all(keysOnVideoChange(titleId).map((key) => kv.delete(key)));
}
