/**
 * Cached reads of the catalog for browsing. Candidate lists ("blocks") and
 * title details go through the read-through cache (memory → KV → D1); title
 * cards are hydrated from isolate memory, with every miss of one request
 * loaded in a single D1 query.
 *
 * Nothing here knows who is asking: callers filter with `visibleTo`, so a
 * cached list never depends on a profile.
 */
import { cacheKeys } from "../../../../lib/catalog/cache-keys.ts";
import type { CardArtwork } from "../../../../lib/experiments/definition.ts";
import { MATURITY_LEVELS } from "../../../../lib/maturity.ts";
import type { ReadThroughCache } from "../cache/read-through-cache.ts";
import type { Database } from "../../../../lib/db/database.ts";
import {
  cardsByIds,
  genreBlock,
  genreCounts,
  newReleasesBlock,
  popularBlock,
  similarBlock,
  titleDetails,
  trendingBlock,
  type TitleCardRow,
  type TitleDetailsRow,
} from "../storage/catalog-reads.ts";

export const TRENDING_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** Whether a profile at `maturityRank` may see a title at all. */
export function visibleTo(maturityRank: number) {
  return (title: { published: boolean; maturityRank: number }) =>
    title.published && title.maturityRank <= maturityRank;
}

/** Where the api Worker serves an artwork object (routes/artwork.ts). */
export const artworkUrl = (key: string | null) => (key ? `/api/${key}` : null);

/**
 * The picture a card shows: the poster, or the backdrop for a profile in an
 * artwork experiment's variant (the poster still, for a title without one).
 */
export function cardImage(
  urls: { posterUrl: string | null; backdropUrl: string | null },
  artwork: CardArtwork,
): { kind: CardArtwork; url: string } | null {
  if (artwork === "backdrop" && urls.backdropUrl)
    return { kind: "backdrop", url: urls.backdropUrl };
  return urls.posterUrl ? { kind: "poster", url: urls.posterUrl } : null;
}

/** A card as the API shows it, with the artwork the profile's product config chooses. */
export function presentCard(card: TitleCardRow, artwork: CardArtwork) {
  const urls = { posterUrl: artworkUrl(card.posterKey), backdropUrl: artworkUrl(card.backdropKey) };
  return {
    id: card.id,
    type: card.type,
    name: card.name,
    year: card.year,
    rating: card.rating,
    maturityLevel: MATURITY_LEVELS[card.maturityRank]!,
    genres: card.genreIds,
    runtimeMinutes: card.runtimeMinutes,
    seasonCount: card.seasonCount,
    ...urls,
    logoUrl: artworkUrl(card.logoKey),
    cardImage: cardImage(urls, artwork),
    playable: card.playable,
  };
}

export type TitleCard = ReturnType<typeof presentCard>;

export class CatalogReader {
  readonly #db: Database;
  readonly #cache: ReadThroughCache;

  constructor(db: Database, cache: ReadThroughCache) {
    this.#db = db;
    this.#cache = cache;
  }

  /** Cards for the ids that exist, keyed by id. */
  async cards(ids: Iterable<string>): Promise<Map<string, TitleCardRow>> {
    const found = new Map<string, TitleCardRow>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const card = this.#cache.peek<TitleCardRow>(cacheKeys.card(id));
      if (card) found.set(id, card);
      else missing.push(id);
    }
    for (const card of await cardsByIds(this.#db, missing)) {
      this.#cache.keep(cacheKeys.card(card.id), card);
      found.set(card.id, card);
    }
    return found;
  }

  trending(now = Date.now()) {
    return this.#cache.get(cacheKeys.trending(), () =>
      trendingBlock(this.#db, new Date(now - TRENDING_WINDOW_MS)),
    );
  }

  popular() {
    return this.#cache.get(cacheKeys.popular(), () => popularBlock(this.#db));
  }

  newReleases() {
    return this.#cache.get(cacheKeys.newReleases(), () => newReleasesBlock(this.#db));
  }

  genre(genreId: string) {
    return this.#cache.get(cacheKeys.genre(genreId), () => genreBlock(this.#db, genreId));
  }

  /** Genres with how many titles a profile at `maturityRank` can see; empty ones are left out. */
  async genres(maturityRank: number) {
    const counts = await this.#cache.get(cacheKeys.genres(), () => genreCounts(this.#db));
    const visible = new Map<string, { id: string; name: string; titleCount: number }>();
    for (const row of counts) {
      if (row.maturityRank > maturityRank) continue;
      const genre = visible.get(row.id) ?? { id: row.id, name: row.name, titleCount: 0 };
      genre.titleCount += row.titleCount;
      visible.set(row.id, genre);
    }
    return [...visible.values()];
  }

  similar(titleId: string) {
    return this.#cache.get(cacheKeys.similar(titleId), () => similarBlock(this.#db, titleId));
  }

  details(titleId: string): Promise<TitleDetailsRow | null> {
    return this.#cache.get(cacheKeys.title(titleId), () => titleDetails(this.#db, titleId));
  }
}
