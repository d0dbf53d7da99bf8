/**
 * The demo catalog seed the local stack applies on every start, after the
 * migrations and the demo accounts (scripts/seed.ts): SQL for the catalog,
 * a synthetic audience and precomputed similarities, plus the artwork to put
 * in R2. Idempotent — fixed ids and INSERT OR IGNORE, so a second run adds
 * nothing — and deterministic: only interaction timestamps depend on `now`.
 *
 * Order matters (foreign keys are on): genres and people, then titles and
 * what hangs off them, then accounts, profiles and their activity, then the
 * search index and the similarities, which read all of the above.
 */
import { REBUILD_SEARCH_INDEX_SQL } from "../../lib/catalog/search-index.ts";
import {
  computeSimilarities,
  interactionWeight,
  type Interaction,
} from "../../lib/recommendations/similarity.ts";
import { buildTitleArtwork, type ArtworkImage, type TitleArtwork } from "./artwork.ts";
import { buildDemoAudience, type DemoAudience } from "./audience.ts";
import { buildDemoCatalog, type DemoCatalog, type DemoTitle } from "./catalog.ts";
import { insertForProfile, insertStatements, oneLine, type SqlValue } from "./sql.ts";

export type { ArtworkImage } from "./artwork.ts";
export type { DemoAudience } from "./audience.ts";
export type { DemoCatalog, DemoTitle } from "./catalog.ts";
export { buildDemoAudience } from "./audience.ts";
export { buildDemoCatalog, isKidsTitle } from "./catalog.ts";

export interface DemoCatalogSeed {
  /** Statements, one per line, each ending with `;`. */
  sql: string;
  /** Every image the titles refer to, to put in R2 under `key`. */
  artwork: ArtworkImage[];
}

/** How many similar titles each title keeps (as the analytics cron does). */
const SIMILAR_PER_TITLE = 20;
/** An account password hash that no password can match (not in the stored format). */
const UNUSABLE_PASSWORD_HASH = "!";

/** Each profile's standing with each title it touched, weighted as the analytics cron weighs it. */
function interactionsOf(audience: DemoAudience): Interaction[] {
  const pairs = new Map<string, { profileId: string; titleId: string; rating: number | null }>();
  const touch = (profileId: string, titleId: string) => {
    const key = `${profileId} ${titleId}`;
    let pair = pairs.get(key);
    if (!pair) pairs.set(key, (pair = { profileId, titleId, rating: null }));
    return pair;
  };
  for (const view of audience.views) touch(view.profileId, view.titleId);
  for (const entry of audience.myList) touch(entry.profileId, entry.titleId);
  for (const rating of audience.ratings)
    touch(rating.profileId, rating.titleId).rating = rating.value;
  return [...pairs.values()].map(({ profileId, titleId, rating }) => ({
    profileId,
    titleId,
    weight: interactionWeight({ rating, engaged: true }),
  }));
}

function catalogStatements(
  catalog: DemoCatalog,
  artwork: Map<string, TitleArtwork>,
  counts: { views: Map<string, number>; myList: Map<string, number> },
): string[] {
  const { titles } = catalog;
  const seasons = titles.flatMap((title) => title.seasons.map((season) => ({ title, season })));
  const episodes = seasons.flatMap(({ title, season }) =>
    season.episodes.map((episode) => ({ title, season, episode })),
  );
  return [
    ...insertStatements(
      "INSERT OR IGNORE",
      "genres",
      ["id", "name"],
      catalog.genres.map((genre) => [genre.id, genre.name]),
    ),
    ...insertStatements(
      "INSERT OR IGNORE",
      "people",
      ["id", "name"],
      catalog.people.map((person) => [person.id, person.name]),
    ),
    ...insertStatements(
      "INSERT OR IGNORE",
      "titles",
      [
        "id",
        "slug",
        "type",
        "name",
        "synopsis",
        "year",
        "released_on",
        "runtime_minutes",
        "rating",
        "maturity_rank",
        "languages",
        "poster_key",
        "backdrop_key",
        "logo_key",
        "published",
        "published_at",
        "view_count",
        "my_list_count",
        "created_at",
        "updated_at",
      ],
      titles.map((title): SqlValue[] => {
        const art = artwork.get(title.id)!;
        return [
          title.id,
          title.slug,
          title.type,
          title.name,
          title.synopsis,
          title.year,
          title.releasedOn,
          title.runtimeMinutes,
          title.rating,
          title.maturityRank,
          JSON.stringify(title.languages),
          art.poster.key,
          art.backdrop.key,
          art.logo.key,
          title.published,
          title.publishedAt,
          counts.views.get(title.id) ?? 0,
          counts.myList.get(title.id) ?? 0,
          title.createdAt,
          title.updatedAt,
        ];
      }),
    ),
    ...insertStatements(
      "INSERT OR IGNORE",
      "title_genres",
      ["title_id", "genre_id"],
      titles.flatMap((title) => title.genres.map((genre) => [title.id, genre])),
    ),
    ...insertStatements(
      "INSERT OR IGNORE",
      "credits",
      ["title_id", "person_id", "role", "character", "position"],
      titles.flatMap((title) =>
        title.credits.map((credit) => [
          title.id,
          credit.personId,
          credit.role,
          credit.character,
          credit.position,
        ]),
      ),
    ),
    ...insertStatements(
      "INSERT OR IGNORE",
      "seasons",
      ["id", "title_id", "number", "name", "synopsis", "year", "created_at", "updated_at"],
      seasons.map(({ title, season }) => [
        season.id,
        title.id,
        season.number,
        season.name,
        season.synopsis,
        season.year,
        title.createdAt,
        title.updatedAt,
      ]),
    ),
    ...insertStatements(
      "INSERT OR IGNORE",
      "episodes",
      [
        "id",
        "title_id",
        "season_id",
        "number",
        "name",
        "synopsis",
        "runtime_minutes",
        "created_at",
        "updated_at",
      ],
      episodes.map(({ title, season, episode }) => [
        episode.id,
        title.id,
        season.id,
        episode.number,
        episode.name,
        episode.synopsis,
        episode.runtimeMinutes,
        title.createdAt,
        title.updatedAt,
      ]),
    ),
  ];
}

