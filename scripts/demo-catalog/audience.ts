/**
 * A synthetic audience, so Trending Now, view counts and "More like this"
 * have something to show on a fresh database: 40 accounts × 5 profiles, each
 * with a taste (favourite genres) that drives what it watches, rates and
 * keeps in My List, plus a short history for the demo viewer's own profiles
 * so their home page has personal rows.
 *
 * Everything but the timestamps is fixed; timestamps are `now` minus ages
 * drawn here, so the data is always "the last 30 days" whenever it is seeded.
 * Popularity is skewed on purpose (a Zipf-like curve, new releases boosted
 * and "hot" titles watched mostly this week) so Trending has a clear order.
 */
import { PLANS, type Plan } from "../../lib/db/schema.ts";
import { isWithinMaturity, levelOfRating, type MaturityLevel } from "../../lib/maturity.ts";
import { AVATARS, type Avatar, type LANGUAGES } from "../../lib/profiles.ts";
import { DEMO_ACCOUNTS } from "../seed.ts";
import {
  CATALOG_REFERENCE_DATE,
  NEW_RELEASE_WINDOW_DAYS,
  isKidsTitle,
  type DemoCatalog,
  type DemoTitle,
} from "./catalog.ts";
import { GENRE_IDS, type GenreId } from "./genres.ts";
import { uuidFrom } from "./ids.ts";
import { randomFor, type Random } from "./random.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** How far back the audience's history goes. */
export const HISTORY_DAYS = 30;
const ACCOUNT_COUNT = 40;
const PROFILES_PER_ACCOUNT = 5;
/** Audience accounts were opened at fixed times before the catalog's reference date. */
const REFERENCE_MS = Date.parse(`${CATALOG_REFERENCE_DATE}T00:00:00Z`);

export interface AudienceProfile {
  id: string;
  name: string;
  avatar: Avatar;
  language: (typeof LANGUAGES)[number];
  isKids: boolean;
  maturityLevel: MaturityLevel;
  favouriteGenres: GenreId[];
}

export interface AudienceAccount {
  id: string;
  email: string;
  plan: Plan;
  createdAt: number;
  profiles: AudienceProfile[];
}

export interface DemoView {
  id: string;
  profileId: string;
  titleId: string;
  episodeId: string | null;
  viewedAt: number;
}

export interface DemoRating {
  profileId: string;
  titleId: string;
  value: -1 | 1 | 2;
  updatedAt: number;
}

export interface DemoListEntry {
  profileId: string;
  titleId: string;
  addedAt: number;
}

export interface DemoAudience {
  /** The synthetic accounts (not the demo admin and viewer, which scripts/seed.ts creates). */
  accounts: AudienceAccount[];
  views: DemoView[];
  ratings: DemoRating[];
  myList: DemoListEntry[];
  /**
   * Profiles the rows refer to that this module does not create (the demo
   * viewer's "Alex" and "Kids"); their rows need scripts/seed.ts to have run.
   */
  externalProfileIds: string[];
}

const PROFILE_NAMES = [
  "Sam",
  "Jordan",
  "Riley",
  "Maya",
  "Leo",
  "Nina",
  "Omar",
  "Grace",
  "Hana",
  "Diego",
  "Priya",
  "Tom",
  "Ines",
  "Kai",
  "Zara",
  "Ben",
  "Lucia",
  "Finn",
  "Aya",
  "Noah",
  "Elena",
  "Ravi",
  "Chloe",
  "Marco",
  "Sara",
  "Jin",
  "Ada",
  "Felix",
  "Rosa",
  "Ezra",
];
const KIDS_GENRES: GenreId[] = ["animation", "family", "adventure", "comedy", "fantasy"];

const pad2 = (n: number) => String(n).padStart(2, "0");

