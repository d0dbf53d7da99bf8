/**
 * Builds a home page: which rows, in what order, with which titles.
 *
 * Row order: Continue Watching, Trending Now, My List, up to two "Because
 * you watched X", up to two rows of the profile's top genres, New Releases,
 * then a row per remaining genre (the profile's favourites first, then the
 * biggest). Continue Watching and My List keep their own order (most recent
 * first); every other row is ordered by the ranking score
 * (lib/recommendations/ranking.ts); in the genre rows at the end, titles
 * not yet shown higher up come first. Rows hold at most 20 titles; genre
 * rows need at least 4 to appear. Only titles the profile may see are shown.
 *
 * The generic home (no personal signals) comes from the same builder, so a
 * profile without history and the degraded home look alike.
 */
import {
  rankCandidates,
  tasteOf,
  type RankingCandidate,
  type Taste,
} from "../../../../../lib/recommendations/ranking.ts";
import type { RowKind } from "../../../../../lib/catalog/home-rows.ts";
import type { TitleCardRow } from "../../storage/catalog-reads.ts";
import type { ProfileSignals } from "../../storage/profile-activity.ts";
import { presentCard, visibleTo, type CatalogReader, type TitleCard } from "../catalog-reader.ts";

const ROW_SIZE = 20;
const MIN_GENRE_ROW = 4;
const MAX_ROWS = 16;
/** Titles whose similar lists shape the taste (the most recent ones). */
const TASTE_SEEDS = 12;

export interface HomeRow {
  id: string;
  kind: RowKind;
  title: string;
  titleIds: string[];
}

/** Rows refer to titles by id; each card is sent once, however many rows show it. */
export interface Home {
  profileId: string;
  degraded: boolean;
  heroId: string | null;
  rows: HomeRow[];
  titles: Record<string, TitleCard>;
}

export const NO_SIGNALS: ProfileSignals = {
  recentViews: [],
  ratings: new Map(),
  myList: [],
  inProgress: [],
};

interface Candidate extends RankingCandidate {
  card: TitleCardRow;
}

