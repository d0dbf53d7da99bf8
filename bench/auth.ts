/**
 * `npm run bench:auth`: sign-in and an authenticated profile list on the
 * local stack, beside `GET /api/health` (a route that touches nothing) in
 * the same run: latency at 1 connection, throughput at 32.
 *
 *   npm run bench:auth                 # its own fresh stack
 *   npm run bench:auth -- --url URL    # a running stack (real rate limits apply)
 *   npm run bench:auth -- --seconds 5  # shorter runs
 */
import { benchStack, benchSeconds } from "./lib/bench-stack.ts";
import { compareRoutes } from "./lib/route-comparison.ts";

const stack = await benchStack();
try {
  const json = { "content-type": "application/json" };
  const email = `bench-${Date.now()}@example.com`;
  const password = "bench-marks-the-spot-42";
  const registered = await fetch(`${stack.url}/api/auth/register`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ email, password, tokenDelivery: "body" }),
  });
  if (registered.status !== 201)
    throw new Error(
      `could not register the bench account: ${registered.status} ${await registered.text()}`,
    );
  const { tokens } = (await registered.json()) as { tokens: { accessToken: string } };

  await compareRoutes(
    "bench:auth",
    stack.url,
    [
      ["GET /api/health (baseline)", { path: "/api/health" }],
      [
        "POST /api/auth/login",
        {
          method: "POST",
          path: "/api/auth/login",
          headers: json,
          body: JSON.stringify({ email, password, tokenDelivery: "body" }),
        },
      ],
      [
        "GET /api/profiles (authenticated)",
        { path: "/api/profiles", headers: { authorization: `Bearer ${tokens.accessToken}` } },
      ],
    ],
    { seconds: benchSeconds() },
  );
} finally {
  await stack.stop();
}
