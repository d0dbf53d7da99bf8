/**
 * Synopses from per-genre phrase lists: one premise sentence from the main
 * genre ("When …, … must … before …."), then up to two taglines, from the
 * main genre and from a second one, so a Sci-Fi Thriller reads like both.
 *
 * No word here starts with "starf" or is "amelie": the search tests rely on
 * those matching only the titles named so.
 */
import type { GenreId } from "./genres.ts";
import type { Random } from "./random.ts";

interface Phrases {
  /** Who the story follows. */
  heroes: readonly string[];
  /** What sets it off; a clause ("a dead satellite starts broadcasting again"). */
  events: readonly string[];
  /** What they must do; follows "must". */
  goals: readonly string[];
  /** The deadline; follows "before". */
  stakes: readonly string[];
  /** One sentence each about the show or film (a synopsis has at most three). */
  taglines: readonly string[];
}

const PHRASES: Record<GenreId, Phrases> = {
  "sci-fi": {
    heroes: [
      "a disgraced navigator",
      "the last engineer aboard a research station",
      "a cargo pilot with a borrowed name",
      "a young signal analyst",
    ],
    events: [
      "a dead satellite starts broadcasting again",
      "a colony ship wakes a century early",
      "the sun over a mining moon begins to flicker",
      "a stranger arrives claiming to be from the next decade",
    ],
    goals: [
      "decode the message",
      "lead the survivors home",
      "find out who rewrote the ship's memory",
      "shut down the machine that keeps rebooting the world",
    ],
    stakes: ["the next jump", "Earth stops listening", "the air runs out", "the orbit decays"],
    taglines: [
      "A sleek, cerebral ride through deep space.",
      "Big ideas, tight quarters and a twist worth the wait.",
      "The future has never looked this lonely.",
    ],
  },
  horror: {
    heroes: [
      "a grieving nurse",
      "a family of five",
      "a night-shift caretaker",
      "three old school friends",
    ],
    events: [
      "an abandoned chapel starts ringing its bell at night",
      "the new house turns out to have one room too many",
      "a lullaby nobody taught her drifts from the baby monitor",
      "the marsh gives back what it took forty years ago",
    ],
    goals: [
      "break the cycle",
      "get everyone out alive",
      "learn what the village buried",
      "stay awake until dawn",
    ],
    stakes: [
      "the last candle burns down",
      "the harvest moon rises",
      "it learns their names",
      "the water rises again",
    ],
    taglines: [
      "Lock the doors — it won't help.",
      "Slow-burning dread that refuses to let go.",
      "Some places remember everything.",
    ],
  },
  thriller: {
    heroes: [
      "a burned-out negotiator",
      "an air-traffic controller",
      "a court stenographer",
      "a harbor pilot",
    ],
    events: [
      "a witness vanishes the night before the trial",
      "a routine call turns into a countdown",
      "the wrong envelope lands on her desk",
      "a blackout cuts the city in two",
    ],
    goals: [
      "expose the people pulling the strings",
      "find the missing witness",
      "stop the transfer",
      "prove he was never there",
    ],
    stakes: [
      "the clock hits midnight",
      "the ship reaches port",
      "the verdict is read",
      "they find her first",
    ],
    taglines: [
      "Every minute counts, and every ally lies.",
      "A taut, twisting game of cat and mouse.",
      "Trust no one, especially yourself.",
    ],
  },
  crime: {
    heroes: [
      "a tired homicide detective",
      "a getaway driver with one job left",
      "an accountant for the wrong family",
      "two brothers on opposite sides of the law",
    ],
    events: [
      "a heist goes perfectly — except for the body",
      "an old case file reappears with new fingerprints",
      "the docks change hands overnight",
      "a confession arrives from a man already buried",
    ],
    goals: [
      "settle the debt",
      "take down the syndicate from the inside",
      "clear a dead partner's name",
      "keep the family business alive",
    ],
    stakes: [
      "the feds close in",
      "the money runs dry",
      "the city turns on them",
      "the statute runs out",
    ],
    taglines: [
      "Nobody walks away clean.",
      "A gritty portrait of loyalty and betrayal.",
      "The law is just another racket.",
    ],
  },
  drama: {
    heroes: [
      "a retired piano teacher",
      "three estranged sisters",
      "a young widower",
      "a fisherman's daughter",
    ],
    events: [
      "an unexpected inheritance brings everyone home",
      "the family farm is put up for sale",
      "a bundle of unsent letters turns up in the attic",
      "a diagnosis changes the shape of one summer",
    ],
    goals: [
      "make peace with the past",
      "hold the family together",
      "finish what their mother started",
      "decide what home really means",
    ],
    stakes: [
      "the last harvest",
      "the house is sold",
      "the winter sets in",
      "the tide goes out for good",
    ],
    taglines: [
      "A tender, quietly devastating story of second chances.",
      "Beautifully acted and impossible to forget.",
      "Small moments, enormous heart.",
    ],
  },
  romance: {
    heroes: [
      "a wedding photographer",
      "a chef between restaurants",
      "two rival booksellers",
      "a violinist on tour",
    ],
    events: [
      "a missed train leaves two strangers stranded together",
      "a postcard arrives ten years late",
      "a summer job turns into something more",
      "the wrong apartment key opens the right door",
    ],
    goals: [
      "follow their heart",
      "choose between two cities",
      "win back the one who got away",
      "admit what everyone else already knows",
    ],
    stakes: [
      "the summer ends",
      "the last ferry leaves",
      "the wedding bells ring",
      "the lease runs out",
    ],
    taglines: [
      "Falling in love was never the plan.",
      "Warm, witty and swooningly romantic.",
      "Some stories are worth the wait.",
    ],
  },
  comedy: {
    heroes: [
      "a hopelessly organised accountant",
      "two mismatched roommates",
      "an overconfident substitute teacher",
      "a family that never agrees on anything",
    ],
    events: [
      "a wedding invitation goes out with the wrong date",
      "a tiny lie spirals into a town-wide festival",
      "the office intern turns out to be the new boss",
      "a road trip takes every wrong turn possible",
    ],
    goals: [
      "save the big day",
      "keep the secret for one more week",
      "win the neighborhood bake-off",
      "get home in one piece",
    ],
    stakes: [
      "the guests arrive",
      "the parents find out",
      "the festival opens",
      "the camper van gives up",
    ],
    taglines: [
      "Laugh-out-loud chaos with a big heart.",
      "The feel-good comedy of the year.",
      "Sometimes everything has to go wrong to go right.",
    ],
  },
  action: {
    heroes: [
      "a former special-forces medic",
      "a stunt driver",
      "a disavowed agent",
      "a rookie bodyguard",
    ],
    events: [
      "a convoy is ambushed on a mountain pass",
      "a stolen payload disappears in a crowded city",
      "a rescue mission turns into a trap",
      "the one person she swore to protect goes missing",
    ],
    goals: [
      "recover the payload",
      "get the hostages out",
      "outrun the people who trained him",
      "finish the mission alone",
    ],
    stakes: ["the deadline hits", "the bridge comes down", "the exchange goes through", "sunrise"],
    taglines: [
      "Relentless, breathless and built for the big screen.",
      "No backup, no retreat.",
      "Every bullet has a story.",
    ],
  },
  adventure: {
    heroes: [
      "a young cartographer",
      "a retired sea captain",
      "two cousins with an old map",
      "a pilot with nothing to lose",
    ],
    events: [
      "a sunken ship surfaces after a storm",
      "a torn map points to an island no chart shows",
      "a caravan disappears in the dunes",
      "a letter from a long-lost explorer arrives",
    ],
    goals: [
      "find the lost expedition",
      "cross the canyon",
      "reach the temple first",
      "bring the compass home",
    ],
    stakes: [
      "the monsoon hits",
      "the rivals get there first",
      "the supplies run out",
      "the ice breaks",
    ],
    taglines: [
      "A sweeping journey to the edge of the map.",
      "Thrills, wonder and wide-open skies.",
      "Adventure is out there, and so is trouble.",
    ],
  },
  animation: {
    heroes: [
      "a curious little otter",
      "a lighthouse keeper's robot",
      "a penguin who can't swim",
      "a sleepy dragon",
    ],
    events: [
      "the town's only balloon floats away",
      "the moon gets stuck on a rooftop",
      "a magic teapot starts granting wishes",
      "the bakery's oven goes on strike",
    ],
    goals: [
      "bring everyone home for the festival",
      "learn to be brave",
      "help a new friend find the way",
      "fix things before bedtime",
    ],
    stakes: [
      "the first snow falls",
      "the big parade",
      "the sun comes up",
      "the bell rings for supper",
    ],
    taglines: [
      "A joyful adventure for the whole family.",
      "Bright, funny and full of heart.",
      "Friendship makes everything possible.",
    ],
  },
  family: {
    heroes: [
      "a brave ten-year-old",
      "a scruffy rescue dog",
      "three siblings and a grumpy grandpa",
      "a summer-camp misfit",
    ],
    events: [
      "a runaway pony turns up in the garden",
      "the treehouse club discovers a secret tunnel",
      "a travelling circus gets stranded in town",
      "a new neighbor arrives with a very unusual pet",
    ],
    goals: [
      "save the old camp",
      "win the town race",
      "keep the secret safe",
      "find their way back home",
    ],
    stakes: ["summer ends", "the fair opens", "the storm arrives", "Mom gets home"],
    taglines: [
      "Fun for all ages.",
      "A warm-hearted story about sticking together.",
      "The best adventures start in your own backyard.",
    ],
  },
  fantasy: {
    heroes: [
      "an apprentice blacksmith",
      "a banished princess",
      "a thief with a cursed blade",
      "the last keeper of the grove",
    ],
    events: [
      "the ember crown is stolen from the tower",
      "an ancient oath wakes in her blood",
      "the gate between realms begins to open",
      "the winter king breaks a thousand-year truce",
    ],
    goals: [
      "reclaim the throne",
      "restore the broken realm",
      "unite the scattered clans",
      "seal the gate for good",
    ],
    stakes: [
      "the eclipse",
      "the last spell fades",
      "the dragons wake",
      "the frost reaches the capital",
    ],
    taglines: [
      "An epic of magic, memory and sacrifice.",
      "A spellbinding world you won't want to leave.",
      "Legends are made, not born.",
    ],
  },
  mystery: {
    heroes: [
      "an amateur sleuth",
      "a village postmistress",
      "a retired inspector",
      "a true-crime podcaster",
    ],
    events: [
      "a guest vanishes from a locked room",
      "a painted portrait changes overnight",
      "the manor's clocks all stop at once",
      "a letter accuses someone at the dinner table",
    ],
    goals: [
      "solve the riddle",
      "unmask the culprit",
      "find out what happened that night",
      "read the clues everyone missed",
    ],
    stakes: [
      "the weekend is over",
      "the next guest disappears",
      "the police close the case",
      "the tide cuts off the island",
    ],
    taglines: [
      "Everyone has a motive.",
      "A twisty puzzle with a killer final act.",
      "The truth is hiding in plain sight.",
    ],
  },
  documentary: {
    heroes: [
      "a team of marine biologists",
      "a photographer",
      "a chef",
      "a pair of wildlife filmmakers",
    ],
    events: [
      "the glaciers begin their fastest retreat on record",
      "a city's wildlife adapts to life among the towers",
      "a reef recovers against all odds",
      "a remote valley is filmed for the first time",
    ],
    goals: [
      "document a disappearing world",
      "follow one extraordinary year",
      "tell the story of the people who stayed",
      "capture what nobody has seen before",
    ],
    stakes: ["it is gone", "the season changes", "the river runs dry", "the ice melts"],
    taglines: [
      "Breathtaking, intimate and eye-opening.",
      "The planet as you've never seen it.",
      "A story of resilience, told by those who live it.",
    ],
  },
};

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** One to three sentences: a premise from `genres[0]`, then taglines. */
export function generateSynopsis(genres: readonly GenreId[], random: Random): string {
  const main = PHRASES[genres[0]!];
  const hero = random.pick(main.heroes);
  const event = random.pick(main.events);
  const goal = random.pick(main.goals);
  const premise = random.chance(0.5)
    ? `When ${event}, ${hero} must ${goal} before ${random.pick(main.stakes)}.`
    : `${capitalise(event)}, and ${hero} is the only one who can ${goal}.`;
  const sentences = [premise];
  if (random.chance(0.7)) sentences.push(random.pick(main.taglines));
  const second = genres[1];
  if (second && random.chance(0.5)) {
    const tagline = random.pick(PHRASES[second].taglines);
    if (!sentences.includes(tagline)) sentences.push(tagline);
  }
  return sentences.join(" ");
}