function audienceStatements(audience: DemoAudience): string[] {
  const external = new Set(audience.externalProfileIds);
  const viewColumns = ["id", "profile_id", "title_id", "episode_id", "viewed_at"];
  const ratingColumns = ["profile_id", "title_id", "value", "updated_at"];
  const listColumns = ["profile_id", "title_id", "added_at"];
  const views = audience.views.map((v): SqlValue[] => [
    v.id,
    v.profileId,
    v.titleId,
    v.episodeId,
    v.viewedAt,
  ]);
  const ratings = audience.ratings.map((r): SqlValue[] => [
    r.profileId,
    r.titleId,
    r.value,
    r.updatedAt,
  ]);
  const myList = audience.myList.map((e): SqlValue[] => [e.profileId, e.titleId, e.addedAt]);
  const ours = (row: SqlValue[], profileColumn: number) =>
    !external.has(row[profileColumn] as string);
  // Rows for profiles scripts/seed.ts creates are guarded, so they never break this seed.
  const guarded = (table: string, columns: string[], rows: SqlValue[][], profileColumn: number) =>
    rows
      .filter((row) => !ours(row, profileColumn))
      .map((row) => insertForProfile(table, columns, row, row[profileColumn] as string));

  return [
    ...insertStatements(
      "INSERT OR IGNORE",
      "accounts",
      ["id", "email", "password_hash", "roles", "plan", "created_at", "updated_at"],
      audience.accounts.map((account) => [
        account.id,
        account.email,
        UNUSABLE_PASSWORD_HASH,
        JSON.stringify(["account_owner"]),
        account.plan,
        account.createdAt,
        account.createdAt,
      ]),
    ),
    ...insertStatements(
      "INSERT OR IGNORE",
      "profiles",
      [
        "id",
        "account_id",
        "name",
        "avatar",
        "language",
        "is_kids",
        "maturity_level",
        "created_at",
        "updated_at",
      ],
      audience.accounts.flatMap((account) =>
        account.profiles.map((profile) => [
          profile.id,
          account.id,
          profile.name,
          profile.avatar,
          profile.language,
          profile.isKids,
          profile.maturityLevel,
          account.createdAt,
          account.createdAt,
        ]),
      ),
    ),
    ...insertStatements(
      "INSERT OR IGNORE",
      "views",
      viewColumns,
      views.filter((r) => ours(r, 1)),
    ),
    ...guarded("views", viewColumns, views, 1),
    ...insertStatements(
      "INSERT OR IGNORE",
      "ratings",
      ratingColumns,
      ratings.filter((r) => ours(r, 0)),
    ),
    ...guarded("ratings", ratingColumns, ratings, 0),
    ...insertStatements(
      "INSERT OR IGNORE",
      "my_list",
      listColumns,
      myList.filter((r) => ours(r, 0)),
    ),
    ...guarded("my_list", listColumns, myList, 0),
  ];
}

function similarityStatements(titles: DemoTitle[], audience: DemoAudience, now: number): string[] {
  // Drafts are left out: nothing should recommend a title nobody can watch yet.
  const published = titles.filter((title) => title.published);
  const similar = computeSimilarities(
    published.map((title) => ({
      id: title.id,
      genres: title.genres,
      people: [...new Set(title.credits.map((credit) => credit.personId))],
    })),
    interactionsOf(audience),
    { perTitle: SIMILAR_PER_TITLE },
  );
  const rows: SqlValue[][] = [];
  for (const title of published) {
    similar.get(title.id)!.forEach(({ titleId, score }, i) => {
      // Six decimals is plenty for ordering rows and keeps the SQL a third smaller.
      rows.push([title.id, titleId, Math.round(score * 1e6) / 1e6, i + 1, now]);
    });
  }
  return insertStatements(
    "INSERT OR REPLACE",
    "title_similarities",
    ["title_id", "similar_title_id", "score", "rank", "computed_at"],
    rows,
  );
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** The demo catalog's SQL and artwork; `now` (Unix ms) anchors the audience's activity. */
export function demoCatalogSeed(now: number): DemoCatalogSeed {
  const catalog = buildDemoCatalog();
  const audience = buildDemoAudience(catalog, now);
  const artwork = new Map(catalog.titles.map((title) => [title.id, buildTitleArtwork(title)]));
  const counts = {
    views: countBy(audience.views, (view) => view.titleId),
    myList: countBy(audience.myList, (entry) => entry.titleId),
  };
  const statements = [
    ...catalogStatements(catalog, artwork, counts),
    ...audienceStatements(audience),
    ...REBUILD_SEARCH_INDEX_SQL.map(oneLine),
    ...similarityStatements(catalog.titles, audience, now),
  ];
  // Identical images (none today, but content addressing allows it) are stored once.
  const images = new Map<string, ArtworkImage>();
  for (const art of artwork.values()) {
    for (const image of [art.poster, art.backdrop, art.logo]) images.set(image.key, image);
  }
  return { sql: statements.join("\n") + "\n", artwork: [...images.values()] };
}
