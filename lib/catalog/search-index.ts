/**
 * How a title becomes a row of the full-text index (`title_search`, see
 * migrations/0002_search-index.sql): its name, synopsis, genre names and
 * people's names. The api Worker rewrites one title's row after every change
 * to it; the demo seed rebuilds the whole index. Both use this SQL.
 */
const SEARCH_ROWS = `
  insert into title_search (title_id, name, synopsis, genres, people)
  select t.id, t.name, t.synopsis,
    coalesce((select group_concat(g.name, ' ') from title_genres tg join genres g on g.id = tg.genre_id
              where tg.title_id = t.id), ''),
    coalesce((select group_concat(p.name, ' ') from credits c join people p on p.id = c.person_id
              where c.title_id = t.id), '')
  from titles t`;

/** Statements that rewrite one title's row; bind the title id as ?1. */
export const REINDEX_TITLE_SQL = [
  "delete from title_search where title_id = ?1",
  `${SEARCH_ROWS} where t.id = ?1`,
] as const;

/** Statements that rebuild the whole index. */
export const REBUILD_SEARCH_INDEX_SQL = ["delete from title_search", SEARCH_ROWS] as const;