/** Episode blurbs for grown-up and for kids shows; `{a}` and `{b}` are characters. */
const EPISODE_LINES = [
  "{a} makes a choice that can't be undone.",
  "{a} and {b} finally compare notes.",
  "An old friend of {a}'s returns with bad news.",
  "{b} uncovers what {a} has been hiding.",
  "A storm traps everyone under one roof.",
  "{a} follows a lead that goes nowhere — or so it seems.",
  "{b} is offered a way out, at a price.",
  "Nothing goes to plan, and {a} has to improvise.",
  "Secrets surface as {a} and {b} are pushed to the edge.",
  "The truth arrives, and nothing will be the same.",
];
const KIDS_EPISODE_LINES = [
  "{a} learns that sharing is more fun.",
  "{a} and {b} build something amazing.",
  "A rainy day turns into a big adventure for {a}.",
  "{b} has a wobbly tooth and a brilliant plan.",
  "{a} discovers a hidden garden.",
  "Everyone helps {b} get ready for the big show.",
  "{a} and {b} go on a treasure hunt.",
  "{a} makes a new friend in an unexpected place.",
  "A lost kite leads {a} and {b} across town.",
  "{b} tries something new and loves it.",
];

export function generateEpisodeSynopsis(kids: boolean, a: string, b: string, random: Random) {
  return random
    .pick(kids ? KIDS_EPISODE_LINES : EPISODE_LINES)
    .replaceAll("{a}", a)
    .replaceAll("{b}", b);
}

