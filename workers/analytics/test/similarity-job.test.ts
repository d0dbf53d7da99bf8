import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { cacheKeys } from "../../../lib/catalog/cache-keys.ts";
import AnalyticsWorker from "../src/index.ts";
import { recomputeSimilarities } from "../src/similarity-job.ts";

const now = Date.parse("2026-11-20T12:00:00Z");
const title = (id: string, genre: string, published = 1) => [
  `insert into titles (id, slug, type, name, synopsis, year, released_on, rating, maturity_rank, languages, published, view_count, my_list_count, created_at, updated_at)
   values ('${id}', '${id}', 'movie', '${id}', '', 2020, '2020-01-01', 'PG', 1, '["en"]', ${published}, 0, 0, 0, 0)`,
  `insert into title_genres (title_id, genre_id) values ('${id}', '${genre}')`,
];

async function seed() {
  const statements = [
    "insert into genres (id, name) values ('drama', 'Drama'), ('horror', 'Horror')",
    `insert into accounts (id, email, password_hash, roles, plan, created_at, updated_at) values ('acc', 'a@example.com', '!', '["account_owner"]', 'standard', 0, 0)`,
    ...title("drama-1", "drama"),
    ...title("drama-2", "drama"),
    ...title("horror-1", "horror"),
    ...title("horror-draft", "horror", 0),
  ];
  for (let p = 1; p <= 5; p++) {
    statements.push(
      `insert into profiles (id, account_id, name, avatar, language, is_kids, maturity_level, pin_attempts, created_at, updated_at)
       values ('p${p}', 'acc', 'P${p}', 'ocean', 'en', 0, 'NC-17', 0, 0, 0)`,
    );
    // Five profiles watch drama-1 and horror-1 together; one of them also watched the draft.
    for (const watched of ["drama-1", "horror-1", ...(p === 1 ? ["horror-draft"] : [])]) {
      statements.push(
        `insert into views (id, profile_id, title_id, viewed_at) values ('v-${p}-${watched}', 'p${p}', '${watched}', ${now - 86_400_000})`,
      );
    }
  }
  await env.DB.batch(statements.map((sql) => env.DB.prepare(sql)));
}

async function similarTo(titleId: string) {
  const { results } = await env.DB.prepare(
    "select similar_title_id, score, rank from title_similarities where title_id = ? order by rank",
  )
    .bind(titleId)
    .all<{ similar_title_id: string; score: number; rank: number }>();
  return results;
}

beforeAll(seed);

describe("the similarity job", () => {
  it("links titles people watch together, across genres, and leaves drafts out", async () => {
    const result = await recomputeSimilarities(env, now);
    expect(result).toMatchObject({ titles: 3 });
    const forDrama = await similarTo("drama-1");
    expect(forDrama.map((row) => row.similar_title_id)).toEqual(["horror-1", "drama-2"]);
    expect(forDrama.map((row) => row.rank)).toEqual([1, 2]);
    // Five co-viewers, identical vectors: β = 5/10, cf = 1 → 0.5. drama-2 shares only a genre: 0.6 · 0.7.
    expect(forDrama[0]!.score).toBeCloseTo(0.5, 10);
    expect(forDrama[1]!.score).toBeCloseTo(0.42, 10);
    const everything = await env.DB.prepare(
      "select count(*) as n from title_similarities where title_id = 'horror-draft' or similar_title_id = 'horror-draft'",
    ).first<{ n: number }>();
    expect(everything!.n).toBe(0);
  });

  it("replaces the whole table each run, and clears only the cached lists that changed", async () => {
    await recomputeSimilarities(env, now);
    await env.KV.put(cacheKeys.similar("drama-1"), "stale");
    await env.KV.put(cacheKeys.similar("drama-2"), "stale");
    const unchanged = await recomputeSimilarities(env, now);
    expect(unchanged.changedLists).toBe(0);
    expect(await env.KV.get(cacheKeys.similar("drama-1"))).toBe("stale");

    // Another profile watches drama-2 with horror-1: the lists of those two (and drama-1's order) move.
    await env.DB.batch([
      env.DB.prepare(
        `insert into views (id, profile_id, title_id, viewed_at) values ('x1', 'p2', 'drama-2', ?)`,
      ).bind(now),
    ]);
    const changed = await recomputeSimilarities(env, now);
    expect(changed.changedLists).toBeGreaterThan(0);
    expect(await env.KV.get(cacheKeys.similar("drama-2"))).toBeNull();
    const total = await env.DB.prepare("select count(*) as n from title_similarities").first<{
      n: number;
    }>();
    expect(total!.n).toBe(6);
  });

  it("runs on the cron trigger", async () => {
    const worker = new AnalyticsWorker(createExecutionContext(), env);
    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: "*/15 * * * *" }));
    expect((await similarTo("horror-1")).map((row) => row.similar_title_id)).toContain("drama-1");
  });
});
