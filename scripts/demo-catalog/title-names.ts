/**
 * Title names from word lists, per genre, so a horror film sounds like one
 * ("The Drowned Chapel") and a cartoon like one ("Pip and the Sleepy
 * Lighthouse"). Patterns hold `{adj}`, `{noun}` and `{<extra>}` slots.
 *
 * No word here starts with "starf": the browser tests search for that prefix
 * and expect exactly the two titles that carry it.
 */
import type { GenreId } from "./genres.ts";
import type { Random } from "./random.ts";

interface Vocabulary {
  patterns: readonly string[];
  adj: readonly string[];
  noun: readonly string[];
  extra?: Record<string, readonly string[]>;
}

const TOWNS = ["Ashford", "Ravenmoor", "Kestrel Bay", "Marrow Creek", "Harlow", "Greywater"];
export const KID_NAMES = ["Pip", "Juniper", "Momo", "Bixby", "Tilly", "Otis", "Nell", "Ziggy"];

const VOCABULARY: Record<GenreId, Vocabulary> = {
  "sci-fi": {
    patterns: ["{adj} {noun}", "The {noun} {thing}", "Beyond the {adj} {noun}", "{noun} {number}"],
    adj: ["Orbital", "Quantum", "Distant", "Binary", "Neon", "Outer", "Parallel", "Zero"],
    noun: ["Horizon", "Drift", "Colony", "Meridian", "Array", "Eclipse", "Relay", "Frontier"],
    extra: {
      thing: ["Signal", "Directive", "Paradox", "Transmission"],
      number: ["Nine", "Prime", "Seven", "One"],
    },
  },
  horror: {
    patterns: [
      "The {adj} {noun}",
      "{adj} {noun}",
      "What Lies in the {noun}",
      "The {noun} at {town}",
    ],
    adj: ["Hollow", "Crooked", "Pale", "Whispering", "Drowned", "Sleepless", "Nameless", "Black"],
    noun: ["Orchard", "Chapel", "Cellar", "Lantern", "Marsh", "Attic", "Choir", "Lullaby"],
    extra: { town: TOWNS },
  },
  thriller: {
    patterns: ["The {adj} {noun}", "{time} {noun}", "{adj} {noun}"],
    adj: ["Silent", "Cold", "Blind", "Twelfth", "Burned", "Quiet", "Last", "Hidden"],
    noun: ["Witness", "Harbor", "Circuit", "Ledger", "Alibi", "Exit", "Frequency", "Hour"],
    extra: { time: ["Midnight", "Nightfall", "Daybreak", "Zero Hour"] },
  },
  crime: {
    patterns: ["The {adj} {noun}", "{adj} {noun}", "{town} {noun}", "Blood on the {noun}"],
    adj: ["Velvet", "Brass", "Crooked", "Dirty", "Sunset", "Broken", "Golden", "Loaded"],
    noun: ["Syndicate", "Docks", "Verdict", "Mile", "Boulevard", "Confession", "Racket", "Heist"],
    extra: { town: TOWNS },
  },
  drama: {
    patterns: ["The {adj} {noun}", "{adj} {noun}", "Letters from {town}", "After the {noun}"],
    adj: ["Quiet", "Long", "Borrowed", "Distant", "Unfinished", "Ordinary", "Tender", "Late"],
    noun: ["Summer", "Rooms", "Winter", "Fields", "Daughters", "Tides", "Inheritance", "Harvest"],
    extra: { town: TOWNS },
  },
  romance: {
    patterns: ["{adj} {noun}", "{season} in {city}", "The Last {noun}", "Meet Me in {city}"],
    adj: ["Paper", "Second", "Little", "Sweet", "Borrowed", "Summer", "Midnight", "Lucky"],
    noun: ["Kites", "Hearts", "Promises", "Postcards", "Vows", "Waltz", "Lanterns", "Afternoons"],
    extra: {
      season: ["Autumn", "Spring", "Winter", "One Summer"],
      city: ["Lisbon", "Kyoto", "Marseille", "Havana", "Prague", "Seoul"],
    },
  },
  comedy: {
    patterns: ["The {adj} {noun}", "My {adj} {noun}", "{adj} {noun}", "Big Trouble in {town}"],
    adj: ["Accidental", "Reluctant", "Terrible", "Perfect", "Unlikely", "Fabulous", "Awkward"],
    noun: ["Uncle", "Roommates", "Wedding", "Vacation", "Neighbors", "Intern", "Reunion"],
    extra: { town: TOWNS },
  },
  action: {
    patterns: ["{adj} {noun}", "Operation {noun}", "{noun} Point", "{adj} {noun}"],
    adj: ["Iron", "Steel", "Rapid", "Burning", "Dead", "Full", "Red", "Hard"],
    noun: ["Rain", "Strike", "Fury", "Vanguard", "Reckoning", "Sentinel", "Velocity", "Breach"],
  },
  adventure: {
    patterns: ["The {adj} {noun}", "Beyond the {adj} {noun}", "Quest for the {adj} {noun}"],
    adj: ["Lost", "Emerald", "Amber", "Sunken", "Forgotten", "Wild", "Northern", "Golden"],
    noun: ["Compass", "Expedition", "Island", "Map", "Canyon", "Voyage", "Temple", "Caravan"],
  },
  animation: {
    patterns: ["The {adj} {noun}", "{kid} and the {adj} {noun}", "{adj} {noun}", "Captain {kid}"],
    adj: ["Tiny", "Marvelous", "Bouncy", "Sleepy", "Jolly", "Giggling", "Wobbly", "Curious"],
    noun: ["Lighthouse", "Dragon", "Balloon", "Robot", "Otter", "Teapot", "Bakery", "Penguin"],
    extra: { kid: KID_NAMES },
  },
  family: {
    patterns: [
      "The {adj} {noun}",
      "Our {adj} {noun}",
      "A {noun} Called {kid}",
      "{kid} and the {noun}",
    ],
    adj: ["Brave", "Little", "Secret", "Runaway", "Clever", "Lucky", "Magic", "Summer"],
    noun: ["Treehouse", "Pony", "Camp", "Dog", "Club", "Circus", "Shed", "Detectives"],
    extra: { kid: KID_NAMES },
  },
  fantasy: {
    patterns: ["The {adj} {noun}", "The {noun} of {realm}", "Song of {realm}", "{adj} {noun}"],
    adj: ["Ember", "Thorn", "Silver", "Shattered", "Moonlit", "Obsidian", "Ashen", "Sunken"],
    noun: ["Crown", "Throne", "Realm", "Blade", "Grove", "Oath", "Tower", "Gate"],
    extra: { realm: ["Thornwood", "Ashvale", "Eldermere", "the Veil", "Winterhold"] },
  },
  mystery: {
    patterns: ["The {adj} {noun}", "The {town} Affair", "Murder at {town}", "Vanishing at {town}"],
    adj: ["Fourth", "Missing", "Locked", "Crimson", "Vanishing", "Seventh", "Painted", "Last"],
    noun: ["Key", "Riddle", "Manor", "Portrait", "Letter", "Guest", "Clock", "Room"],
    extra: { town: TOWNS },
  },
  documentary: {
    patterns: [
      "The {adj} {noun}",
      "{adj} {noun}",
      "Inside the {place}",
      "The Secret Life of {creature}",
    ],
    adj: ["Wild", "Last", "Hidden", "Frozen", "Living", "Ancient", "Deep", "Restless"],
    noun: ["Glaciers", "Cities", "Forests", "Oceans", "Rivers", "Reefs", "Deserts", "Skies"],
    extra: {
      place: ["Hive", "Volcano", "Orchestra", "Kitchen", "Storm"],
      creature: ["Owls", "Bees", "Octopuses", "Wolves", "Foxes"],
    },
  },
};