const EPISODE_NAMES = [
  "The Long Way Round",
  "Small Hours",
  "Crossing Lines",
  "Undertow",
  "Old Debts",
  "The Other Side",
  "Signals",
  "Homecoming",
  "A Door Left Open",
  "Low Tide",
  "The Visitor",
  "Weight of Water",
  "Nowhere to Run",
  "First Light",
  "Brightwater",
  "Dead Reckoning",
  "Glass Houses",
  "The Offer",
  "Thin Ice",
  "Loose Ends",
  "Fault Lines",
  "The Reckoning",
  "Endgame",
];
const KIDS_EPISODE_NAMES = [
  "Hello, World!",
  "The Big Splash",
  "Rainy Day Rescue",
  "Moon Balloon",
  "The Lost Mitten",
  "Picnic Panic",
  "Snow Day",
  "The Great Bake-Off",
  "Treasure Map",
  "Bedtime Story",
  "Tooth Fairy Trouble",
  "The Magic Puddle",
  "Kite Festival",
  "Super Helpers",
  "Night Lights",
  "The Giggle Machine",
  "Muddy Boots",
  "Birthday Surprise",
  "Up, Up and Away",
  "Goodnight, Moon Bay",
];

/** Episode names for one series, in airing order, without repeats across its seasons. */
export function episodeNames(kids: boolean, count: number, random: Random): string[] {
  const names = random.shuffle(kids ? KIDS_EPISODE_NAMES : EPISODE_NAMES);
  const result: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = names[i % names.length]!;
    // A long series outlasts the list: "Part Two" keeps the names unique.
    result.push(i < names.length ? name : `${name}, Part Two`);
  }
  // Half the grown-up series open with a "Pilot"; the name is used nowhere else.
  if (!kids && count > 0 && random.chance(0.5)) result[0] = "Pilot";
  return result;
}
