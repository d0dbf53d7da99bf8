/**
 * The demo's directors and actors, and who works on what. People have home
 * genres and a "star power", and casting favours both, so the same faces
 * recur across similar titles — that is what gives "shares people" in the
 * similarity model something to find.
 */
import type { CreditRole } from "../../lib/db/schema.ts";
import { GENRE_IDS, type GenreId } from "./genres.ts";
import { slugify, uuidFrom } from "./ids.ts";
import { KID_NAMES } from "./title-names.ts";
import type { Random } from "./random.ts";

const FIRST_NAMES = [
  "Ava",
  "Mateo",
  "Noémie",
  "Kenji",
  "Priya",
  "Luca",
  "Zoë",
  "Tomás",
  "Amara",
  "Felix",
  "Inès",
  "Oren",
  "Saoirse",
  "Dmitri",
  "Leila",
  "Hugo",
  "Mei",
  "Rafael",
  "Ingrid",
  "Kwame",
  "Chloé",
  "Anders",
  "Yara",
  "Callum",
  "Sofía",
  "Jonah",
  "Aiko",
  "Marcus",
  "Elif",
  "Bastian",
  "Nadia",
  "Theo",
  "Ji-woo",
  "Gabriel",
  "Freya",
  "Idris",
  "Lucía",
  "Emeka",
  "Clara",
  "Soren",
];
const LAST_NAMES = [
  "Hartley",
  "Okafor",
  "Lindqvist",
  "Moreau",
  "Tanaka",
  "Castellanos",
  "Byrne",
  "Novak",
  "Achterberg",
  "Reyes",
  "Whitlock",
  "Haddad",
  "Kowalski",
  "Delacroix",
  "Park",
  "Osei",
  "Fontaine",
  "Mendes",
  "Sørensen",
  "Quinlan",
  "Adeyemi",
  "Varga",
  "Holloway",
  "Nakamura",
  "Ferreira",
  "Ashdown",
  "Kaur",
  "Brennan",
  "Vasquez",
  "Ellery",
  "Marchetti",
  "Yilmaz",
  "Thorne",
  "Ibáñez",
  "Calloway",
  "Mbeki",
  "Lund",
  "Serrano",
  "Pryce",
  "Whitmore",
];

/** Fictional characters for grown-up titles; kept apart from the people's names. */
const CHARACTER_FIRST = [
  "Mara",
  "Idris",
  "Wren",
  "Cass",
  "Jonah",
  "Della",
  "Rook",
  "Ines",
  "Silas",
  "Nora",
  "August",
  "Vera",
  "Milo",
  "June",
  "Esme",
  "Abel",
  "Lena",
  "Kit",
  "Ruth",
  "Dax",
];
const CHARACTER_LAST = [
  "Voss",
  "Hale",
  "Calder",
  "Marsh",
  "Quill",
  "Draper",
  "Lowell",
  "Sterne",
  "Blackwood",
  "Ferrand",
  "Cole",
  "Ashby",
  "Kincaid",
  "Mercer",
  "Rhee",
  "Solano",
];
const HONORIFICS: Partial<Record<GenreId, readonly string[]>> = {
  crime: ["Detective", "Sergeant"],
  thriller: ["Agent", "Inspector"],
  "sci-fi": ["Captain", "Commander", "Dr."],
  action: ["Major", "Agent"],
  fantasy: ["Lady", "Lord", "Queen"],
  mystery: ["Inspector", "Miss"],
  horror: ["Father", "Dr."],
};
/** Characters for kids' titles. */
const KIDS_CHARACTERS = [
  "Grandma Tulip",
  "Captain Sprocket",
  "Mr. Biscuit",
  "Luna",
  "Professor Puddle",
  "Bo",
  "Waffles",
  "Princess Pebble",
  "Dash",
  "Auntie Marigold",
  "Sir Crumble",
  "Flicker",
];

export interface Person {
  id: string;
  name: string;
  homeGenres: GenreId[];
  /** How often casting picks them, relative to others. */
  starPower: number;
}

export interface Credit {
  personId: string;
  role: CreditRole;
  character: string | null;
  /** Billing order within the role, from 1. */
  position: number;
}

export interface TitleToCast {
  name: string;
  genres: readonly GenreId[];
  kids: boolean;
}

export interface Casting {
  people: Person[];
  /** A director and 3–6 cast for a title; call in catalog order. */
  cast(title: TitleToCast, random: Random): Credit[];
}

