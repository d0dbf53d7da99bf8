/**
 * The demo catalog in a test file's database: the same data `npm run dev`
 * seeds (88 published titles at every rating, 2 drafts, an audience with
 * views and ratings, the demo accounts), so tests check behaviour against
 * the whole catalog rather than a hand-picked few titles.
 */
import { env } from "cloudflare:workers";
import { forgetAll } from "../src/cache/isolate-memory.ts";

export async function loadDemoCatalog(): Promise<void> {
  await env.DB.batch(env.DEMO_SEED_STATEMENTS.map((statement) => env.DB.prepare(statement)));
  // The isolate's memory cache outlives a test file's storage; start from D1.
  forgetAll();
}

export interface CatalogTitle {
  id: string;
  name: string;
  type: "movie" | "series";
  rating: string;
  maturity_rank: number;
  published: number;
  year: number;
}

export async function catalogTitles(): Promise<CatalogTitle[]> {
  const { results } = await env.DB.prepare(
    "select id, name, type, rating, maturity_rank, published, year from titles order by name",
  ).all<CatalogTitle>();
  return results;
}