export interface TitleNamer {
  /** Marks a name as used (the hand-written titles), so no generated one repeats it. */
  reserve(name: string): void;
  /** A fresh name for a title whose main genre is `genre`. */
  next(genre: GenreId, random: Random): string;
}

/**
 * Names are unique by `key` (the slug, so two names that only differ in case
 * or accents count as one). Words no other title of the genre uses yet are
 * preferred, so the shelf doesn't repeat itself; past that, any unused name.
 */
export function createTitleNamer(key: (name: string) => string): TitleNamer {
  const taken = new Set<string>();
  const usedWords = new Set<string>();
  return {
    reserve(name) {
      taken.add(key(name));
    },
    next(genre, random) {
      const vocabulary = VOCABULARY[genre];
      for (let attempt = 0; attempt < 400; attempt++) {
        const name = random.pick(vocabulary.patterns).replace(/\{(\w+)\}/g, (_, slot: string) => {
          if (slot === "adj") return random.pick(vocabulary.adj);
          if (slot === "noun") return random.pick(vocabulary.noun);
          const words = vocabulary.extra?.[slot];
          if (!words) throw new Error(`no words for {${slot}} in ${genre}`);
          return random.pick(words);
        });
        if (taken.has(key(name))) continue;
        const words = name.split(" ").filter((word) => word.length > 3);
        if (attempt < 100 && words.some((word) => usedWords.has(`${genre}:${word}`))) continue;
        for (const word of words) usedWords.add(`${genre}:${word}`);
        taken.add(key(name));
        return name;
      }
      throw new Error(`ran out of ${genre} names`);
    },
  };
}
