/**
 * The scheduled job that keeps title similarity fresh: it reads every
 * profile's interactions (views and My List from the last year, ratings),
 * runs computeSimilarities (lib/recommendations/similarity.ts), replaces the
 * title_similarities table in one transaction, and deletes from KV the
 * cached lists that changed, so the api Worker reads the new ones from D1.
 */
import type { AnalyticsBindings } from "./bindings.ts";
import { cacheKeys } from "../../../lib/catalog/cache-keys.ts";
import {
  computeSimilarities,
  interactionWeight,
  type SimilarTitle,
} from "../../../lib/recommendations/similarity.ts";

const HISTORY_MS = 365 * 24 * 60 * 60 * 1000;
const INSERT_CHUNK = 200;

async function loadInputs(db: D1Database, since: number) {
  const [features, interactions] = await db.batch<Record<string, unknown>>([
    db.prepare(
      `select t.id,
         coalesce((select group_concat(genre_id) from title_genres where title_id = t.id), '') as genres,
         coalesce((select group_concat(person_id) from credits where title_id = t.id), '') as people
       from titles t where t.published = 1`,
    ),
    db
      .prepare(
        `select profile_id, title_id, max(engaged) as engaged, max(rating) as rating from (
           select profile_id, title_id, 1 as engaged, null as rating from views where viewed_at >= ?1
           union all select profile_id, title_id, 1, null from my_list
           union all select profile_id, title_id, 0, value from ratings
         ) group by profile_id, title_id`,
      )
      .bind(since),
  ]);
  const split = (value: unknown) => (typeof value === "string" && value ? value.split(",") : []);
  return {
    titles: (features?.results ?? []).map((row) => ({
      id: String(row.id),
      genres: split(row.genres),
      people: split(row.people),
    })),
    interactions: (interactions?.results ?? []).map((row) => ({
      profileId: String(row.profile_id),
      titleId: String(row.title_id),
      weight: interactionWeight({
        rating: row.rating === null ? null : Number(row.rating),
        engaged: row.engaged === 1,
      }),
    })),
  };
}

async function currentLists(db: D1Database): Promise<Map<string, string>> {
  const { results } = await db
    .prepare(
      `select title_id, group_concat(similar_title_id || ':' || printf('%.6f', score), ',') as list
       from (select * from title_similarities order by title_id, rank) group by title_id`,
    )
    .all<{ title_id: string; list: string }>();
  return new Map(results.map((row) => [row.title_id, row.list]));
}

// Scores compared at a fixed precision: SQLite and JavaScript print floats differently.
const signature = (list: SimilarTitle[]) =>
  list.map((s) => `${s.titleId}:${s.score.toFixed(6)}`).join(",");

export async function recomputeSimilarities(env: AnalyticsBindings, now = Date.now()) {
  const { titles, interactions } = await loadInputs(env.DB, now - HISTORY_MS);
  const similar = computeSimilarities(titles, interactions);
  const before = await currentLists(env.DB);

  const rows = [...similar].flatMap(([titleId, list]) =>
    list.map((entry, index) => ({
      titleId,
      similarTitleId: entry.titleId,
      score: entry.score,
      rank: index + 1,
    })),
  );
  const inserts = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    inserts.push(
      env.DB.prepare(
        `insert into title_similarities (title_id, similar_title_id, score, rank, computed_at)
         select json_extract(value, '$.titleId'), json_extract(value, '$.similarTitleId'),
                json_extract(value, '$.score'), json_extract(value, '$.rank'), ?2
         from json_each(?1)`,
      ).bind(JSON.stringify(rows.slice(i, i + INSERT_CHUNK)), now),
    );
  }
  // One transaction: readers see the old table or the new one, never half of each.
  await env.DB.batch([env.DB.prepare("delete from title_similarities"), ...inserts]);

  const titleIds = new Set([...before.keys(), ...similar.keys()]);
  const changed = [...titleIds].filter(
    (id) => (before.get(id) ?? "") !== signature(similar.get(id) ?? []),
  );
  await Promise.all(changed.map((id) => env.KV.delete(cacheKeys.similar(id))));
  return {
    titles: titles.length,
    interactions: interactions.length,
    pairs: rows.length,
    changedLists: changed.length,
  };
}