export async function buildHome(
  catalog: CatalogReader,
  {
    profileId,
    maturityRank,
    signals,
    now = Date.now(),
  }: {
    profileId: string;
    maturityRank: number;
    signals: ProfileSignals;
    now?: number;
  },
): Promise<Home> {
  const engaged = new Set([...signals.recentViews, ...signals.myList]);
  const liked = signals.recentViews.filter((id) => (signals.ratings.get(id) ?? 1) > 0);
  const tasteSeeds = [...new Set([...liked, ...signals.myList, ...signals.ratings.keys()])].slice(
    0,
    TASTE_SEEDS,
  );

  const [trending, popular, newReleases, genres, similarLists] = await Promise.all([
    catalog.trending(now),
    catalog.popular(),
    catalog.newReleases(),
    catalog.genres(maturityRank),
    Promise.all(tasteSeeds.map(async (id) => [id, await catalog.similar(id)] as const)),
  ]);
  const similarTo = new Map(similarLists);
  const genreBlocks = new Map(
    await Promise.all(genres.map(async (g) => [g.id, await catalog.genre(g.id)] as const)),
  );

  const cards = await catalog.cards([
    ...trending.map((t) => t.titleId),
    ...popular,
    ...newReleases,
    ...[...genreBlocks.values()].flat(),
    ...[...similarTo.values()].flat().map((s) => s.titleId),
    ...engaged,
    ...signals.inProgress,
    ...signals.ratings.keys(),
  ]);
  const visible = visibleTo(maturityRank);
  const recentViews = new Map(trending.map((t) => [t.titleId, t.views]));
  const candidate = (id: string): Candidate | null => {
    const card = cards.get(id);
    if (!card || !visible(card)) return null;
    return {
      id,
      card,
      genreIds: card.genreIds,
      recentViews: recentViews.get(id) ?? 0,
      allTimeViews: card.viewCount,
      releasedOn: card.releasedOn,
    };
  };
  const candidates = (ids: Iterable<string>) =>
    [...new Set(ids)].map(candidate).filter((c): c is Candidate => c !== null);

  const taste: Taste = tasteOf(
    { engaged, ratings: signals.ratings },
    (id) => cards.get(id)?.genreIds ?? [],
    (id) => similarTo.get(id) ?? [],
  );
  const context = {
    now,
    maxRecentViews: Math.max(0, ...recentViews.values()),
    maxAllTimeViews: Math.max(0, ...[...cards.values()].map((card) => card.viewCount)),
  };
  const ranked = (list: Candidate[], exclude: ReadonlySet<string> = new Set()) =>
    rankCandidates(
      list.filter((c) => !exclude.has(c.id)),
      taste,
      context,
    ).slice(0, ROW_SIZE);
  const titles: Record<string, TitleCard> = {};
  const row = (id: string, kind: RowKind, title: string, items: Candidate[]): HomeRow => {
    // Posters as built; a profile's artwork variant is applied when the page is served (arrange-home.ts).
    for (const item of items) titles[item.id] ??= presentCard(item.card, "poster");
    return { id, kind, title, titleIds: items.map((item) => item.id) };
  };

  const rows: HomeRow[] = [];
  const inProgress = candidates(signals.inProgress);
  if (inProgress.length > 0)
    rows.push(row("continue_watching", "continue_watching", "Continue Watching", inProgress));

  // Few recent views (a quiet week, a new catalog): popular titles top the row up.
  const trendingItems = ranked(
    candidates([...trending.map((t) => t.titleId), ...popular]).slice(0, 2 * ROW_SIZE),
  );
  rows.push(row("trending", "trending", "Trending Now", trendingItems));

  const myList = candidates(signals.myList);
  if (myList.length > 0) rows.push(row("my_list", "my_list", "My List", myList));

  const watched = new Set(signals.recentViews);
  for (const seed of liked.slice(0, 2)) {
    const source = candidate(seed);
    const items = ranked(candidates((similarTo.get(seed) ?? []).map((s) => s.titleId)), watched);
    if (source && items.length > 0) {
      rows.push(
        row(
          `because_you_watched:${seed}`,
          "because_you_watched",
          `Because you watched ${source.card.name}`,
          items,
        ),
      );
    }
  }

  const genreName = new Map(genres.map((g) => [g.id, g.name]));
  const byAffinity = [...taste.genreAffinity].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const topGenres = byAffinity
    .slice(0, 2)
    .map(([id]) => id)
    .filter((id) => genreName.has(id));
  for (const genre of topGenres) {
    const items = ranked(candidates(genreBlocks.get(genre) ?? []), watched);
    if (items.length >= MIN_GENRE_ROW)
      rows.push(
        row(`top_genre:${genre}`, "top_genre", `More ${genreName.get(genre)} for you`, items),
      );
  }

  rows.push(row("new_releases", "new_releases", "New Releases", ranked(candidates(newReleases))));

  const affinityOrder = new Map(byAffinity.map(([id], index) => [id, index]));
  const otherGenres = genres
    .filter((g) => !topGenres.includes(g.id))
    .sort(
      (a, b) =>
        (affinityOrder.get(a.id) ?? Infinity) - (affinityOrder.get(b.id) ?? Infinity) ||
        b.titleCount - a.titleCount ||
        (a.id < b.id ? -1 : 1),
    );
  // Genre rows come last; titles the page hasn't shown yet go first in them.
  const shown = new Set(rows.flatMap((r) => r.titleIds));
  for (const genre of otherGenres) {
    if (rows.length >= MAX_ROWS) break;
    const genreRanked = rankCandidates(candidates(genreBlocks.get(genre.id) ?? []), taste, context);
    const items = [
      ...genreRanked.filter((c) => !shown.has(c.id)),
      ...genreRanked.filter((c) => shown.has(c.id)),
    ].slice(0, ROW_SIZE);
    if (items.length >= MIN_GENRE_ROW)
      rows.push(row(`genre:${genre.id}`, "genre", genre.name, items));
  }

  const nonEmpty = rows.filter((r) => r.titleIds.length > 0);
  const forYou =
    nonEmpty.find((r) => r.kind === "because_you_watched" || r.kind === "top_genre") ??
    nonEmpty.find((r) => r.kind === "trending");
  const heroId = forYou?.titleIds.find((id) => titles[id]!.backdropUrl) ?? null;
  return { profileId, degraded: false, heroId, rows: nonEmpty, titles };
}
