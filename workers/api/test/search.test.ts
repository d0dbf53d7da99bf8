import { beforeAll, describe, expect, it } from "vitest";
import { loadDemoCatalog } from "./demo-catalog.ts";
import { request, staffToken, viewerToken } from "./helpers.ts";

interface Results {
  correctedQuery: string | null;
  total: number;
  results: {
    id: string;
    name: string;
    type: string;
    year: number;
    genres: string[];
    maturityLevel: string;
  }[];
}

let viewer: string;
let admin: string;
const made: Record<string, string> = {};

async function publishedTitle(key: string, fields: Record<string, unknown>) {
  const response = await request("/api/admin/catalog/titles", {
    token: admin,
    body: {
      slug: `search-${key}-${crypto.randomUUID().slice(0, 6)}`,
      type: "movie",
      synopsis: "A quiet story.",
      year: 2020,
      releasedOn: "2020-05-01",
      runtimeMinutes: 90,
      rating: "PG",
      languages: ["en"],
      genres: ["drama"],
      credits: [],
      ...fields,
    },
  });
  const { id } = (await response.json()) as { id: string };
  await request(`/api/admin/catalog/titles/${id}/publish`, { method: "POST", token: admin });
  made[key] = id;
}

async function search(query: string): Promise<Results> {
  const response = await request(`/api/search?${query}`, { token: viewer });
  expect(response.status).toBe(200);
  return (await response.json()) as Results;
}

beforeAll(async () => {
  await loadDemoCatalog();
  viewer = (await viewerToken()).token;
  admin = (await staffToken()).token;
  // Three titles that all contain "zephyrine": in the name, among the people, only in the synopsis.
  await publishedTitle("in-name", { name: "Zephyrine Falls" });
  await publishedTitle("in-people", {
    name: "The Lamplighters",
    credits: [{ name: "Ada Zephyrine", role: "director" }],
  });
  await publishedTitle("in-synopsis", {
    name: "Low Tide",
    synopsis: "Nobody remembers the zephyrine winter.",
  });
});

describe("searchTitles", () => {
  it("ranks a match in the name above one among the people, above one in the synopsis", async () => {
    const { results } = await search("q=zephyrine");
    expect(results.map((r) => r.id)).toEqual([
      made["in-name"],
      made["in-people"],
      made["in-synopsis"],
    ]);
  });

  it("needs every word, and takes an unfinished last word as a prefix", async () => {
    expect((await search("q=zephyrine%20falls")).results.map((r) => r.id)).toEqual([
      made["in-name"],
    ]);
    expect((await search("q=zephyr")).results.map((r) => r.id)).toContain(made["in-name"]);
    const demo = await search("q=starf");
    expect(demo.results.map((r) => r.name).sort()).toEqual([
      "Starfall Academy",
      "Starfield Protocol",
    ]);
  });

  it("ignores accents and case", async () => {
    const plain = await search("q=etoiles%20du%20nord");
    expect(plain.results.map((r) => r.name)).toEqual(["Les Étoiles du Nord"]);
    const accented = await search(`q=${encodeURIComponent("CAFÉ lumiere")}`);
    expect(accented.results.map((r) => r.name)).toEqual(["Café Lumière"]);
  });

  it("corrects one typo per word when nothing matches as typed, and says so", async () => {
    const result = await search("q=starfeild");
    expect(result.correctedQuery).toBe("starfield");
    expect(result.results.map((r) => r.name)).toEqual(["Starfield Protocol"]);
    const transposed = await search("q=zepyhrine");
    expect(transposed.correctedQuery).toBe("zephyrine");
    expect((await search("q=qqqqqqqq")).total).toBe(0);
  });

  it("filters by type, genre, year range and maturity", async () => {
    const series = await search("q=the&type=series&pageSize=50");
    expect(series.total).toBeGreaterThan(0);
    expect(series.results.every((r) => r.type === "series")).toBe(true);
    const comedy = await search("q=the&genre=comedy&pageSize=50");
    expect(comedy.results.every((r) => r.genres.includes("comedy"))).toBe(true);
    const nineties = await search("q=the&yearFrom=1990&yearTo=1999&pageSize=50");
    expect(nineties.results.every((r) => r.year >= 1990 && r.year <= 1999)).toBe(true);
    const gentle = await search("q=the&maturity=PG&pageSize=50");
    expect(gentle.results.every((r) => ["G", "PG"].includes(r.maturityLevel))).toBe(true);
    const all = await search("q=the&pageSize=50");
    expect(gentle.total).toBeLessThan(all.total);
  });

  it("pages through results without repeats", async () => {
    const first = await search("q=the&pageSize=5&page=1");
    const second = await search("q=the&pageSize=5&page=2");
    expect(first.total).toBe(second.total);
    expect(first.results).toHaveLength(5);
    const ids = [...first.results, ...second.results].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("browses by filters alone, most popular first", async () => {
    const mysteries = await search("genre=mystery&type=series&pageSize=50");
    expect(mysteries.total).toBeGreaterThan(0);
    expect(
      mysteries.results.every((r) => r.type === "series" && r.genres.includes("mystery")),
    ).toBe(true);
    const response = await request("/api/search", { token: viewer });
    expect(response.status).toBe(400);
  });

  it("refuses a year range that runs backwards", async () => {
    const response = await request("/api/search?q=the&yearFrom=2000&yearTo=1990", {
      token: viewer,
    });
    expect(response.status).toBe(400);
  });
});

describe("suggestTitles", () => {
  it("suggests titles whose name has a word starting with what was typed", async () => {
    const response = await request("/api/search/suggestions?q=starf", { token: viewer });
    const { suggestions } = (await response.json()) as {
      suggestions: { name: string; posterUrl: string | null }[];
    };
    expect(suggestions.map((s) => s.name).sort()).toEqual([
      "Starfall Academy",
      "Starfield Protocol",
    ]);
    expect(suggestions.every((s) => s.posterUrl?.startsWith("/api/artwork/"))).toBe(true);
  });

  it("matches names only, not synopses or people", async () => {
    const response = await request("/api/search/suggestions?q=zephyrine", { token: viewer });
    const { suggestions } = (await response.json()) as { suggestions: { name: string }[] };
    expect(suggestions.map((s) => s.name)).toEqual(["Zephyrine Falls"]);
  });

  it("answers punctuation alone with no suggestions", async () => {
    const response = await request("/api/search/suggestions?q=%21%21", { token: viewer });
    expect(await response.json()).toEqual({ suggestions: [] });
  });
});
