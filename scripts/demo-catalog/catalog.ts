/**
 * The demo catalog as plain data: genres, people and titles with their
 * genres, credits, seasons and episodes. No SQL, no artwork, no clock — the
 * same catalog on every run, so its ids are stable and the seed idempotent.
 *
 * The shape of the shelf is planned, not left to chance: a fixed number of
 * titles per rating (every rating at least twice, a solid kids' section),
 * main genres dealt round-robin within each rating's plausible genres (so
 * kids get Animation and Family, R gets Horror and Crime), and a handful of
 * hand-written titles the browser tests and search demos rely on.
 */
import type { TitleType } from "../../lib/db/schema.ts";
import {
  KIDS_MAX_LEVEL,
  isWithinMaturity,
  levelOfRating,
  maturityRank,
  type Rating,
} from "../../lib/maturity.ts";
import {
  ADULT_ONLY_GENRES,
  GENRE_COMPANIONS,
  GENRE_IDS,
  GENRE_NAMES,
  type GenreId,
} from "./genres.ts";
import { slugify, uuidFrom } from "./ids.ts";
import { characterFirstNames, createCasting, type Credit, type Person } from "./people.ts";
import { randomFor, type Random } from "./random.ts";
import { episodeNames, generateEpisodeSynopsis, generateSynopsis } from "./synopses.ts";
import { createTitleNamer } from "./title-names.ts";

/** "Today" for the catalog: release dates and New Releases are laid out around it. */
export const CATALOG_REFERENCE_DATE = "2026-11-20";
const REFERENCE_MS = Date.parse(`${CATALOG_REFERENCE_DATE}T00:00:00Z`);
/** When the (fictional) service opened; older films were added to it from then on. */
const LAUNCH_MS = Date.parse("2024-01-15T00:00:00Z");
const DAY_MS = 86_400_000;
/** How far back "New Releases" looks, in days. */
export const NEW_RELEASE_WINDOW_DAYS = 120;

export interface DemoGenre {
  id: GenreId;
  name: string;
}

export interface DemoPerson {
  id: string;
  name: string;
}

export interface DemoEpisode {
  id: string;
  number: number;
  name: string;
  synopsis: string;
  runtimeMinutes: number;
}

export interface DemoSeason {
  id: string;
  number: number;
  name: string;
  synopsis: string;
  year: number;
  episodes: DemoEpisode[];
}