function buildAccounts(): AudienceAccount[] {
  const accounts: AudienceAccount[] = [];
  for (let a = 1; a <= ACCOUNT_COUNT; a++) {
    const random = randomFor(`audience:account:${a}`);
    const accountId = uuidFrom(`audience:account:${a}`);
    // One account in four has a kids profile; a few have a teenager capped at PG-13.
    const hasKids = a % 4 === 0;
    const hasTeen = a % 7 === 3;
    const names = random.sample(PROFILE_NAMES, PROFILES_PER_ACCOUNT);
    const profiles = names.map((name, p): AudienceProfile => {
      const isKids = hasKids && p === PROFILES_PER_ACCOUNT - 1;
      const isTeen = hasTeen && p === PROFILES_PER_ACCOUNT - 1;
      const genres = isKids ? KIDS_GENRES : GENRE_IDS;
      return {
        id: uuidFrom(`audience:profile:${a}:${p + 1}`),
        name: isKids ? "Kids" : name,
        avatar: random.pick(AVATARS),
        language: random.weighted(["en", "es", "fr", "ja", "ko"], (l) => (l === "en" ? 8 : 1)),
        isKids,
        maturityLevel: isKids ? "PG" : isTeen ? "PG-13" : "NC-17",
        // Documentary fans are rarer than thriller fans.
        favouriteGenres: pickGenres(genres, random.int(2, 3), random),
      };
    });
    accounts.push({
      id: accountId,
      email: `audience-${pad2(a)}@demo.marquee.invalid`,
      plan: random.pick(PLANS),
      createdAt: REFERENCE_MS - random.int(60, 700) * DAY_MS,
      profiles,
    });
  }
  return accounts;
}

function pickGenres(genres: readonly GenreId[], count: number, random: Random): GenreId[] {
  const left = [...genres];
  const chosen: GenreId[] = [];
  while (chosen.length < count && left.length > 0) {
    const genre = random.weighted(left, (g) => (g === "documentary" ? 0.4 : 1));
    left.splice(left.indexOf(genre), 1);
    chosen.push(genre);
  }
  return chosen;
}

interface Popularity {
  /** Relative chance of being picked. */
  weight: number;
  /** Watched mostly in the last few days (what Trending should surface). */
  hot: boolean;
}

/**
 * A fixed popularity per title: a Zipf-like curve over a shuffled order, new
 * releases boosted and hot, plus a few older titles having a moment.
 */
function popularity(titles: DemoTitle[]): Map<string, Popularity> {
  const random = randomFor("audience:popularity");
  const newSince = REFERENCE_MS - NEW_RELEASE_WINDOW_DAYS * DAY_MS;
  const order = random.shuffle(titles);
  const comebacks = new Set(random.sample(order.slice(0, 30), 4).map((title) => title.id));
  return new Map(
    order.map((title, rank) => {
      const isNew = Date.parse(`${title.releasedOn}T00:00:00Z`) >= newSince;
      const hot = isNew || comebacks.has(title.id);
      const weight = (1 / (rank + 4) ** 0.9) * (isNew ? 3 : 1) * (comebacks.has(title.id) ? 2 : 1);
      return [title.id, { weight, hot }];
    }),
  );
}

/** Episodes of a series in airing order. */
const episodesOf = (title: DemoTitle) =>
  title.seasons.flatMap((season) => season.episodes.map((episode) => episode.id));

