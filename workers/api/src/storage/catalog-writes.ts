/**
 * Statements that change the catalog. Each function returns the statements
 * of one change; the admin service adds the audit entry and runs them as one
 * D1 batch, so a change, its search-index row and its audit record commit
 * together or not at all.
 */
import { eq, inArray } from "drizzle-orm";
import { REINDEX_TITLE_SQL } from "../../../../lib/catalog/search-index.ts";
import {
  episodes,
  genres,
  seasons,
  titleGenres,
  titles,
  type CreditRole,
  type Episode,
  type Season,
} from "../../../../lib/db/schema.ts";
import type { Database } from "../../../../lib/db/database.ts";
import { jsonList, rawStatement, toStatement } from "./statements.ts";

export type TitleFields = Omit<
  typeof titles.$inferInsert,
  "createdAt" | "updatedAt" | "viewCount" | "myListCount"
>;

export interface Credit {
  name: string;
  role: CreditRole;
  character?: string | undefined;
}

/** The genre ids among `ids` that exist. */
export async function existingGenres(db: Database, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: genres.id })
    .from(genres)
    .where(inArray(genres.id, [...ids]));
  return new Set(rows.map((row) => row.id));
}

export function reindexTitle(db: Database, titleId: string): D1PreparedStatement[] {
  return REINDEX_TITLE_SQL.map((statement) => rawStatement(db, statement, titleId));
}

export function insertTitle(db: Database, fields: TitleFields): D1PreparedStatement {
  return toStatement(db, db.insert(titles).values(fields));
}

export function updateTitleFields(
  db: Database,
  titleId: string,
  fields: Partial<Omit<TitleFields, "id">>,
): D1PreparedStatement {
  return toStatement(db, db.update(titles).set(fields).where(eq(titles.id, titleId)));
}

export function replaceGenres(
  db: Database,
  titleId: string,
  genreIds: readonly string[],
): D1PreparedStatement[] {
  return [
    toStatement(db, db.delete(titleGenres).where(eq(titleGenres.titleId, titleId))),
    rawStatement(
      db,
      "insert into title_genres (title_id, genre_id) select ?1, value from json_each(?2)",
      titleId,
      jsonList(genreIds),
    ),
  ];
}

/** Replaces a title's credits, adding people by name where they are new. */
export function replaceCredits(
  db: Database,
  titleId: string,
  credits: readonly Credit[],
): D1PreparedStatement[] {
  // Each credit carries an id for its person in case the name is new; a known name keeps its id.
  const list = JSON.stringify(
    credits.map(({ name, role, character }) => ({
      name,
      role,
      character: character ?? null,
      id: crypto.randomUUID(),
    })),
  );
  return [
    rawStatement(db, "delete from credits where title_id = ?1", titleId),
    rawStatement(
      db,
      `insert into people (id, name)
       select json_extract(value, '$.id'), json_extract(value, '$.name') from json_each(?1) where true
       on conflict (name) do nothing`,
      list,
    ),
    rawStatement(
      db,
      `insert into credits (title_id, person_id, role, character, position)
       select ?1, (select id from people where name = json_extract(value, '$.name')),
              json_extract(value, '$.role'), json_extract(value, '$.character'), key
       from json_each(?2) where true
       on conflict (title_id, person_id, role) do nothing`,
      titleId,
      list,
    ),
  ];
}

export function deleteTitleStatements(db: Database, titleId: string): D1PreparedStatement[] {
  return [
    rawStatement(db, "delete from title_search where title_id = ?1", titleId),
    toStatement(db, db.delete(titles).where(eq(titles.id, titleId))),
  ];
}

export function findSeason(db: Database, seasonId: string): Promise<Season | undefined> {
  return db.query.seasons.findFirst({ where: eq(seasons.id, seasonId) });
}

export function findEpisode(db: Database, episodeId: string): Promise<Episode | undefined> {
  return db.query.episodes.findFirst({ where: eq(episodes.id, episodeId) });
}

export function insertSeason(
  db: Database,
  season: typeof seasons.$inferInsert,
): D1PreparedStatement {
  return toStatement(db, db.insert(seasons).values(season));
}

export function updateSeasonFields(
  db: Database,
  seasonId: string,
  fields: Partial<Pick<Season, "number" | "name" | "synopsis" | "year">>,
): D1PreparedStatement {
  return toStatement(db, db.update(seasons).set(fields).where(eq(seasons.id, seasonId)));
}

export function deleteSeasonStatement(db: Database, seasonId: string): D1PreparedStatement {
  return toStatement(db, db.delete(seasons).where(eq(seasons.id, seasonId)));
}

export function insertEpisode(
  db: Database,
  episode: typeof episodes.$inferInsert,
): D1PreparedStatement {
  return toStatement(db, db.insert(episodes).values(episode));
}

export function updateEpisodeFields(
  db: Database,
  episodeId: string,
  fields: Partial<
    Pick<Episode, "number" | "name" | "synopsis" | "runtimeMinutes" | "videoAssetId">
  >,
): D1PreparedStatement {
  return toStatement(db, db.update(episodes).set(fields).where(eq(episodes.id, episodeId)));
}

export function deleteEpisodeStatement(db: Database, episodeId: string): D1PreparedStatement {
  return toStatement(db, db.delete(episodes).where(eq(episodes.id, episodeId)));
}
