import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { cacheKeys } from "../../../lib/catalog/cache-keys.ts";
import { catalogTitles, loadDemoCatalog } from "./demo-catalog.ts";
import { expectError, request, staffToken, viewerToken } from "./helpers.ts";

let admin: string;
let adminAccountId: string;
beforeAll(async () => {
  await loadDemoCatalog();
  const staff = await staffToken("content_admin");
  admin = staff.token;
  adminAccountId = staff.account.accountId;
});

const newTitle = (over: Record<string, unknown> = {}) => ({
  slug: `test-${crypto.randomUUID().slice(0, 8)}`,
  type: "movie",
  name: "The Lighthouse Keeper's Daughter",
  synopsis: "A keeper's daughter finds a message in the lamp room.",
  year: 2026,
  releasedOn: "2026-11-01",
  runtimeMinutes: 104,
  rating: "PG",
  languages: ["en"],
  genres: ["drama", "mystery"],
  credits: [
    { name: "Ines Marlow", role: "director" },
    { name: "Tomas Reyne", role: "cast", character: "The Keeper" },
  ],
  ...over,
});

async function create(over: Record<string, unknown> = {}) {
  const response = await request("/api/admin/catalog/titles", {
    token: admin,
    body: newTitle(over),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; name: string; published: boolean; slug: string };
}

const publish = (id: string) =>
  request(`/api/admin/catalog/titles/${id}/publish`, { method: "POST", token: admin });

async function auditFor(entityId: string) {
  const response = await request(`/api/admin/catalog/audit-log?entityId=${entityId}`, {
    token: admin,
  });
  return (
    (await response.json()) as {
      entries: { action: string; actorAccountId: string; before: unknown; after: unknown }[];
    }
  ).entries;
}

describe("titles", () => {
  it("creates an unpublished title that viewers can't see until it is published", async () => {
    const title = await create();
    expect(title.published).toBe(false);
    const viewer = (await viewerToken()).token;
    await expectError(
      await request(`/api/titles/${title.id}`, { token: viewer }),
      404,
      "not_found",
    );
    expect((await publish(title.id)).status).toBe(200);
    const seen = await request(`/api/titles/${title.id}`, { token: viewer });
    expect(seen.status).toBe(200);
    expect(await seen.json()).toMatchObject({
      name: title.name,
      directors: ["Ines Marlow"],
      genreNames: ["Drama", "Mystery"],
    });
  });

  it("refuses unknown genres, a duplicate slug, and a movie without a runtime", async () => {
    await expectError(
      await request("/api/admin/catalog/titles", {
        token: admin,
        body: newTitle({ genres: ["polka"] }),
      }),
      400,
      "unknown_genre",
    );
    const title = await create();
    await expectError(
      await request("/api/admin/catalog/titles", {
        token: admin,
        body: newTitle({ slug: title.slug }),
      }),
      409,
      "slug_taken",
    );
    await expectError(
      await request("/api/admin/catalog/titles", {
        token: admin,
        body: newTitle({ runtimeMinutes: null }),
      }),
      400,
      "validation_failed",
    );
  });

  it("leaves nothing behind when a change fails", async () => {
    const before = (await catalogTitles()).length;
    const title = await create();
    const other = await env.DB.prepare("select slug from titles where id != ? limit 1")
      .bind(title.id)
      .first<{ slug: string }>();
    const clash = await request(`/api/admin/catalog/titles/${title.id}`, {
      method: "PATCH",
      token: admin,
      body: { slug: other!.slug, name: "Half written" },
    });
    await expectError(clash, 409, "slug_taken");
    const row = await env.DB.prepare("select name from titles where id = ?")
      .bind(title.id)
      .first<{ name: string }>();
    expect(row?.name).toBe(title.name);
    expect((await auditFor(title.id)).map((entry) => entry.action)).toEqual(["create"]);
    expect((await catalogTitles()).length).toBe(before + 1);
  });

  it("records every change in the audit log: who, what, before and after", async () => {
    const title = await create();
    await request(`/api/admin/catalog/titles/${title.id}`, {
      method: "PATCH",
      token: admin,
      body: { name: "Renamed" },
    });
    await publish(title.id);
    await request(`/api/admin/catalog/titles/${title.id}/unpublish`, {
      method: "POST",
      token: admin,
    });
    await request(`/api/admin/catalog/titles/${title.id}`, { method: "DELETE", token: admin });
    const entries = await auditFor(title.id);
    expect(entries.map((entry) => entry.action)).toEqual([
      "delete",
      "unpublish",
      "publish",
      "update",
      "create",
    ]);
    expect(entries.every((entry) => entry.actorAccountId === adminAccountId)).toBe(true);
    const update = entries.find((entry) => entry.action === "update")!;
    expect(update.before).toMatchObject({ name: title.name });
    expect(update.after).toMatchObject({ name: "Renamed" });
    expect(entries[0]!.before).toMatchObject({ id: title.id, name: "Renamed" });
  });

  it("deletes a title with its seasons and episodes, and its search entry", async () => {
    const series = await create({
      type: "series",
      runtimeMinutes: undefined,
      name: "Quillon Harbour",
    });
    const season = (await (
      await request(`/api/admin/catalog/titles/${series.id}/seasons`, {
        token: admin,
        body: { number: 1, name: "Season 1" },
      })
    ).json()) as { id: string };
    await request(`/api/admin/catalog/seasons/${season.id}/episodes`, {
      token: admin,
      body: { number: 1, name: "Pilot", runtimeMinutes: 44 },
    });
    expect(
      (await request(`/api/admin/catalog/titles/${series.id}`, { method: "DELETE", token: admin }))
        .status,
    ).toBe(204);
    for (const table of ["seasons", "episodes", "title_genres", "credits"]) {
      const { n } = (await env.DB.prepare(`select count(*) as n from ${table} where title_id = ?`)
        .bind(series.id)
        .first<{ n: number }>())!;
      expect(n, table).toBe(0);
    }
    const { n } = (await env.DB.prepare("select count(*) as n from title_search where title_id = ?")
      .bind(series.id)
      .first<{ n: number }>())!;
    expect(n).toBe(0);
  });
});

describe("seasons and episodes", () => {
  it("builds a series' seasons and episodes, in order, and shows them to viewers", async () => {
    const series = await create({ type: "series", runtimeMinutes: undefined });
    const season2 = (await (
      await request(`/api/admin/catalog/titles/${series.id}/seasons`, {
        token: admin,
        body: { number: 2, name: "Season 2" },
      })
    ).json()) as { id: string };
    const season1 = (await (
      await request(`/api/admin/catalog/titles/${series.id}/seasons`, {
        token: admin,
        body: { number: 1, name: "Season 1" },
      })
    ).json()) as { id: string };
    for (const [season, number] of [
      [season1, 2],
      [season1, 1],
      [season2, 1],
    ] as const) {
      const response = await request(`/api/admin/catalog/seasons/${season.id}/episodes`, {
        token: admin,
        body: { number, name: `Episode ${number}`, runtimeMinutes: 40 },
      });
      expect(response.status).toBe(201);
    }
    await expectError(
      await request(`/api/admin/catalog/seasons/${season1.id}/episodes`, {
        token: admin,
        body: { number: 1, name: "Twin", runtimeMinutes: 40 },
      }),
      409,
      "episode_number_taken",
    );
    await publish(series.id);
    const title = (await (
      await request(`/api/titles/${series.id}`, { token: (await viewerToken()).token })
    ).json()) as {
      seasons: { number: number; episodes: { number: number }[] }[];
      seasonCount: number;
    };
    expect(title.seasons.map((s) => [s.number, s.episodes.map((e) => e.number)])).toEqual([
      [1, [1, 2]],
      [2, [1]],
    ]);
    // Cards count seasons too (an unqualified column in the count once made it always 0).
    expect(title.seasonCount).toBe(2);
  });

  it("refuses seasons for a movie", async () => {
    const movie = await create();
    await expectError(
      await request(`/api/admin/catalog/titles/${movie.id}/seasons`, {
        token: admin,
        body: { number: 1, name: "S1" },
      }),
      409,
      "not_a_series",
    );
  });
});

describe("artwork", () => {
  const svg = (fill: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 3"><rect width="2" height="3" fill="${fill}"/></svg>`;
  const upload = (titleId: string, body: string | Uint8Array, type: string, kind = "poster") =>
    request(`/api/admin/artwork/${titleId}/${kind}`, {
      method: "PUT",
      token: admin,
      body: typeof body === "string" ? body : (body as unknown as string),
      headers: { "content-type": type },
    });

  it("stores an image under a key made from its bytes and serves it for a year", async () => {
    const title = await create();
    const first = (await (await upload(title.id, svg("#123456"), "image/svg+xml")).json()) as {
      url: string;
    };
    expect(first.url).toMatch(/^\/api\/artwork\/[0-9a-f]{64}\.svg$/);
    const served = await request(first.url);
    expect(served.status).toBe(200);
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(served.headers.get("content-security-policy")).toContain("sandbox");
    expect(await served.text()).toBe(svg("#123456"));
    // A new image gets a new URL; the same image gets the same one.
    const second = (await (await upload(title.id, svg("#654321"), "image/svg+xml")).json()) as {
      url: string;
    };
    expect(second.url).not.toBe(first.url);
    const again = (await (await upload(title.id, svg("#654321"), "image/svg+xml")).json()) as {
      url: string;
    };
    expect(again.url).toBe(second.url);
    const etag = served.headers.get("etag")!;
    expect((await request(first.url, { headers: { "if-none-match": etag } })).status).toBe(304);
  });

  it("reads the type from the bytes: a PNG is a PNG whatever the header says, text is refused", async () => {
    const title = await create();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const stored = await request(`/api/admin/artwork/${title.id}/backdrop`, {
      method: "PUT",
      token: admin,
      headers: { "content-type": "image/jpeg" },
      body: png,
    });
    expect(stored.status).toBe(200);
    await expectError(
      await upload(title.id, "just some text", "image/png"),
      415,
      "unsupported_media_type",
    );
  });

  it("refuses SVG that could run script or reach out", async () => {
    const title = await create();
    for (const body of [
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/x.png"/></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div/></foreignObject></svg>',
    ]) {
      await expectError(await upload(title.id, body, "image/svg+xml"), 400, "unsafe_svg");
    }
  });

  it("refuses an image over 5 MB, and an empty one", async () => {
    const title = await create();
    await expectError(
      await upload(title.id, `<svg>${"x".repeat(5 * 1024 * 1024)}</svg>`, "image/svg+xml"),
      413,
      "payload_too_large",
    );
    await expectError(await upload(title.id, "", "image/svg+xml"), 400);
  });
});

describe("cache invalidation", () => {
  it("shows an admin's edit at once, and leaves other titles' cache entries alone", async () => {
    const viewer = (await viewerToken()).token;
    const [edited, untouched] = (await catalogTitles()).filter(
      (t) => t.published === 1 && t.maturity_rank <= 4,
    );
    // Warm the cache for both titles.
    await request(`/api/titles/${edited!.id}`, { token: viewer });
    await request(`/api/titles/${untouched!.id}`, { token: viewer });
    expect(await env.KV.get(cacheKeys.title(edited!.id))).not.toBeNull();
    const untouchedEntry = await env.KV.get(cacheKeys.title(untouched!.id));
    expect(untouchedEntry).not.toBeNull();

    await request(`/api/admin/catalog/titles/${edited!.id}`, {
      method: "PATCH",
      token: admin,
      body: { name: "A Brand New Name" },
    });
    expect(await env.KV.get(cacheKeys.title(edited!.id))).toBeNull();
    expect(await env.KV.get(cacheKeys.title(untouched!.id))).toBe(untouchedEntry);
    const seen = (await (await request(`/api/titles/${edited!.id}`, { token: viewer })).json()) as {
      name: string;
    };
    expect(seen.name).toBe("A Brand New Name");
    const found = (await (
      await request("/api/search?q=brand%20new%20name", { token: viewer })
    ).json()) as { results: { id: string }[] };
    expect(found.results.map((r) => r.id)).toContain(edited!.id);
  });

  it("drops an unpublished title from the home page, search and its page at once", async () => {
    const viewer = (await viewerToken()).token;
    const home = (await (await request("/api/home", { token: viewer })).json()) as {
      rows: { titleIds: string[] }[];
      titles: Record<string, { id: string; name: string }>;
    };
    const target = home.titles[home.rows[0]!.titleIds[0]!]!;
    await request(`/api/admin/catalog/titles/${target.id}/unpublish`, {
      method: "POST",
      token: admin,
    });
    const after = (await (await request("/api/home", { token: viewer })).json()) as {
      rows: { titleIds: string[] }[];
    };
    expect(after.rows.flatMap((row) => row.titleIds)).not.toContain(target.id);
    await expectError(
      await request(`/api/titles/${target.id}`, { token: viewer }),
      404,
      "not_found",
    );
    const found = (await (
      await request(`/api/search?q=${encodeURIComponent(target.name)}`, { token: viewer })
    ).json()) as { results: { id: string }[] };
    expect(found.results.map((r) => r.id)).not.toContain(target.id);
    await publish(target.id);
  });
});
