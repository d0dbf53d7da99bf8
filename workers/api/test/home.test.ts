import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { forgetAll } from "../src/cache/isolate-memory.ts";
import { personalisationBreaker } from "../src/services/home/get-home.ts";
import { loadDemoCatalog } from "./demo-catalog.ts";
import {
  experimentAdmin,
  runExperiment,
  stopRunningExperiments,
  variants,
  viewersIn,
} from "./experiment-fixture.ts";
import { ORIGIN, request, selectProfile, signIn, viewerToken } from "./helpers.ts";

/*
 * Fault injection at the storage boundary: on the home path only the read of
 * the profile's activity uses a D1 batch, so making `env.DB.batch` fail or
 * stall breaks personalisation and nothing else.
 */
type Batch = D1DatabaseSession["batch"];

/**
 * Every D1 session the Worker opens from now on (one per request, middleware/d1-session.ts),
 * with its batch() going through `batch`, which gets the real one.
 */
function interceptSessionBatches(
  batch: (real: Batch, statements: D1PreparedStatement[]) => ReturnType<Batch>,
) {
  const open = env.DB.withSession.bind(env.DB);
  return vi.spyOn(env.DB, "withSession").mockImplementation((constraint) => {
    const session = open(constraint);
    const real: Batch = (statements) => session.batch(statements);
    return {
      prepare: (query: string) => session.prepare(query),
      batch: ((statements: D1PreparedStatement[]) => batch(real, statements)) as Batch,
      getBookmark: () => session.getBookmark(),
    };
  });
}

function injectD1Fault(mode: "fail" | "stall") {
  return interceptSessionBatches(async (real, statements) => {
    if (mode === "fail") throw new Error("D1 is unavailable (injected)");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return real(statements);
  });
}

interface Home {
  degraded: boolean;
  heroId: string | null;
  rows: { id: string; kind: string; title: string; titleIds: string[] }[];
  titles: Record<string, Card>;
}

interface Card {
  id: string;
  name: string;
  posterUrl: string | null;
  backdropUrl: string | null;
  cardImage: { kind: string; url: string } | null;
}

const ALEX = "00000000-0000-4000-8000-00000000b002";

async function demoViewerToken() {
  const { tokens } = await signIn("viewer@example.com", "marquee-viewer-demo");
  return selectProfile(tokens.accessToken, ALEX);
}

async function home(token: string, headers: Record<string, string> = {}) {
  const response = await request("/api/home", { token, headers });
  return { response, body: response.status === 200 ? ((await response.json()) as Home) : null };
}

beforeAll(loadDemoCatalog);
afterEach(() => {
  vi.restoreAllMocks();
});

