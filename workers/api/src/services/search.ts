/**
 * searchTitles and suggestTitles for a profile: full-text search ranked by
 * bm25 with the profile's maturity level always applied, and a retry with
 * corrected words when nothing matches (search-query.ts says what that
 * catches). Without words, search browses by its filters alone.
 */
import type { Profile, TitleType } from "../../../../lib/db/schema.ts";
import { maturityRank, type MaturityLevel } from "../../../../lib/maturity.ts";
import {
  filterTitles,
  searchTitles,
  searchVocabulary,
  suggestTitles,
  type SearchFilters,
} from "../storage/search.ts";
import { artworkUrl, presentCard, visibleTo } from "./catalog-reader.ts";
import type { ServiceContext } from "./context.ts";
import { cardArtworkFor } from "./experiments.ts";
import { correctTokens, matchExpression, searchTokens } from "./search-query.ts";
import { profileRank } from "./titles.ts";

const VOCABULARY_KEY = "search:vocabulary";

export interface SearchInput {
  /** Words to match; without them, the filters alone choose (most popular first). */
  q?: string | undefined;
  type?: TitleType | undefined;
  genre?: string | undefined;
  yearFrom?: number | undefined;
  yearTo?: number | undefined;
  maturity?: MaturityLevel | undefined;
  page: number;
  pageSize: number;
}

async function vocabulary(ctx: ServiceContext): Promise<Map<string, number>> {
  // Isolate memory only: it is rebuilt from D1 at most every few seconds and is never needed on a hit.
  const known = ctx.cache.peek<Map<string, number>>(VOCABULARY_KEY);
  if (known) return known;
  const loaded = await searchVocabulary(ctx.db);
  ctx.cache.keep(VOCABULARY_KEY, loaded);
  return loaded;
}

export async function search(ctx: ServiceContext, profile: Profile, input: SearchInput) {
  const ceiling = profileRank(profile);
  const filters: SearchFilters = {
    // A requested maturity can narrow the profile's level, never widen it.
    maturityRank: input.maturity ? Math.min(ceiling, maturityRank(input.maturity)) : ceiling,
    type: input.type,
    genreId: input.genre,
    yearFrom: input.yearFrom,
    yearTo: input.yearTo,
  };
  const page = { limit: input.pageSize, offset: (input.page - 1) * input.pageSize };
  const tokens = input.q === undefined ? [] : searchTokens(input.q);
  let result =
    input.q === undefined
      ? await filterTitles(ctx.db, filters, page)
      : tokens.length
        ? await searchTitles(ctx.db, matchExpression(tokens), filters, page)
        : { ids: [], total: 0 };
  let correctedQuery: string | null = null;
  if (result.total === 0 && tokens.length > 0) {
    const corrected = correctTokens(tokens, await vocabulary(ctx));
    if (corrected) {
      result = await searchTitles(ctx.db, matchExpression(corrected), filters, page);
      if (result.total > 0) correctedQuery = corrected.join(" ");
    }
  }
  const [cards, artwork] = await Promise.all([
    ctx.catalog.cards(result.ids),
    cardArtworkFor(ctx, profile),
  ]);
  const visible = visibleTo(ceiling);
  return {
    query: input.q ?? "",
    correctedQuery,
    total: result.total,
    page: input.page,
    pageSize: input.pageSize,
    results: result.ids
      .map((id) => cards.get(id))
      .filter((card) => card !== undefined && visible(card))
      .map((card) => presentCard(card!, artwork)),
  };
}

export async function suggest(ctx: ServiceContext, profile: Profile, q: string, limit: number) {
  const tokens = searchTokens(q);
  if (tokens.length === 0) return [];
  const rows = await suggestTitles(
    ctx.db,
    matchExpression(tokens, { column: "name" }),
    profileRank(profile),
    limit,
  );
  return rows.map(({ posterKey, ...row }) => ({
    ...row,
    posterUrl: artworkUrl(posterKey),
  }));
}
