/**
 * The seed end to end: applied to a database built from the repo's
 * migrations (foreign keys on), twice, then queried the way the API does.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { beforeAll, describe, expect, it } from "vitest";
import { demoSeedSql, DEMO_ACCOUNTS } from "../seed.ts";
import { demoCatalogSeed, type DemoCatalogSeed } from "./index.ts";
import { isKidsTitle } from "./catalog.ts";
import type { Rating } from "../../lib/maturity.ts";

const MIGRATIONS = join(import.meta.dirname, "..", "..", "migrations");
const DAY_MS = 86_400_000;
const NOW = Date.parse("2026-11-21T09:30:00Z");
const TABLES = [
  "genres",
  "people",
  "titles",
  "title_genres",
  "credits",
  "seasons",
  "episodes",
  "accounts",
  "profiles",
  "views",
  "ratings",
  "my_list",
  "title_search",
  "title_similarities",
];

/** A database as the repo's migrations leave it, with foreign keys enforced as D1 does. */
function freshDatabase(): DatabaseSync {
  const db = new DatabaseSync(":memory:");
  db.exec("PRAGMA foreign_keys = ON");
  for (const file of readdirSync(MIGRATIONS)
    .filter((name) => name.endsWith(".sql"))
    .sort()) {
    for (const statement of readFileSync(join(MIGRATIONS, file), "utf8").split(
      "--> statement-breakpoint",
    )) {
      db.exec(statement);
    }
  }
  return db;
}

const count = (db: DatabaseSync, sql: string, ...params: (string | number)[]) =>
  (db.prepare(sql).get(...params) as { n: number }).n;
const rowCounts = (db: DatabaseSync) =>
  Object.fromEntries(TABLES.map((table) => [table, count(db, `select count(*) n from ${table}`)]));
const names = (db: DatabaseSync, match: string) =>
  (
    db
      .prepare(
        "select t.name from title_search s join titles t on t.id = s.title_id where title_search match ? order by t.name",
      )
      .all(match) as { name: string }[]
  ).map((row) => row.name);

let seed: DemoCatalogSeed;
let db: DatabaseSync;

beforeAll(async () => {
  seed = demoCatalogSeed(NOW);
  db = freshDatabase();
  db.exec(await demoSeedSql(NOW));
  db.exec(seed.sql);
});

