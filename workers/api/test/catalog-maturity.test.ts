/**
 * A kids profile never sees a title above its level, anywhere: every read
 * API is checked against every title of the demo catalog.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { maturityRank } from "../../../lib/maturity.ts";
import { catalogTitles, loadDemoCatalog, type CatalogTitle } from "./demo-catalog.ts";
import { kidsSessionToken, registerAccount, request, viewerToken } from "./helpers.ts";

const KIDS_RANK = maturityRank("PG");

let titles: CatalogTitle[];
let tokens: string[];
let writers: string[];
let next = 0;
/** Kids sessions in turn, so hundreds of reads stay under each account's browse limit. */
const kids = () => tokens[next++ % tokens.length]!;

beforeAll(async () => {
  await loadDemoCatalog();
  titles = await catalogTitles();
  const sessions = () =>
    Array.from({ length: 6 }, async () => kidsSessionToken((await registerAccount()).accessToken));
  tokens = await Promise.all(sessions());
  writers = await Promise.all(sessions());
});

const rankOf = (id: string) => titles.find((title) => title.id === id)!.maturity_rank;
const allowed = (title: CatalogTitle) => title.published === 1 && title.maturity_rank <= KIDS_RANK;

async function get<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await request(path, { token: kids() });
  return { status: response.status, body: (await response.json()) as T };
}

function expectOnlyAllowed(ids: string[]) {
  for (const id of ids)
    expect(rankOf(id), `title ${id} is above PG`).toBeLessThanOrEqual(KIDS_RANK);
}

describe("a kids profile (PG)", () => {
  it("has a catalog with titles on both sides of its level to be tested against", () => {
    expect(titles.filter(allowed).length).toBeGreaterThanOrEqual(15);
    expect(titles.filter((title) => title.maturity_rank > KIDS_RANK).length).toBeGreaterThanOrEqual(
      40,
    );
  });

  it("sees no title above PG on its home page", async () => {
    const { status, body } = await get<{
      heroId: string | null;
      rows: { titleIds: string[] }[];
      titles: Record<string, { id: string }>;
    }>("/api/home");
    expect(status).toBe(200);
    const ids = body.rows.flatMap((row) => row.titleIds);
    expect(ids.length).toBeGreaterThan(10);
    expectOnlyAllowed([...ids, ...Object.keys(body.titles), ...(body.heroId ? [body.heroId] : [])]);
  });

  it("gets 404 for every title above PG, and never a similar title above PG", async () => {
    for (const title of titles) {
      const { status, body } = await get<{ similar: { id: string }[] }>(`/api/titles/${title.id}`);
      expect(status, title.name).toBe(allowed(title) ? 200 : 404);
      if (status === 200) expectOnlyAllowed(body.similar.map((s) => s.id));
    }
  });

  it("finds no title above PG by searching for any title's name", async () => {
    for (const title of titles) {
      const { body } = await get<{ results: { id: string }[] }>(
        `/api/search?q=${encodeURIComponent(title.name)}`,
      );
      expectOnlyAllowed(body.results.map((result) => result.id));
      if (allowed(title)) expect(body.results.map((result) => result.id)).toContain(title.id);
    }
  });

  it("is suggested no title above PG for the first letters of any title", async () => {
    for (const title of titles) {
      const { body } = await get<{ suggestions: { id: string }[] }>(
        `/api/search/suggestions?q=${encodeURIComponent(title.name.slice(0, 3))}`,
      );
      expectOnlyAllowed(body.suggestions.map((suggestion) => suggestion.id));
    }
  });

  it("cannot ask search for more than its level", async () => {
    const { body } = await get<{ results: { id: string }[] }>(
      "/api/search?q=the&maturity=NC-17&pageSize=50",
    );
    expectOnlyAllowed(body.results.map((result) => result.id));
  });

  it("can list only titles it may see, and its list shows no other", async () => {
    // My List writes count against the profile tier (20 a minute): 18 titles per session.
    for (const [index, title] of titles.entries()) {
      const writer = writers[Math.floor(index / 18)]!;
      const response = await request(`/api/my-list/${title.id}`, { method: "PUT", token: writer });
      expect(response.status, title.name).toBe(allowed(title) ? 204 : 404);
    }
    const lists = await Promise.all(
      writers.map(async (writer) => {
        const response = await request("/api/my-list", { token: writer });
        return ((await response.json()) as { titles: { id: string }[] }).titles;
      }),
    );
    const listed = lists.flat().map((title) => title.id);
    expectOnlyAllowed(listed);
    expect(listed.sort()).toEqual(
      titles
        .filter(allowed)
        .map((title) => title.id)
        .sort(),
    );
  });

  it("counts only titles it may see in genres", async () => {
    const { body } = await get<{ genres: { id: string; titleCount: number }[] }>("/api/genres");
    expect(body.genres.find((genre) => genre.id === "horror")).toBeUndefined();
    const visibleFamily = titles.filter(allowed).length;
    expect(body.genres.every((genre) => genre.titleCount <= visibleFamily)).toBe(true);
  });
});

describe("a lowered maturity level", () => {
  it("applies to the profile's very next request", async () => {
    const { account, token, profileId } = await viewerToken();
    const rated = titles.find((title) => title.published === 1 && title.rating === "R")!;
    expect((await request(`/api/titles/${rated.id}`, { token })).status).toBe(200);
    const lowered = await request(`/api/profiles/${profileId}`, {
      method: "PATCH",
      token: account.accessToken,
      body: { maturityLevel: "PG" },
    });
    expect(lowered.status).toBe(200);
    expect((await request(`/api/titles/${rated.id}`, { token })).status).toBe(404);
  });
});