describe("the home page", () => {
  it("is personal for a profile with history: its list, because-you-watched and top genres", async () => {
    const { body } = await home(await demoViewerToken());
    expect(body!.degraded).toBe(false);
    const kinds = body!.rows.map((row) => row.kind);
    expect(kinds.slice(0, 3)).toEqual(["trending", "my_list", "because_you_watched"]);
    expect(kinds).toContain("top_genre");
    expect(kinds).toContain("new_releases");
    expect(kinds.filter((kind) => kind === "genre").length).toBeGreaterThanOrEqual(4);
    const becauseYouWatched = body!.rows.find((row) => row.kind === "because_you_watched")!;
    expect(becauseYouWatched.title).toMatch(/^Because you watched /);
    expect(body!.heroId).not.toBeNull();
    for (const row of body!.rows) {
      expect(row.titleIds.length).toBeLessThanOrEqual(20);
      for (const id of row.titleIds) expect(body!.titles[id]!.id).toBe(id);
    }
    // Each card is sent once: as many cards as distinct titles on the page.
    expect(Object.keys(body!.titles).sort()).toEqual(
      [...new Set(body!.rows.flatMap((row) => row.titleIds))].sort(),
    );
  });

  it("shows the titles of My List in the order they were added", async () => {
    const token = await demoViewerToken();
    const { body } = await home(token);
    const myListRow = body!.rows.find((row) => row.kind === "my_list")!;
    const list = (await (await request("/api/my-list", { token })).json()) as {
      titles: { id: string }[];
    };
    expect(myListRow.titleIds).toEqual(list.titles.map((title) => title.id));
  });

  it("is popularity-based for a profile with no history", async () => {
    const { body } = await home((await viewerToken()).token);
    const kinds = body!.rows.map((row) => row.kind);
    expect(kinds).not.toContain("because_you_watched");
    expect(kinds).not.toContain("top_genre");
    expect(kinds).not.toContain("my_list");
    expect(kinds[0]).toBe("trending");
  });

  it("ranks deterministically: the same profile gets the same page, and an unchanged page is a 304", async () => {
    const token = await demoViewerToken();
    const first = await home(token);
    const second = await home(token);
    expect(second.body).toEqual(first.body);
    const etag = first.response.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(second.response.headers.get("etag")).toBe(etag);
    const revalidated = await request("/api/home", { token, headers: { "if-none-match": etag } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
    // Two profiles with the same (empty) history get identical rows.
    const [a, b] = await Promise.all([viewerToken(), viewerToken()]);
    expect((await home(a.token)).body!.rows).toEqual((await home(b.token)).body!.rows);
  });

  it("changes with what the profile does: a title added to My List appears in its row", async () => {
    const { token } = await viewerToken();
    const before = await home(token);
    const titleId = before.body!.rows.find((row) => row.kind === "new_releases")!.titleIds[0]!;
    await request(`/api/my-list/${titleId}`, { method: "PUT", token });
    const after = await home(token);
    expect(after.body!.rows.find((row) => row.kind === "my_list")!.titleIds).toEqual([titleId]);
    expect(after.response.headers.get("etag")).not.toBe(before.response.headers.get("etag"));
  });
});

describe("experiments on the home page", () => {
  const cardsOf = (body: Home) => Object.values(body.titles);
  const ORDER = ["new_releases", "genre"];
  let admin: string;

  beforeAll(async () => {
    admin = await experimentAdmin();
  });
  afterEach(async () => {
    // Before the file's own afterEach: stopping writes D1, which a test may have made fail.
    vi.restoreAllMocks();
    await stopRunningExperiments(admin);
  });

  async function fixture() {
    const experiment = await runExperiment(admin, {
      variants: variants({}, { homeRowOrder: ORDER, artwork: "backdrop" }),
    });
    return viewersIn(experiment, ["control", "treatment-1"]);
  }

  it("orders rows and shows backdrops for a profile in the variant, and leaves the control's page alone", async () => {
    const { control, "treatment-1": treated } = await fixture();
    const controlHome = (await home(control.token)).body!;
    const treatedHome = (await home(treated.token)).body!;

    // The same rows (both profiles are new), in the variant's order: new releases, genres, the rest.
    const ids = (body: Home) => body.rows.map((row) => row.id);
    expect([...ids(treatedHome)].sort()).toEqual([...ids(controlHome)].sort());
    expect(controlHome.rows[0]!.kind).toBe("trending");
    const kinds = treatedHome.rows.map((row) => row.kind);
    const genres = kinds.filter((kind) => kind === "genre").length;
    expect(genres).toBeGreaterThan(0);
    expect(kinds.slice(0, 1 + genres)).toEqual(["new_releases", ...Array(genres).fill("genre")]);
    expect(kinds.slice(1 + genres)).toEqual(
      controlHome.rows.map((row) => row.kind).filter((kind) => !ORDER.includes(kind)),
    );

    // Cards: backdrops where a title has one, posters for the control.
    const withBackdrop = cardsOf(treatedHome).filter((card) => card.backdropUrl);
    expect(withBackdrop.length).toBeGreaterThan(0);
    for (const card of withBackdrop) {
      expect(card.cardImage).toEqual({ kind: "backdrop", url: card.backdropUrl });
    }
    for (const card of cardsOf(controlHome).filter((card) => card.posterUrl)) {
      expect(card.cardImage).toEqual({ kind: "poster", url: card.posterUrl });
    }
  });

  it("shows the variant's artwork on browse cards too: search results and My List", async () => {
    const { "treatment-1": treated } = await fixture();
    const search = await request("/api/search?type=movie&pageSize=10", { token: treated.token });
    const { results } = (await search.json()) as { results: Card[] };
    const shown = results.find((card) => card.backdropUrl)!;
    expect(shown.cardImage).toEqual({ kind: "backdrop", url: shown.backdropUrl });
    await request(`/api/my-list/${shown.id}`, { method: "PUT", token: treated.token });
    const list = await request("/api/my-list", { token: treated.token });
    const { titles } = (await list.json()) as { titles: Card[] };
    expect(titles[0]!.cardImage).toEqual({ kind: "backdrop", url: shown.backdropUrl });
  });

  it("arranges the generic home too, when personalisation is down", async () => {
    const { "treatment-1": treated } = await fixture();
    injectD1Fault("fail");
    const { body } = await home(treated.token);
    expect(body!.degraded).toBe(true);
    expect(body!.rows[0]!.kind).toBe("new_releases");
    expect(cardsOf(body!).some((card) => card.cardImage?.kind === "backdrop")).toBe(true);
  });
});

describe("graceful degradation", () => {
  it("reads straight from D1 when KV is unavailable, and stays personal", async () => {
    const token = await demoViewerToken();
    // Nothing from this isolate's memory: every cached read must go to KV, which fails.
    forgetAll();
    const get = vi.spyOn(env.KV, "get").mockRejectedValue(new Error("KV unavailable (injected)"));
    const { body } = await home(token);
    expect(get).toHaveBeenCalled();
    expect(body!.degraded).toBe(false);
    expect(body!.rows.map((row) => row.kind)).toContain("my_list");
  });

  it("serves the generic home, marked degraded, when personalisation fails", async () => {
    const token = await demoViewerToken();
    injectD1Fault("fail");
    const { response, body } = await home(token);
    expect(response.status).toBe(200);
    expect(body!.degraded).toBe(true);
    const kinds = body!.rows.map((row) => row.kind);
    expect(kinds).toContain("trending");
    expect(kinds).not.toContain("my_list");
    expect(kinds).not.toContain("because_you_watched");
  });

  it("serves the generic home when personalisation overruns its time budget", async () => {
    const token = await demoViewerToken();
    injectD1Fault("stall");
    const started = Date.now();
    const { body } = await home(token);
    expect(body!.degraded).toBe(true);
    // The budget is HOME_PERSONALISATION_BUDGET_MS (150 ms), far less than the 1 s stall.
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("opens the breaker after 5 failures in a row: personalisation is then not even tried", async () => {
    const token = await demoViewerToken();
    const failing = injectD1Fault("fail");
    for (let i = 0; i < 5; i++) expect((await home(token)).body!.degraded).toBe(true);
    expect(personalisationBreaker.state()).toBe("open");
    failing.mockRestore();
    const batched = vi.fn();
    interceptSessionBatches((real, statements) => {
      batched();
      return real(statements);
    });
    const { body } = await home(token);
    expect(body!.degraded).toBe(true);
    expect(batched).not.toHaveBeenCalled();
  });
});

it("answers the home page only for the profile's own origin and token", async () => {
  const response = await request("/api/home", { headers: { origin: ORIGIN } });
  expect(response.status).toBe(401);
});
