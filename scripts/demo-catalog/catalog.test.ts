/** The demo catalog's shape: every count and rule the brief and the browser tests rely on. */
import { describe, expect, it } from "vitest";
import { RATINGS, levelOfRating, maturityRank } from "../../lib/maturity.ts";
import {
  CATALOG_REFERENCE_DATE,
  NEW_RELEASE_WINDOW_DAYS,
  buildDemoCatalog,
  isKidsTitle,
} from "./catalog.ts";
import { GENRE_NAMES } from "./genres.ts";
import { slugify, uuidFrom } from "./ids.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const catalog = buildDemoCatalog();
const published = catalog.titles.filter((title) => title.published);
const series = published.filter((title) => title.type === "series");
const movies = published.filter((title) => title.type === "movie");

describe("the demo catalog", () => {
  it("has at least 84 published titles and 2 drafts", () => {
    expect(published.length).toBeGreaterThanOrEqual(84);
    const drafts = catalog.titles.filter((title) => !title.published);
    expect(drafts).toHaveLength(2);
    for (const draft of drafts) expect(draft.publishedAt).toBeNull();
    for (const title of published) expect(title.publishedAt).toEqual(expect.any(Number));
  });

  it("has at least 12 series of 1–4 seasons with 4–10 episodes of 22–60 minutes", () => {
    expect(series.length).toBeGreaterThanOrEqual(12);
    for (const title of catalog.titles.filter((t) => t.type === "series")) {
      expect(title.runtimeMinutes).toBeNull();
      expect(title.seasons.length).toBeGreaterThanOrEqual(1);
      expect(title.seasons.length).toBeLessThanOrEqual(4);
      title.seasons.forEach((season, i) => {
        expect(season.number).toBe(i + 1);
        expect(season.episodes.length).toBeGreaterThanOrEqual(4);
        expect(season.episodes.length).toBeLessThanOrEqual(10);
        season.episodes.forEach((episode, e) => {
          expect(episode.number).toBe(e + 1);
          expect(episode.runtimeMinutes).toBeGreaterThanOrEqual(22);
          expect(episode.runtimeMinutes).toBeLessThanOrEqual(60);
          expect(episode.name).not.toBe("");
        });
      });
    }
  });

  it("gives movies 80–160 minutes and no seasons", () => {
    for (const title of movies) {
      expect(title.seasons).toEqual([]);
      expect(title.runtimeMinutes).toBeGreaterThanOrEqual(80);
      expect(title.runtimeMinutes).toBeLessThanOrEqual(160);
    }
  });

  it("uses every rating at least twice, with the matching maturity rank", () => {
    for (const rating of RATINGS) {
      expect(
        published.filter((title) => title.rating === rating).length,
        rating,
      ).toBeGreaterThanOrEqual(2);
    }
    for (const title of catalog.titles) {
      expect(title.maturityRank).toBe(maturityRank(levelOfRating(title.rating)));
    }
  });

  it("has at least 18 kids titles, mostly Animation, Family, Adventure and Comedy", () => {
    const kids = published.filter(isKidsTitle);
    expect(kids.length).toBeGreaterThanOrEqual(18);
    const friendly = kids.filter((title) =>
      ["animation", "family", "adventure", "comedy"].includes(title.genres[0]!),
    );
    expect(friendly.length / kids.length).toBeGreaterThan(0.7);
    for (const title of kids) {
      expect(title.genres).not.toContain("horror");
      expect(title.genres).not.toContain("thriller");
      expect(title.genres).not.toContain("crime");
    }
    const horror = published.filter((title) => title.genres[0] === "horror");
    for (const title of horror) expect(isKidsTitle(title)).toBe(false);
  });

  it("has the 14 genres, each on at least 4 titles, and 1–3 genres per title", () => {
    expect(catalog.genres.map((genre) => genre.name)).toEqual(
      expect.arrayContaining([
        "Action",
        "Adventure",
        "Animation",
        "Comedy",
        "Crime",
        "Documentary",
        "Drama",
        "Family",
        "Fantasy",
        "Horror",
        "Mystery",
        "Romance",
        "Sci-Fi",
        "Thriller",
      ]),
    );
    expect(catalog.genres.find((genre) => genre.name === "Sci-Fi")?.id).toBe("sci-fi");
    for (const genre of catalog.genres) {
      expect(GENRE_NAMES[genre.id]).toBe(genre.name);
      const count = published.filter((title) => title.genres.includes(genre.id)).length;
      expect(count, genre.id).toBeGreaterThanOrEqual(4);
    }
    for (const title of catalog.titles) {
      expect(title.genres.length).toBeGreaterThanOrEqual(1);
      expect(title.genres.length).toBeLessThanOrEqual(3);
      expect(new Set(title.genres).size).toBe(title.genres.length);
    }
  });

  it("has the two Starf… titles the browser tests search for", () => {
    const starf = catalog.titles.filter((title) => title.name.toLowerCase().startsWith("starf"));
    expect(starf.map((title) => title.name).sort()).toEqual([
      "Starfall Academy",
      "Starfield Protocol",
    ]);
    const academy = starf.find((title) => title.name === "Starfall Academy")!;
    expect(academy).toMatchObject({ type: "series", published: true });
    expect(academy.genres).toContain("animation");
    expect(isKidsTitle(academy)).toBe(true);
    const protocol = starf.find((title) => title.name === "Starfield Protocol")!;
    expect(protocol).toMatchObject({
      type: "movie",
      published: true,
      genres: ["sci-fi", "thriller"],
    });
    expect(["R", "TV-MA"]).toContain(protocol.rating);
    // Nothing else in the catalog's text starts with "starf", so the prefix finds exactly these.
    const words = catalog.titles
      .filter((title) => !starf.includes(title))
      .flatMap((title) => `${title.name} ${title.synopsis}`.toLowerCase().split(/[^\p{L}]+/u));
    expect(words.filter((word) => word.startsWith("starf"))).toEqual([]);
  });

  it("has accented names for accent-insensitive search", () => {
    const names = catalog.titles.map((title) => title.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "Café Lumière",
        "Les Étoiles du Nord",
        "Niño del Mar",
        "Amélie's Garden",
      ]),
    );
    expect(catalog.titles.find((title) => title.name === "Amélie's Garden")?.slug).toBe(
      "amelies-garden",
    );
  });

  it("has unique names and slugs derived from them", () => {
    expect(new Set(catalog.titles.map((title) => title.name.toLowerCase())).size).toBe(
      catalog.titles.length,
    );
    expect(new Set(catalog.titles.map((title) => title.slug)).size).toBe(catalog.titles.length);
    for (const title of catalog.titles) {
      expect(title.slug).toBe(slugify(title.name));
      expect(title.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it("dates titles 1985–2026, with New Releases in the last 120 days", () => {
    for (const title of catalog.titles) {
      expect(title.releasedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${title.releasedOn}T00:00:00Z`).toISOString().slice(0, 10)).toBe(
        title.releasedOn,
      );
      expect(title.year).toBe(Number(title.releasedOn.slice(0, 4)));
      expect(title.year).toBeGreaterThanOrEqual(1985);
      expect(title.year).toBeLessThanOrEqual(2026);
      expect(title.createdAt).toBeLessThanOrEqual(title.updatedAt);
    }
    const reference = Date.parse(`${CATALOG_REFERENCE_DATE}T00:00:00Z`);
    const since = reference - NEW_RELEASE_WINDOW_DAYS * 86_400_000;
    const fresh = published.filter((title) => {
      const released = Date.parse(`${title.releasedOn}T00:00:00Z`);
      return released >= since && released <= reference;
    });
    expect(fresh.length).toBeGreaterThanOrEqual(8);
    for (const title of published)
      expect(Date.parse(`${title.releasedOn}T00:00:00Z`)).toBeLessThanOrEqual(reference);
  });

  it("writes 1–3 sentence synopses and sets languages", () => {
    for (const title of catalog.titles) {
      const sentences = title.synopsis.match(/[.!?](\s|$)/g) ?? [];
      expect(sentences.length, title.synopsis).toBeGreaterThanOrEqual(1);
      expect(sentences.length, title.synopsis).toBeLessThanOrEqual(3);
      expect(title.languages.length).toBeGreaterThanOrEqual(1);
      for (const language of title.languages) expect(language).toMatch(/^[a-z]{2}$/);
    }
    const mostlyEnglish = catalog.titles.filter((t) => t.languages.join() === "en").length;
    expect(mostlyEnglish / catalog.titles.length).toBeGreaterThan(0.5);
  });

  it("credits a director and 3–6 cast per title, with people recurring", () => {
    const people = new Set(catalog.people.map((person) => person.id));
    const creditsPerPerson = new Map<string, number>();
    for (const title of catalog.titles) {
      const directors = title.credits.filter((credit) => credit.role === "director");
      const cast = title.credits.filter((credit) => credit.role === "cast");
      expect(directors).toHaveLength(1);
      expect(cast.length).toBeGreaterThanOrEqual(3);
      expect(cast.length).toBeLessThanOrEqual(6);
      expect(cast.map((credit) => credit.position)).toEqual(cast.map((_, i) => i + 1));
      for (const credit of cast) expect(credit.character).toBeTruthy();
      for (const credit of title.credits) {
        expect(people.has(credit.personId)).toBe(true);
        creditsPerPerson.set(credit.personId, (creditsPerPerson.get(credit.personId) ?? 0) + 1);
      }
      expect(new Set(title.credits.map((c) => c.personId)).size).toBe(title.credits.length);
    }
    const recurring = [...creditsPerPerson.values()].filter((count) => count >= 3);
    expect(recurring.length).toBeGreaterThanOrEqual(30);
    expect(new Set(catalog.people.map((person) => person.name)).size).toBe(catalog.people.length);
  });

  it("uses unique, strictly formatted UUIDs", () => {
    const ids = [
      ...catalog.titles.map((title) => title.id),
      ...catalog.titles.flatMap((title) => title.seasons.map((season) => season.id)),
      ...catalog.titles.flatMap((title) =>
        title.seasons.flatMap((season) => season.episodes.map((episode) => episode.id)),
      ),
      ...catalog.people.map((person) => person.id),
    ];
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
    for (const title of catalog.titles) expect(title.id).toBe(uuidFrom(`title:${title.slug}`));
  });

  it("is the same on every build", () => {
    expect(buildDemoCatalog()).toEqual(catalog);
  });
});