function makePeople(count: number, offset: number, random: Random, taken: Set<string>): Person[] {
  const people: Person[] = [];
  while (people.length < count) {
    const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    if (taken.has(name)) continue;
    taken.add(name);
    // Two home genres each: the first dealt round-robin, so every genre has regulars.
    const first = GENRE_IDS[(people.length + offset) % GENRE_IDS.length]!;
    const second = random.pick(GENRE_IDS.filter((genre) => genre !== first));
    people.push({
      id: uuidFrom(`person:${slugify(name)}`),
      name,
      homeGenres: [first, second],
      starPower: 0.4 + random.next() ** 2 * 3,
    });
  }
  return people;
}

/**
 * A fixed pool of people (so the catalog has a repertory), cast title by
 * title. A person's weight for a title grows with shared genres and star
 * power and shrinks with the credits they already hold, so work spreads.
 */
export function createCasting(random: Random): Casting {
  const taken = new Set<string>();
  const directors = makePeople(30, 0, random, taken);
  const actors = makePeople(120, 7, random, taken);
  const credited = new Map<string, number>();
  const weight = (person: Person, genres: readonly GenreId[]) => {
    const shared = person.homeGenres.filter((genre) => genres.includes(genre)).length;
    const load = credited.get(person.id) ?? 0;
    return ((shared === 0 ? 0.15 : shared * 3) * person.starPower) / (1 + load * 0.6);
  };
  const choose = (pool: Person[], genres: readonly GenreId[], excluded: Set<string>) => {
    const person = random.weighted(
      pool.filter((candidate) => !excluded.has(candidate.id)),
      (candidate) => weight(candidate, genres),
    );
    excluded.add(person.id);
    credited.set(person.id, (credited.get(person.id) ?? 0) + 1);
    return person;
  };

  return {
    people: [...directors, ...actors],
    cast(title, castRandom) {
      const used = new Set<string>();
      const credits: Credit[] = [
        {
          personId: choose(directors, title.genres, used).id,
          role: "director",
          character: null,
          position: 1,
        },
      ];
      const count = castRandom.int(3, 6);
      const characters = characterNames(title, count, castRandom);
      for (let i = 0; i < count; i++) {
        credits.push({
          personId: choose(actors, title.genres, used).id,
          role: "cast",
          character: characters[i]!,
          position: i + 1,
        });
      }
      return credits;
    },
  };
}

function characterNames(title: TitleToCast, count: number, random: Random): string[] {
  const main = title.genres[0]!;
  if (main === "documentary") {
    // Documentaries credit their narrator and the people on screen as themselves.
    return Array.from({ length: count }, (_, i) => (i === 0 ? "Narrator" : "Self"));
  }
  // The hero named in the title ("Pip and the …", "A Dog Called Juniper") is billed first.
  const hero = KID_NAMES.find((kid) => title.name.split(/\W+/).includes(kid));
  if (title.kids && title.genres.includes("animation")) {
    const names = random.sample(KIDS_CHARACTERS, count);
    if (hero) names[0] = hero;
    return names;
  }
  const names = new Set<string>(hero ? [hero] : []);
  const honorifics = title.kids ? [] : (HONORIFICS[main] ?? []);
  while (names.size < count) {
    const first = random.pick(CHARACTER_FIRST);
    const last = random.pick(CHARACTER_LAST);
    // The lead of a genre with ranks or titles often carries one.
    const name =
      names.size === 0 && honorifics.length > 0 && random.chance(0.6)
        ? `${random.pick(honorifics)} ${first} ${last}`
        : `${first} ${last}`;
    if (![...names].some((other) => other.endsWith(` ${last}`) || other.startsWith(first)))
      names.add(name);
  }
  return [...names];
}

/** First names of a title's characters, for episode blurbs ("Mara and Idris …"). */
export function characterFirstNames(credits: readonly Credit[]): string[] {
  return credits
    .filter((credit) => credit.role === "cast" && credit.character)
    .map((credit) => credit.character!)
    .filter((character) => character !== "Narrator" && character !== "Self")
    .map((character) => {
      const words = character.split(" ");
      // "Detective Mara Voss" → "Mara"; "Grandma Tulip" stays whole.
      return words.length === 3
        ? words[1]!
        : words.length === 2 && CHARACTER_LAST.includes(words[1]!)
          ? words[0]!
          : character;
    });
}
