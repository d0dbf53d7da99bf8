/**
 * Queries that read the catalog for browsing: title cards in bulk, the
 * candidate lists rows are built from, a title's full details, genres and
 * similarity lists. Everything here is cached by the callers
 * (cache/read-through-cache.ts); these run on a miss.
 */
import { and, asc, desc, eq, gte, sql } from "drizzle-orm";
import {
  credits,
  episodes,
  genres,
  people,
  seasons,
  titleGenres,
  titleSimilarities,
  titles,
  views,
} from "../../../../lib/db/schema.ts";
import type { Database } from "../../../../lib/db/database.ts";
import { jsonList } from "./statements.ts";

/** What a row item needs: display fields plus what ranking and filtering read. */
export interface TitleCardRow {
  id: string;
  type: "movie" | "series";
  name: string;
  year: number;
  releasedOn: string;
  rating: (typeof titles.$inferSelect)["rating"];
  maturityRank: number;
  published: boolean;
  runtimeMinutes: number | null;
  posterKey: string | null;
  backdropKey: string | null;
  logoKey: string | null;
  viewCount: number;
  genreIds: string[];
  seasonCount: number;
  /** A movie with a video, or a series with at least one episode that has one. */
  playable: boolean;
}

const cardColumns = {
  id: titles.id,
  type: titles.type,
  name: titles.name,
  year: titles.year,
  releasedOn: titles.releasedOn,
  rating: titles.rating,
  maturityRank: titles.maturityRank,
  published: titles.published,
  runtimeMinutes: titles.runtimeMinutes,
  posterKey: titles.posterKey,
  backdropKey: titles.backdropKey,
  logoKey: titles.logoKey,
  viewCount: titles.viewCount,
  // Correlated subqueries name their tables in full: an unqualified "id" would be the subquery's own.
  genreIds: sql<
    string | null
  >`(select group_concat(tg.genre_id) from title_genres tg where tg.title_id = "titles"."id")`,
  seasonCount: sql<number>`(select count(*) from seasons s where s.title_id = "titles"."id")`,
  playable:
    sql<boolean>`(${titles.videoAssetId} is not null or exists (select 1 from episodes e where e.title_id = "titles"."id" and e.video_asset_id is not null))`.mapWith(
      Boolean,
    ),
};

/** Cards for any number of titles, in one query; unknown ids are skipped. */
export async function cardsByIds(db: Database, ids: readonly string[]): Promise<TitleCardRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select(cardColumns)
    .from(titles)
    .where(sql`${titles.id} in (select value from json_each(${jsonList(ids)}))`);
  return rows.map((row) => ({
    ...row,
    genreIds: row.genreIds ? row.genreIds.split(",").sort() : [],
  }));
}

/** Published titles by views since `since`, most viewed first. */
export async function trendingBlock(db: Database, since: Date, limit = 100) {
  const viewsCount = sql<number>`count(*)`;
  return db
    .select({ titleId: views.titleId, views: viewsCount })
    .from(views)
    .innerJoin(titles, eq(titles.id, views.titleId))
    .where(and(gte(views.viewedAt, since), eq(titles.published, true)))
    .groupBy(views.titleId)
    .orderBy(desc(viewsCount), asc(views.titleId))
    .limit(limit);
}

async function publishedIds(db: Database, order: ReturnType<typeof desc>[], limit: number) {
  const rows = await db
    .select({ id: titles.id })
    .from(titles)
    .where(eq(titles.published, true))
    .orderBy(...order, asc(titles.id))
    .limit(limit);
  return rows.map((row) => row.id);
}

export const popularBlock = (db: Database, limit = 200) =>
  publishedIds(db, [desc(titles.viewCount)], limit);

/** Only the newest: the row ranks among them, so none of them may be old. */
export const newReleasesBlock = (db: Database, limit = 30) =>
  publishedIds(db, [desc(titles.releasedOn)], limit);

export async function genreBlock(db: Database, genreId: string, limit = 100): Promise<string[]> {
  const rows = await db
    .select({ id: titles.id })
    .from(titleGenres)
    .innerJoin(titles, eq(titles.id, titleGenres.titleId))
    .where(and(eq(titleGenres.genreId, genreId), eq(titles.published, true)))
    .orderBy(desc(titles.viewCount), asc(titles.id))
    .limit(limit);
  return rows.map((row) => row.id);
}

