/**
 * Telling the catalog cache that a title's video changed (it became
 * playable, ready, or went away with a failed or cancelled job).
 */
import { keysOnVideoChange } from "../../../../lib/catalog/cache-keys.ts";
import type { Database } from "../../../../lib/db/database.ts";
import { titleOfEpisode } from "../storage/catalog-targets.ts";

/** Drops what the catalog cache holds about a title whose video changed (lib/catalog/cache-keys.ts). */
export async function forgetCachedTitle(
  kv: KVNamespace,
  db: Database,
  target: { titleId: string | null; episodeId: string | null },
): Promise<void> {
  const titleId =
    target.titleId ?? (target.episodeId ? await titleOfEpisode(db, target.episodeId) : null);
  if (titleId) await Promise.all(keysOnVideoChange(titleId).map((key) => kv.delete(key)));
}