/** Collects the rows, with per-(profile, title) bookkeeping for view ids and ratings. */
function createRecorder(now: number, titlesById: Map<string, DemoTitle>) {
  const views: DemoView[] = [];
  const ratings: DemoRating[] = [];
  const myList: DemoListEntry[] = [];
  const counters = new Map<string, number>();
  /** A time `age` ms before now, but never before the title went live (when that is past). */
  const at = (titleId: string, age: number) => {
    const publishedAt = titlesById.get(titleId)!.publishedAt ?? now;
    const room = now - publishedAt - HOUR_MS;
    // Wrapping (rather than clamping) keeps views of a fresh release spread over its few days.
    const bounded = room > 0 ? (age <= room ? age : age % room) : Math.min(age, HOUR_MS);
    return Math.round(now - bounded);
  };
  return {
    views,
    ratings,
    myList,
    at,
    view(profileId: string, titleId: string, episodeId: string | null, viewedAt: number) {
      const n = (counters.get(profileId) ?? 0) + 1;
      counters.set(profileId, n);
      views.push({
        id: uuidFrom(`view:${profileId}:${n}`),
        profileId,
        titleId,
        episodeId,
        viewedAt,
      });
    },
    rate(profileId: string, titleId: string, value: -1 | 1 | 2, updatedAt: number) {
      ratings.push({ profileId, titleId, value, updatedAt: Math.min(now, updatedAt) });
    },
    list(profileId: string, titleId: string, addedAt: number) {
      myList.push({ profileId, titleId, addedAt });
    },
  };
}
type Recorder = ReturnType<typeof createRecorder>;

/**
 * Watches one title: a film once (now and then twice), a series 1–4
 * consecutive episodes a few hours to a day apart. Returns the last view's time.
 */
function watch(
  recorder: Recorder,
  profileId: string,
  title: DemoTitle,
  age: number,
  episodes: number,
  random: Random,
): number {
  let last = recorder.at(title.id, age);
  if (title.type === "movie") {
    recorder.view(profileId, title.id, null, last);
    return last;
  }
  const all = episodesOf(title);
  // Some pick up mid-series rather than at the pilot.
  const start = random.chance(0.7) ? 0 : random.int(0, Math.max(0, all.length - episodes));
  let remaining = age;
  for (let i = 0; i < episodes && start + i < all.length; i++) {
    last = recorder.at(title.id, remaining);
    recorder.view(profileId, title.id, all[start + i]!, last);
    remaining = Math.max(0, remaining - random.int(1, 20) * HOUR_MS);
  }
  return last;
}

function audienceActivity(
  recorder: Recorder,
  profile: AudienceProfile,
  catalog: DemoTitle[],
  pop: Map<string, Popularity>,
) {
  const random = randomFor(`audience:activity:${profile.id}`);
  const eligible = catalog.filter(
    (title) =>
      isWithinMaturity(levelOfRating(title.rating), profile.maturityLevel) &&
      (!profile.isKids || isKidsTitle(title)),
  );
  const likes = (title: DemoTitle) =>
    title.genres.some((genre) => profile.favouriteGenres.includes(genre));
  const matching = eligible.filter(likes);
  const target = random.int(6, 25);
  const seen = new Set<string>();
  let viewCount = 0;
  while (viewCount < target && seen.size < eligible.length) {
    // Mostly titles that match the taste, sometimes whatever is popular.
    const pool = random.chance(0.78) && matching.some((t) => !seen.has(t.id)) ? matching : eligible;
    const title = random.weighted(
      pool.filter((candidate) => !seen.has(candidate.id)),
      (candidate) => pop.get(candidate.id)!.weight,
    );
    seen.add(title.id);
    // Hot titles are mostly watched this week; the rest evenly over the month.
    const age = pop.get(title.id)!.hot
      ? 8 * DAY_MS * random.next() ** 1.6
      : HISTORY_DAYS * DAY_MS * random.next();
    const episodes = title.type === "series" ? Math.min(target - viewCount, random.int(1, 4)) : 1;
    const before = recorder.views.length;
    const last = watch(recorder, profile.id, title, age, episodes, random);
    viewCount += recorder.views.length - before;
    if (title.type === "movie" && random.chance(0.06) && viewCount < target) {
      // A rewatch, a little later.
      recorder.view(profile.id, title.id, null, recorder.at(title.id, Math.max(0, age / 3)));
      viewCount++;
    }
    if (random.chance(0.35)) {
      const value: -1 | 1 | 2 = likes(title)
        ? random.weighted([2, 1, -1] as const, (v) => (v === 2 ? 4 : v === 1 ? 5 : 1))
        : random.weighted([1, -1] as const, () => 1);
      recorder.rate(profile.id, title.id, value, last + random.int(1, 90) * 60_000);
    }
  }
  // My List: a few liked titles they haven't got round to yet, new releases likeliest.
  const wanted = matching.filter((title) => !seen.has(title.id));
  for (let i = random.int(0, 4); i > 0 && wanted.length > 0; i--) {
    const title = random.weighted(wanted, (candidate) => pop.get(candidate.id)!.weight);
    wanted.splice(wanted.indexOf(title), 1);
    recorder.list(
      profile.id,
      title.id,
      recorder.at(title.id, HISTORY_DAYS * DAY_MS * random.next()),
    );
  }
}

