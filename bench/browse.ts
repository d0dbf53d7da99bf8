/**
 * `npm run bench:browse`: the demo viewer's personalised home page (warm
 * cache), a title's page and a search, on the local stack with the demo
 * catalog, beside `GET /api/health` in the same run: latency at 1
 * connection, throughput at 32.
 *
 *   npm run bench:browse                 # its own fresh stack
 *   npm run bench:browse -- --url URL    # a running stack (real rate limits apply)
 *   npm run bench:browse -- --seconds 5  # shorter runs
 */
import { DEMO_ACCOUNTS } from "../scripts/seed.ts";
import { benchStack, benchSeconds } from "./lib/bench-stack.ts";
import { compareRoutes } from "./lib/route-comparison.ts";

const stack = await benchStack();
try {
  const viewer = DEMO_ACCOUNTS.find((account) => account.email === "viewer@example.com")!;
  const json = { "content-type": "application/json" };
  const login = await fetch(`${stack.url}/api/auth/login`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ email: viewer.email, password: viewer.password, tokenDelivery: "body" }),
  });
  const { tokens } = (await login.json()) as { tokens: { accessToken: string } };
  // Alex has a viewing history, so the home page is fully personalised.
  const alex = viewer.profiles.find((profile) => profile.name === "Alex")!;
  const selected = await fetch(`${stack.url}/api/profiles/${alex.id}/select`, {
    method: "POST",
    headers: { ...json, authorization: `Bearer ${tokens.accessToken}` },
    body: "{}",
  });
  const token = ((await selected.json()) as { tokens: { accessToken: string } }).tokens.accessToken;
  const auth = { authorization: `Bearer ${token}` };
  const home = (await (await fetch(`${stack.url}/api/home`, { headers: auth })).json()) as {
    rows: { titleIds: string[] }[];
  };
  const titleId = home.rows[0]!.titleIds[0]!;

  await compareRoutes(
    "bench:browse",
    stack.url,
    [
      ["GET /api/health (baseline)", { path: "/api/health" }],
      ["GET /api/home (getHome, warm)", { path: "/api/home", headers: auth }],
      ["GET /api/titles/:id (getTitle)", { path: `/api/titles/${titleId}`, headers: auth }],
      ["GET /api/search?q=star (searchTitles)", { path: "/api/search?q=star", headers: auth }],
    ],
    { seconds: benchSeconds() },
  );
} finally {
  await stack.stop();
}
