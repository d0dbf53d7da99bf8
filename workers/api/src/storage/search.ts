/** Full-text queries on the title_search index (migrations/0002_search-index.sql). */
import type { TitleType } from "../../../../lib/db/schema.ts";
import type { Database } from "../../../../lib/db/database.ts";

export interface SearchFilters {
  maturityRank: number;
  type?: TitleType | undefined;
  genreId?: string | undefined;
  yearFrom?: number | undefined;
  yearTo?: number | undefined;
}

/*
 * Column weights for bm25, in the index's column order (title_id is not
 * indexed): a hit in the name counts most, then people, genres, synopsis.
 * Ties go to the more popular title, then the id.
 */
const RANK = "bm25(title_search, 0.0, 10.0, 1.0, 3.0, 4.0)";

function filterClause(filters: SearchFilters): { sql: string; params: unknown[] } {
  const clauses = ["t.published = 1", "t.maturity_rank <= ?"];
  const params: unknown[] = [filters.maturityRank];
  if (filters.type) {
    clauses.push("t.type = ?");
    params.push(filters.type);
  }
  if (filters.yearFrom !== undefined) {
    clauses.push("t.year >= ?");
    params.push(filters.yearFrom);
  }
  if (filters.yearTo !== undefined) {
    clauses.push("t.year <= ?");
    params.push(filters.yearTo);
  }
  if (filters.genreId) {
    clauses.push(
      "exists (select 1 from title_genres tg where tg.title_id = t.id and tg.genre_id = ?)",
    );
    params.push(filters.genreId);
  }
  return { sql: clauses.join(" and "), params };
}

/** Matching title ids, best first, one page of them, and how many match in all. */
export async function searchTitles(
  db: Database,
  match: string,
  filters: SearchFilters,
  { limit, offset }: { limit: number; offset: number },
): Promise<{ ids: string[]; total: number }> {
  const where = filterClause(filters);
  const from = `from title_search s join titles t on t.id = s.title_id where title_search match ? and ${where.sql}`;
  const [page, count] = await db.$client.batch<{ id?: string; total?: number }>([
    db.$client
      .prepare(
        `select t.id as id ${from} order by ${RANK}, t.view_count desc, t.id limit ? offset ?`,
      )
      .bind(match, ...where.params, limit, offset),
    db.$client.prepare(`select count(*) as total ${from}`).bind(match, ...where.params),
  ]);
  return {
    ids: (page?.results ?? []).map((row) => row.id!),
    total: count?.results[0]?.total ?? 0,
  };
}

/** Titles matching the filters alone (no words to match), most popular first. */
export async function filterTitles(
  db: Database,
  filters: SearchFilters,
  { limit, offset }: { limit: number; offset: number },
): Promise<{ ids: string[]; total: number }> {
  const where = filterClause(filters);
  const [page, count] = await db.$client.batch<{ id?: string; total?: number }>([
    db.$client
      .prepare(
        `select t.id as id from titles t where ${where.sql} order by t.view_count desc, t.id limit ? offset ?`,
      )
      .bind(...where.params, limit, offset),
    db.$client
      .prepare(`select count(*) as total from titles t where ${where.sql}`)
      .bind(...where.params),
  ]);
  return { ids: (page?.results ?? []).map((row) => row.id!), total: count?.results[0]?.total ?? 0 };
}

/** Type-ahead: titles whose name matches, visible at `maturityRank`, best first. */
export async function suggestTitles(
  db: Database,
  match: string,
  maturityRank: number,
  limit: number,
) {
  const { results } = await db.$client
    .prepare(
      `select t.id, t.name, t.year, t.type, t.poster_key as posterKey
       from title_search s join titles t on t.id = s.title_id
       where title_search match ? and t.published = 1 and t.maturity_rank <= ?
       order by ${RANK}, t.view_count desc, t.id limit ?`,
    )
    .bind(match, maturityRank, limit)
    .all<{ id: string; name: string; year: number; type: TitleType; posterKey: string | null }>();
  return results;
}

/** Every indexed word and in how many titles it occurs (typo correction picks from these). */
export async function searchVocabulary(db: Database): Promise<Map<string, number>> {
  const { results } = await db.$client
    .prepare("select term, doc from title_search_terms")
    .all<{ term: string; doc: number }>();
  return new Map(results.map((row) => [row.term, row.doc]));
}