/** Published titles per genre and maturity rank, so counts can be shown per profile. */
export function genreCounts(db: Database) {
  return db
    .select({
      id: genres.id,
      name: genres.name,
      maturityRank: titles.maturityRank,
      titleCount: sql<number>`count(*)`,
    })
    .from(genres)
    .innerJoin(titleGenres, eq(titleGenres.genreId, genres.id))
    .innerJoin(titles, eq(titles.id, titleGenres.titleId))
    .where(eq(titles.published, true))
    .groupBy(genres.id, titles.maturityRank)
    .orderBy(asc(genres.name));
}

export function similarBlock(db: Database, titleId: string, limit = 20) {
  return db
    .select({ titleId: titleSimilarities.similarTitleId, score: titleSimilarities.score })
    .from(titleSimilarities)
    .where(eq(titleSimilarities.titleId, titleId))
    .orderBy(asc(titleSimilarities.rank))
    .limit(limit);
}

export interface TitleDetailsRow extends TitleCardRow {
  synopsis: string;
  languages: string[];
  genres: { id: string; name: string }[];
  credits: { name: string; role: "director" | "cast"; character: string | null }[];
  seasons: {
    id: string;
    number: number;
    name: string;
    synopsis: string;
    year: number | null;
    episodes: {
      id: string;
      number: number;
      name: string;
      synopsis: string;
      runtimeMinutes: number;
      playable: boolean;
    }[];
  }[];
}

/** Everything about one title, published or not (callers decide who may see it). */
export async function titleDetails(db: Database, titleId: string): Promise<TitleDetailsRow | null> {
  const [[title], genreRows, creditRows, seasonRows, episodeRows] = await db.batch([
    db
      .select({ ...cardColumns, synopsis: titles.synopsis, languages: titles.languages })
      .from(titles)
      .where(eq(titles.id, titleId)),
    db
      .select({ id: genres.id, name: genres.name })
      .from(titleGenres)
      .innerJoin(genres, eq(genres.id, titleGenres.genreId))
      .where(eq(titleGenres.titleId, titleId))
      .orderBy(asc(genres.name)),
    db
      .select({ name: people.name, role: credits.role, character: credits.character })
      .from(credits)
      .innerJoin(people, eq(people.id, credits.personId))
      .where(eq(credits.titleId, titleId))
      .orderBy(asc(credits.role), asc(credits.position)),
    db.select().from(seasons).where(eq(seasons.titleId, titleId)).orderBy(asc(seasons.number)),
    db.select().from(episodes).where(eq(episodes.titleId, titleId)).orderBy(asc(episodes.number)),
  ]);
  if (!title) return null;
  return {
    ...title,
    genreIds: title.genreIds ? title.genreIds.split(",").sort() : [],
    genres: genreRows,
    credits: creditRows,
    seasons: seasonRows.map((season) => ({
      id: season.id,
      number: season.number,
      name: season.name,
      synopsis: season.synopsis,
      year: season.year,
      episodes: episodeRows
        .filter((episode) => episode.seasonId === season.id)
        .map(({ id, number, name, synopsis, runtimeMinutes, videoAssetId }) => ({
          id,
          number,
          name,
          synopsis,
          runtimeMinutes,
          playable: videoAssetId !== null,
        })),
    })),
  };
}

/** Titles for the admin list, published or not, by name. */
export async function titlesForAdmin(
  db: Database,
  {
    q,
    published,
    limit,
    offset,
  }: { q?: string | undefined; published?: boolean | undefined; limit: number; offset: number },
) {
  const where = and(
    q
      ? sql`${titles.name} like ${`%${q.replaceAll(/[%_\\]/g, (c) => `\\${c}`)}%`} escape '\\'`
      : undefined,
    published === undefined ? undefined : eq(titles.published, published),
  );
  const [rows, [count]] = await db.batch([
    db
      .select({
        id: titles.id,
        slug: titles.slug,
        name: titles.name,
        type: titles.type,
        year: titles.year,
        rating: titles.rating,
        published: titles.published,
        posterKey: titles.posterKey,
        playable: cardColumns.playable,
      })
      .from(titles)
      .where(where)
      .orderBy(asc(titles.name), asc(titles.id))
      .limit(limit)
      .offset(offset),
    db
      .select({ total: sql<number>`count(*)` })
      .from(titles)
      .where(where),
  ]);
  return { rows, total: count?.total ?? 0 };
}