export interface DemoTitle {
  id: string;
  slug: string;
  type: TitleType;
  name: string;
  synopsis: string;
  year: number;
  /** ISO date, YYYY-MM-DD. */
  releasedOn: string;
  /** Movies only. */
  runtimeMinutes: number | null;
  rating: Rating;
  maturityRank: number;
  languages: string[];
  /** Main genre first. */
  genres: GenreId[];
  credits: Credit[];
  /** Series only; empty for movies. */
  seasons: DemoSeason[];
  published: boolean;
  /** Unix ms; null for drafts. */
  publishedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface DemoCatalog {
  genres: DemoGenre[];
  people: DemoPerson[];
  titles: DemoTitle[];
}

/** Whether a kids profile may see a title (level ≤ PG). */
export function isKidsTitle(title: { rating: Rating }): boolean {
  return isWithinMaturity(levelOfRating(title.rating), KIDS_MAX_LEVEL);
}

/** How many titles of each rating, and which main genres suit it. */
const SHELF: readonly { type: TitleType; rating: Rating; count: number; genres: GenreId[] }[] = [
  { type: "movie", rating: "G", count: 5, genres: ["animation", "family", "documentary"] },
  {
    type: "movie",
    rating: "PG",
    count: 10,
    genres: ["animation", "family", "adventure", "comedy", "fantasy", "documentary"],
  },
  {
    type: "movie",
    rating: "PG-13",
    count: 24,
    genres: [
      "action",
      "adventure",
      "sci-fi",
      "comedy",
      "romance",
      "drama",
      "mystery",
      "fantasy",
      "documentary",
    ],
  },
  {
    type: "movie",
    rating: "R",
    count: 29,
    genres: [
      "horror",
      "thriller",
      "crime",
      "drama",
      "action",
      "sci-fi",
      "mystery",
      "romance",
      "comedy",
    ],
  },
  { type: "movie", rating: "NC-17", count: 4, genres: ["horror", "thriller", "crime", "drama"] },
  { type: "series", rating: "TV-Y", count: 2, genres: ["animation", "family"] },
  { type: "series", rating: "TV-Y7", count: 2, genres: ["animation", "family", "adventure"] },
  { type: "series", rating: "TV-Y7-FV", count: 2, genres: ["animation", "adventure", "fantasy"] },
  { type: "series", rating: "TV-G", count: 2, genres: ["documentary", "family", "comedy"] },
  {
    type: "series",
    rating: "TV-PG",
    count: 2,
    genres: ["comedy", "family", "adventure", "mystery", "documentary"],
  },
  {
    type: "series",
    rating: "TV-14",
    count: 3,
    genres: ["drama", "mystery", "sci-fi", "comedy", "fantasy", "romance"],
  },
  { type: "series", rating: "TV-MA", count: 3, genres: ["crime", "thriller", "horror", "drama"] },
];

/** Unpublished titles, so the admin side has drafts to show; dated just after the reference. */
const DRAFTS: readonly { type: TitleType; rating: Rating; genre: GenreId; releasedOn: string }[] = [
  { type: "movie", rating: "R", genre: "thriller", releasedOn: "2026-12-11" },
  { type: "series", rating: "TV-14", genre: "drama", releasedOn: "2026-12-18" },
];

interface HandWritten {
  name: string;
  type: TitleType;
  rating: Rating;
  genres: GenreId[];
  languages: string[];
  releasedOn: string;
  synopsis: string;
  runtimeMinutes?: number;
  seasons?: number;
}

/**
 * Titles written by hand: "Starfall Academy" and "Starfield Protocol" for
 * the "Starf" type-ahead test (one kids, one not, so maturity filtering
 * shows), and accented names for accent-insensitive search.
 */
const HAND_WRITTEN: readonly HandWritten[] = [
  {
    name: "Starfall Academy",
    type: "series",
    rating: "TV-Y7",
    genres: ["animation", "family", "sci-fi"],
    languages: ["en"],
    releasedOn: "2022-09-16",
    seasons: 3,
    synopsis:
      "At a floating school high above the clouds, a shy first-year and her robot roommate learn to ride comets, befriend visitors from other planets and keep the academy's oldest secret. Bright, funny and full of heart.",
  },
  {
    name: "Starfield Protocol",
    type: "movie",
    rating: "R",
    genres: ["sci-fi", "thriller"],
    languages: ["en"],
    releasedOn: "2026-10-30",
    runtimeMinutes: 132,
    synopsis:
      "A deep-space mining crew answers a distress call from a ship that vanished thirty years ago, and its pilot must decide who aboard can be trusted before the ship's emergency protocol wipes them all. A brutal, claustrophobic thriller at the edge of the solar system.",
  },
  {
    name: "Café Lumière",
    type: "movie",
    rating: "PG-13",
    genres: ["romance", "comedy"],
    languages: ["fr", "en"],
    releasedOn: "2019-06-14",
    runtimeMinutes: 104,
    synopsis:
      "A pastry chef inherits a failing Paris café — and the grumpy projectionist who lives upstairs. Warm, witty and swooningly romantic.",
  },
  {
    name: "Les Étoiles du Nord",
    type: "series",
    rating: "TV-14",
    genres: ["drama", "mystery"],
    languages: ["fr", "en"],
    releasedOn: "2021-03-05",
    seasons: 2,
    synopsis:
      "On the windswept Breton coast, a doctor comes home to uncover the truth behind the lighthouse fire that split her family in two. A haunting, slow-burning family saga.",
  },
  {
    name: "Niño del Mar",
    type: "movie",
    rating: "PG",
    genres: ["family", "adventure"],
    languages: ["es", "en"],
    releasedOn: "2024-07-12",
    runtimeMinutes: 96,
    synopsis:
      "A boy from a Galician fishing village befriends a stranded young dolphin and sets out to guide it back to the open sea before the summer storms arrive. A sun-drenched adventure for the whole family.",
  },
  {
    name: "Amélie's Garden",
    type: "movie",
    rating: "G",
    genres: ["animation", "family"],
    languages: ["fr", "en"],
    releasedOn: "2023-04-07",
    runtimeMinutes: 84,
    synopsis:
      "Amélie, a little girl with a very big watering can, discovers that the flowers in her grandmother's garden can talk — and they need her help before the first frost. A gentle, joyful tale for the youngest viewers.",
  },
];

/** One planned title before it gets a name and details. */
interface Slot {
  type: TitleType;
  rating: Rating;
  genres: GenreId[];
  handWritten?: HandWritten;
  draft?: { releasedOn: string };
  isNewRelease: boolean;
}

/** 1–3 genres: the main one, then companions that suit the audience. */
function companionGenres(main: GenreId, rating: Rating, random: Random): GenreId[] {
  const kids = isKidsTitle({ rating });
  const adult = maturityRank(levelOfRating(rating)) >= maturityRank("R");
  const candidates = GENRE_COMPANIONS[main].filter(
    (genre) =>
      !(kids && ADULT_ONLY_GENRES.has(genre)) &&
      !(adult && (genre === "family" || genre === "animation")),
  );
  const extra = random.weighted([0, 1, 1, 2], () => 1);
  const chosen: GenreId[] = [main];
  for (let i = 0; i < extra && candidates.length > 0; i++) {
    // Earlier companions are the more natural pairing, so they are likelier.
    const genre = random.weighted(
      candidates,
      (candidate) => 1 / (1 + candidates.indexOf(candidate)),
    );
    candidates.splice(candidates.indexOf(genre), 1);
    chosen.push(genre);
  }
  return chosen;
}

function planShelf(random: Random): Slot[] {
  const slots: Slot[] = [];
  for (const shelf of SHELF) {
    const handWritten = HAND_WRITTEN.filter(
      (title) => title.rating === shelf.rating && title.type === shelf.type,
    );
    for (const title of handWritten) {
      slots.push({
        type: title.type,
        rating: title.rating,
        genres: title.genres,
        handWritten: title,
        isNewRelease: false,
      });
    }
    // Main genres are dealt round-robin from a shuffled deck, so each suitable genre gets its share.
    const deck = random.shuffle(shelf.genres);
    for (let i = handWritten.length; i < shelf.count; i++) {
      const main = deck[i % deck.length]!;
      slots.push({
        type: shelf.type,
        rating: shelf.rating,
        genres: companionGenres(main, shelf.rating, random),
        isNewRelease: false,
      });
    }
  }
  // New Releases: ten generated titles (plus Starfield Protocol) came out in the last 120 days.
  const generated = slots.filter((slot) => !slot.handWritten);
  for (const slot of random.sample(generated, 10)) slot.isNewRelease = true;
  for (const draft of DRAFTS) {
    slots.push({
      type: draft.type,
      rating: draft.rating,
      genres: companionGenres(draft.genre, draft.rating, random),
      draft: { releasedOn: draft.releasedOn },
      isNewRelease: false,
    });
  }
  // Mixed, so neither ids nor insertion order cluster by rating.
  return random.shuffle(slots);
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function releaseDate(slot: Slot, seasons: number, random: Random): string {
  if (slot.handWritten) return slot.handWritten.releasedOn;
  if (slot.draft) return slot.draft.releasedOn;
  if (slot.isNewRelease)
    return isoDate(REFERENCE_MS - random.int(2, NEW_RELEASE_WINDOW_DAYS - 5) * DAY_MS);
  // Catalogs lean recent: years are skewed towards now. Series are a streaming-era thing.
  const earliest = slot.type === "series" ? 2008 : 1985;
  const latest = 2026 - (seasons - 1);
  const year = Math.max(
    earliest,
    latest - Math.floor((latest - earliest + 1) * random.next() ** 1.7),
  );
  const start = Date.parse(`${year}-01-01T00:00:00Z`);
  // Nothing outside New Releases falls into their window.
  const end = Math.min(
    Date.parse(`${year}-12-31T00:00:00Z`),
    REFERENCE_MS - (NEW_RELEASE_WINDOW_DAYS + 10) * DAY_MS,
  );
  return isoDate(start + random.int(0, Math.floor((end - start) / DAY_MS)) * DAY_MS);
}

const MOVIE_RUNTIME: Record<GenreId, [number, number]> = {
  action: [100, 150],
  adventure: [95, 150],
  animation: [80, 100],
  comedy: [86, 118],
  crime: [100, 160],
  documentary: [80, 112],
  drama: [95, 155],
  family: [82, 105],
  fantasy: [105, 160],
  horror: [84, 112],
  mystery: [95, 135],
  romance: [90, 124],
  "sci-fi": [100, 155],
  thriller: [95, 140],
};

/** Typical episode length for a series' main genre (kids' cartoons are short, dramas long). */
const EPISODE_RUNTIME: Record<GenreId, number> = {
  action: 48,
  adventure: 45,
  animation: 23,
  comedy: 26,
  crime: 54,
  documentary: 50,
  drama: 52,
  family: 28,
  fantasy: 56,
  horror: 47,
  mystery: 49,
  romance: 40,
  "sci-fi": 52,
  thriller: 50,
};

function languagesFor(genres: readonly GenreId[], random: Random): string[] {
  if (random.chance(0.7)) return ["en"];
  // Dubbed or foreign-language titles follow the genre's usual home.
  const main = genres[0]!;
  const options: string[][] = [["en", "es"]];
  if (["drama", "romance", "comedy", "crime", "mystery"].includes(main)) options.push(["fr", "en"]);
  if (["animation", "fantasy", "sci-fi", "horror", "action"].includes(main))
    options.push(["ja", "en"]);
  if (["thriller", "crime", "romance", "drama", "horror"].includes(main))
    options.push(["ko", "en"]);
  return random.pick(options);
}

const SEASON_BLURBS = [
  "The stakes get higher as old alliances crack.",
  "New faces arrive, and not all of them are friends.",
  "Everything they built is put to the test.",
  "A shocking discovery changes everything.",
];
const KIDS_SEASON_BLURBS = [
  "More adventures, more friends, more fun.",
  "A brand-new term brings brand-new surprises.",
  "The gang is back with bigger plans than ever.",
];

function buildSeasons(
  titleSlug: string,
  seasonCount: number,
  firstYear: number,
  kids: boolean,
  mainGenre: GenreId,
  characters: string[],
  random: Random,
): DemoSeason[] {
  const perSeason = Array.from({ length: seasonCount }, () => random.int(4, 10));
  const names = episodeNames(
    kids,
    perSeason.reduce((sum, n) => sum + n, 0),
    random,
  );
  const base = EPISODE_RUNTIME[mainGenre];
  const [a = "Everyone", b = "a friend"] = characters;
  let episodeIndex = 0;
  return perSeason.map((episodeCount, s) => {
    const number = s + 1;
    const synopsis =
      number === 1
        ? "Where it all begins."
        : number === seasonCount && seasonCount > 2
          ? "The final chapter."
          : random.pick(kids ? KIDS_SEASON_BLURBS : SEASON_BLURBS);
    return {
      id: uuidFrom(`season:${titleSlug}:${number}`),
      number,
      name: `Season ${number}`,
      synopsis,
      year: Math.min(2026, firstYear + s),
      episodes: Array.from({ length: episodeCount }, (_, e) => {
        // Pairs of characters rotate, so blurbs across a season don't all star the lead.
        const pair = random.shuffle(characters.length > 1 ? characters : [a, b]);
        return {
          id: uuidFrom(`episode:${titleSlug}:${number}:${e + 1}`),
          number: e + 1,
          name: names[episodeIndex++]!,
          synopsis: generateEpisodeSynopsis(kids, pair[0]!, pair[1]!, random),
          runtimeMinutes: Math.min(60, Math.max(22, base + random.int(-3, 4))),
        };
      }),
    };
  });
}

export function buildDemoCatalog(): DemoCatalog {
  const planRandom = randomFor("plan");
  const slots = planShelf(planRandom);
  const namer = createTitleNamer(slugify);
  for (const title of HAND_WRITTEN) namer.reserve(title.name);
  const nameRandom = randomFor("names");
  const casting = createCasting(randomFor("people"));

  const titles = slots.map((slot): DemoTitle => {
    const name = slot.handWritten?.name ?? namer.next(slot.genres[0]!, nameRandom);
    const slug = slugify(name);
    // Everything else about the title comes from its own generator, keyed by its slug.
    const random = randomFor(`title:${slug}`);
    const kids = isKidsTitle(slot);
    const seasonCount =
      slot.type === "movie"
        ? 0
        : (slot.handWritten?.seasons ?? (slot.isNewRelease || slot.draft ? 1 : random.int(1, 4)));
    const releasedOn = releaseDate(slot, Math.max(1, seasonCount), random);
    const year = Number(releasedOn.slice(0, 4));
    const releaseMs = Date.parse(`${releasedOn}T00:00:00Z`);
    const credits = casting.cast({ name, genres: slot.genres, kids }, random);
    const [low, high] = MOVIE_RUNTIME[slot.genres[0]!];

    let publishedAt: number | null = null;
    let createdAt: number;
    if (slot.draft) {
      createdAt = REFERENCE_MS - random.int(5, 40) * DAY_MS;
    } else {
      // New titles go live on release day; older ones were licensed some time after launch.
      publishedAt =
        releaseMs >= LAUNCH_MS
          ? releaseMs + random.int(6, 10) * 3_600_000
          : LAUNCH_MS + random.int(0, 500) * DAY_MS + random.int(0, 23) * 3_600_000;
      createdAt = publishedAt - random.int(2, 21) * DAY_MS;
    }

    return {
      id: uuidFrom(`title:${slug}`),
      slug,
      type: slot.type,
      name,
      synopsis: slot.handWritten?.synopsis ?? generateSynopsis(slot.genres, random),
      year,
      releasedOn,
      runtimeMinutes:
        slot.type === "movie" ? (slot.handWritten?.runtimeMinutes ?? random.int(low, high)) : null,
      rating: slot.rating,
      maturityRank: maturityRank(levelOfRating(slot.rating)),
      languages: slot.handWritten?.languages ?? languagesFor(slot.genres, random),
      genres: slot.genres,
      credits,
      seasons:
        seasonCount === 0
          ? []
          : buildSeasons(
              slug,
              seasonCount,
              year,
              kids,
              slot.genres[0]!,
              characterFirstNames(credits),
              random,
            ),
      published: !slot.draft,
      publishedAt,
      createdAt,
      updatedAt: publishedAt ?? createdAt + DAY_MS,
    };
  });

  const credited = new Set(titles.flatMap((title) => title.credits.map((c) => c.personId)));
  return {
    genres: GENRE_IDS.map((id) => ({ id, name: GENRE_NAMES[id] })),
    // Only people with at least one credit: an empty filmography page helps nobody.
    people: casting.people
      .filter((person: Person) => credited.has(person.id))
      .map(({ id, name }) => ({ id, name })),
    titles,
  };
}
