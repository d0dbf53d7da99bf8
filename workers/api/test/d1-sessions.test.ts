/**
 * D1 sessions (middleware/d1-session.ts): every response that ran queries
 * carries the session's bookmark, and a caller's next request starts from
 * it, so an admin reads their own edit even through a read replica.
 *
 * Locally D1 has no replicas (every instance is the primary), so these
 * tests see the mechanism — bookmarks handed out, sent back, never going
 * backwards — not a replica's lag; that part is D1's, in production only.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDemoCatalog } from "./demo-catalog.ts";
import { cookiesOf, expectError, request, staffToken } from "./helpers.ts";
import { createMovie } from "./movie-fixture.ts";

const COOKIE = "__Host-mq_d1";
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

let admin: string;
beforeAll(async () => {
  await loadDemoCatalog();
  admin = (await staffToken("content_admin")).token;
});

const rename = (id: string, name: string, headers: Record<string, string> = {}) =>
  request(`/api/admin/catalog/titles/${id}`, {
    method: "PATCH",
    token: admin,
    body: { name },
    headers,
  });

const read = (id: string, headers: Record<string, string>) =>
  request(`/api/admin/catalog/titles/${id}`, { token: admin, headers });

describe("D1 sessions", () => {
  it("answers a write with its bookmark, in a header and a host-only, httpOnly cookie", async () => {
    const response = await rename(await createMovie(admin), "The Tidewater Ledger, Revised");
    expect(response.status).toBe(200);
    const bookmark = response.headers.get("x-d1-bookmark");
    expect(bookmark).toMatch(BOOKMARK);
    const cookie = cookiesOf(response).get(COOKIE);
    expect(cookie?.value).toBe(bookmark);
    expect(cookie?.attributes).toEqual(
      expect.arrayContaining(["Path=/", "HttpOnly", "Secure", "SameSite=Strict"]),
    );
  });

  it.each([
    ["the header", (bookmark: string) => ({ "x-d1-bookmark": bookmark })],
    ["the cookie", (bookmark: string) => ({ cookie: `${COOKIE}=${bookmark}` })],
  ])("reads an admin's own edit from the bookmark sent back in %s", async (_, sent) => {
    const id = await createMovie(admin);
    const written = await rename(id, "Renamed Through The Primary");
    const bookmark = written.headers.get("x-d1-bookmark")!;
    const response = await read(id, sent(bookmark));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { name: string }).name).toBe("Renamed Through The Primary");
    // Bookmarks sort by commit: the read's session is at least as new as the write it follows.
    expect(response.headers.get("x-d1-bookmark")! >= bookmark).toBe(true);
  });

  it.each([
    ["the header", (bookmark: string) => ({ "x-d1-bookmark": bookmark })],
    ["the cookie", (bookmark: string) => ({ cookie: `${COOKIE}=${bookmark}` })],
  ])("starts the session from the bookmark sent back in %s", async (_, sent) => {
    // A bookmark some commits ahead of the local database: a session anchored there reports at
    // least it, where one started anywhere else would report the database's own position.
    const id = await createMovie(admin);
    const current = (await read(id, {})).headers.get("x-d1-bookmark")!;
    const [epoch, position, ...rest] = current.split("-");
    const ahead = [
      epoch,
      (parseInt(position!, 16) + 0x1000).toString(16).padStart(8, "0"),
      ...rest,
    ];
    const response = await read(id, sent(ahead.join("-")));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-d1-bookmark")! >= ahead.join("-")).toBe(true);
  });

  it("refuses a malformed bookmark header with 400 before anything is written", async () => {
    const id = await createMovie(admin);
    const response = await rename(id, "Never Written", { "x-d1-bookmark": "not-a-bookmark" });
    await expectError(response, 400, "invalid_bookmark");
    const row = await env.DB.prepare("select name from titles where id = ?")
      .bind(id)
      .first<{ name: string }>();
    expect(row?.name).toBe("A Test Movie");
  });

  it("ignores a malformed bookmark cookie and replaces it", async () => {
    const id = await createMovie(admin);
    const response = await read(id, { cookie: `${COOKIE}=00000000-garbage` });
    expect(response.status).toBe(200);
    expect(cookiesOf(response).get(COOKIE)?.value).toMatch(BOOKMARK);
  });
});