/** A short, hand-picked history for the demo viewer's profiles ("Alex" and "Kids"). */
function demoViewerActivity(recorder: Recorder, catalog: DemoTitle[]) {
  const profiles = DEMO_ACCOUNTS.flatMap((account) => account.profiles);
  const alex = profiles.find((profile) => profile.name === "Alex");
  const kids = profiles.find((profile) => profile.name === "Kids");
  if (!alex || !kids) throw new Error("scripts/seed.ts no longer has the Alex and Kids profiles");
  const random = randomFor("audience:demo-viewer");
  const byName = (name: string) => {
    const title = catalog.find((candidate) => candidate.name === name);
    if (!title) throw new Error(`the demo catalog has no "${name}"`);
    return title;
  };
  const first = (what: string, test: (title: DemoTitle) => boolean) => {
    const title = catalog.find(test);
    if (!title) throw new Error(`the demo catalog has no ${what}`);
    return title;
  };
  const movieOf = (genre: GenreId, ...skip: DemoTitle[]) =>
    first(
      `${genre} movie`,
      (t) => t.type === "movie" && t.genres[0] === genre && !skip.includes(t),
    );

  // Alex likes it dark: two sci-fi films, a grown-up series and a thriller.
  const starfield = byName("Starfield Protocol");
  const series = first("TV-MA series", (t) => t.type === "series" && t.rating === "TV-MA");
  const thriller = movieOf("thriller");
  const scifi = movieOf("sci-fi", starfield);
  watch(recorder, alex.id, starfield, 2 * DAY_MS + 5 * HOUR_MS, 1, random);
  watch(recorder, alex.id, series, 1 * DAY_MS + 3 * HOUR_MS, 2, random);
  watch(recorder, alex.id, thriller, 9 * DAY_MS, 1, random);
  watch(recorder, alex.id, scifi, 16 * DAY_MS, 1, random);
  recorder.rate(alex.id, starfield.id, 2, recorder.at(starfield.id, 2 * DAY_MS));
  recorder.rate(alex.id, thriller.id, 1, recorder.at(thriller.id, 9 * DAY_MS - 2 * HOUR_MS));
  const keep = [
    byName("Les Étoiles du Nord"),
    movieOf("mystery"),
    movieOf("sci-fi", starfield, scifi),
  ];
  keep.forEach((title, i) =>
    recorder.list(alex.id, title.id, recorder.at(title.id, (i + 1) * 3 * DAY_MS)),
  );

  // Kids: an episode of Starfall Academy and a film.
  watch(recorder, kids.id, byName("Starfall Academy"), 1 * DAY_MS, 1, random);
  watch(recorder, kids.id, byName("Amélie's Garden"), 4 * DAY_MS, 1, random);
  return [alex.id, kids.id];
}

export function buildDemoAudience(catalog: DemoCatalog, now: number): DemoAudience {
  const published = catalog.titles.filter((title) => title.published);
  const recorder = createRecorder(now, new Map(published.map((title) => [title.id, title])));
  const pop = popularity(published);
  const accounts = buildAccounts();
  for (const account of accounts) {
    for (const profile of account.profiles) audienceActivity(recorder, profile, published, pop);
  }
  const externalProfileIds = demoViewerActivity(recorder, published);
  return {
    accounts,
    views: recorder.views,
    ratings: recorder.ratings,
    myList: recorder.myList,
    externalProfileIds,
  };
}