describe("demoCatalogSeed", () => {
  it("writes one statement per line, each ending with ;", () => {
    const lines = seed.sql.trimEnd().split("\n");
    for (const line of lines) expect(line.endsWith(";")).toBe(true);
    // Comfortably under D1's 100 KB statement limit.
    for (const line of lines) expect(line.length).toBeLessThan(64 * 1024);
  });

  it("applies to a fresh database with foreign keys on", () => {
    expect(db.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
    const counts = rowCounts(db);
    expect(counts.titles).toBeGreaterThanOrEqual(86);
    expect(counts.title_search).toBe(counts.titles);
    expect(count(db, "select count(*) n from titles where published = 1")).toBeGreaterThanOrEqual(
      84,
    );
    expect(count(db, "select count(*) n from accounts where email like 'audience-%'")).toBe(40);
    expect(counts.profiles).toBe(40 * 5 + 3);
  });

  it("changes nothing when applied again", () => {
    const before = rowCounts(db);
    const titles = db.prepare("select * from titles order by id").all();
    db.exec(seed.sql);
    expect(rowCounts(db)).toEqual(before);
    expect(db.prepare("select * from titles order by id").all()).toEqual(titles);
  });

  it("also applies without the demo accounts, skipping the demo viewer's rows", () => {
    const alone = freshDatabase();
    alone.exec(seed.sql);
    expect(alone.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
    expect(count(alone, "select count(*) n from titles")).toBe(
      count(db, "select count(*) n from titles"),
    );
  });

  it("links every title to its artwork", () => {
    const keys = new Set(seed.artwork.map((image) => image.key));
    const rows = db
      .prepare("select poster_key, backdrop_key, logo_key from titles")
      .all() as Record<string, string>[];
    for (const row of rows) {
      for (const key of Object.values(row)) {
        expect(key).toMatch(/^artwork\/[0-9a-f]{64}\.svg$/);
        expect(keys.has(key)).toBe(true);
      }
    }
  });

  it("stores JSON columns and timestamps as the schema expects", () => {
    const row = db
      .prepare("select languages, published_at from titles where slug = 'cafe-lumiere'")
      .get() as {
      languages: string;
      published_at: number;
    };
    expect(JSON.parse(row.languages)).toEqual(["fr", "en"]);
    expect(Number.isInteger(row.published_at)).toBe(true);
    const account = db
      .prepare(
        "select roles, password_hash from accounts where email = 'audience-07@demo.marquee.invalid'",
      )
      .get() as { roles: string; password_hash: string };
    expect(JSON.parse(account.roles)).toEqual(["account_owner"]);
    expect(account.password_hash).toBe("!");
  });

  it("finds titles by full-text search, accents folded and by prefix", () => {
    expect(names(db, "amelie")).toEqual(["Amélie's Garden"]);
    expect(names(db, "etoiles")).toEqual(["Les Étoiles du Nord"]);
    expect(names(db, "nino")).toEqual(["Niño del Mar"]);
    expect(names(db, '"starf"*')).toEqual(["Starfall Academy", "Starfield Protocol"]);
    expect(names(db, "genres:horror").length).toBeGreaterThanOrEqual(4);
  });

  it("keeps view and My List counts equal to the rows", () => {
    expect(
      count(
        db,
        "select count(*) n from titles t where view_count != (select count(*) from views v where v.title_id = t.id)",
      ),
    ).toBe(0);
    expect(
      count(
        db,
        "select count(*) n from titles t where my_list_count != (select count(*) from my_list l where l.title_id = t.id)",
      ),
    ).toBe(0);
    expect(
      count(
        db,
        "select count(*) n from views v join titles t on t.id = v.title_id where t.published = 0",
      ),
    ).toBe(0);
  });

  it("spreads views over the last 30 days, with a clear Trending order this week", () => {
    expect(
      count(
        db,
        "select count(*) n from views where viewed_at > ? or viewed_at < ?",
        NOW,
        NOW - 30 * DAY_MS,
      ),
    ).toBe(0);
    const week = db
      .prepare(
        "select title_id, count(*) n from views where viewed_at >= ? group by title_id order by n desc",
      )
      .all(NOW - 7 * DAY_MS) as { n: number }[];
    expect(week.length).toBeGreaterThanOrEqual(20);
    const total = count(db, "select count(*) n from views");
    expect(week.reduce((sum, row) => sum + row.n, 0) / total).toBeGreaterThan(0.25);
    // A popularity skew: the top title far ahead of the tenth.
    expect(week[0]!.n).toBeGreaterThan(week[9]!.n * 1.5);
  });

  it("gives each audience profile 6–25 views within its maturity level", () => {
    const profiles = db
      .prepare(
        "select p.id, p.is_kids, p.maturity_level from profiles p join accounts a on a.id = p.account_id where a.email like 'audience-%'",
      )
      .all() as { id: string; is_kids: number; maturity_level: string }[];
    expect(profiles.filter((profile) => profile.is_kids).length).toBeGreaterThanOrEqual(3);
    const levels = ["G", "PG", "PG-13", "R", "NC-17"];
    for (const profile of profiles) {
      const watched = db
        .prepare(
          "select t.rating, t.maturity_rank from views v join titles t on t.id = v.title_id where v.profile_id = ?",
        )
        .all(profile.id) as { rating: Rating; maturity_rank: number }[];
      expect(watched.length).toBeGreaterThanOrEqual(6);
      expect(watched.length).toBeLessThanOrEqual(25);
      for (const title of watched) {
        expect(title.maturity_rank).toBeLessThanOrEqual(levels.indexOf(profile.maturity_level));
        if (profile.is_kids) expect(isKidsTitle(title)).toBe(true);
      }
    }
    expect(count(db, "select count(*) n from ratings where value not in (-1, 1, 2)")).toBe(0);
    expect(count(db, "select count(*) n from ratings")).toBeGreaterThan(200);
  });

  it("gives the demo viewer's profiles a short history", () => {
    const profiles = DEMO_ACCOUNTS.flatMap((account) => account.profiles);
    const alex = profiles.find((profile) => profile.name === "Alex")!.id;
    const kids = profiles.find((profile) => profile.name === "Kids")!.id;
    expect(
      count(db, "select count(distinct title_id) n from views where profile_id = ?", alex),
    ).toBeGreaterThanOrEqual(3);
    expect(count(db, "select count(*) n from ratings where profile_id = ?", alex)).toBe(2);
    expect(count(db, "select count(*) n from my_list where profile_id = ?", alex)).toBe(3);
    const kidsViews = db
      .prepare(
        "select t.rating from views v join titles t on t.id = v.title_id where v.profile_id = ?",
      )
      .all(kids) as { rating: Rating }[];
    expect(kidsViews).toHaveLength(2);
    for (const title of kidsViews) expect(isKidsTitle(title)).toBe(true);
  });

  it("gives every published title similar titles, ranked from 1", () => {
    expect(
      count(
        db,
        "select count(*) n from titles t where t.published = 1 and not exists (select 1 from title_similarities s where s.title_id = t.id)",
      ),
    ).toBe(0);
    const lists = db
      .prepare(
        "select title_id, group_concat(rank) ranks, min(score) low, max(computed_at) at from (select * from title_similarities order by title_id, rank) group by title_id",
      )
      .all() as { ranks: string; low: number; at: number }[];
    for (const list of lists) {
      const ranks = list.ranks.split(",").map(Number);
      expect(ranks).toEqual(ranks.map((_, i) => i + 1));
      expect(list.low).toBeGreaterThan(0);
      expect(list.at).toBe(NOW);
    }
    expect(
      count(
        db,
        "select count(*) n from title_similarities s join titles t on t.id = s.similar_title_id where t.published = 0",
      ),
    ).toBe(0);
  });

  it("is deterministic: only interaction timestamps depend on now", () => {
    expect(demoCatalogSeed(NOW)).toEqual(seed);
    const later = demoCatalogSeed(NOW + 3 * DAY_MS);
    expect(later.artwork).toEqual(seed.artwork);
    const timeless = (sql: string) =>
      sql
        .split("\n")
        .filter(
          (line) =>
            !/^INSERT OR (IGNORE|REPLACE) INTO (views|ratings|my_list|title_similarities) /.test(
              line,
            ),
        );
    expect(timeless(later.sql)).toEqual(timeless(seed.sql));
    // Same rows, shifted in time: the ids of views do not move.
    const viewIds = (sql: string) =>
      [...sql.matchAll(/INTO views .*/g)].join().match(/'[0-9a-f-]{36}'/g);
    expect(viewIds(later.sql)).toEqual(viewIds(seed.sql));
  });
});
