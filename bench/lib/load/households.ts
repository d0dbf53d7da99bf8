/**
 * The signed-in viewers bench:load needs, made before the clock starts.
 *
 * A household is one account on the standard plan (the plan sign-up
 * gives), whose limit is two streams at once: two profiles, each watching
 * on a device of its own with a sign-in session of its own (sign-up on the
 * first device, sign-in on the second), as a couple sharing an account
 * would. So N viewers are N/2 accounts, each using its whole stream limit.
 *
 * Through the API, not by writing D1: the stack is the one that will be
 * measured, and `--url` stacks have no state folder to write to. Either
 * way each viewer costs one PBKDF2 hash (11 ms of the api Worker's CPU): a
 * seeded account still has to sign in to get its tokens. Sign-up and
 * sign-in are rate limited per address (5 in 5 minutes), which only a stack
 * started with RATE_LIMIT_SCALE (bench:load's own) lets through.
 */
import type { LoadClient } from "./http-client.ts";
import { ROUTES } from "./stats.ts";

/** Setup requests in flight at once: enough to keep the api Worker busy, without a queue. */
const SETUP_CONCURRENCY = 16;
const PASSWORD = "load-bench-viewer-passphrase";

interface Tokens {
  accessToken: string;
  expiresIn: number;
  refreshToken?: string;
}

/** One viewer's device, signed in and acting as its profile. */
export interface SignedInViewer {
  /** Names the device to the stream limit. */
  deviceId: string;
  accessToken: string;
  /** When the access token expires (Date.now() ms). */
  accessExpiresAt: number;
  /** Works once; each renewal hands back the next. */
  refreshToken: string;
}

const expiry = (tokens: Tokens) => Date.now() + tokens.expiresIn * 1000;

async function household(client: LoadClient, run: string, n: number): Promise<SignedInViewer[]> {
  const email = `load-${run}-${n}@example.com`;
  type SignedIn = { tokens: Tokens };
  const first = await client.must<SignedIn>(ROUTES.register, "/api/auth/register", {
    method: "POST",
    json: { email, password: PASSWORD, profileName: `Viewer ${n}a`, tokenDelivery: "body" },
  });
  const token = first.tokens.accessToken;
  const { profiles } = await client.must<{ profiles: { id: string }[] }>(
    ROUTES.profiles,
    "/api/profiles",
    { token },
  );
  const second = await client.must<{ id: string }>(ROUTES.createProfile, "/api/profiles", {
    method: "POST",
    token,
    json: { name: `Viewer ${n}b` },
  });
  const other = await client.must<SignedIn>(ROUTES.login, "/api/auth/login", {
    method: "POST",
    json: { email, password: PASSWORD, tokenDelivery: "body" },
  });
  const devices: [SignedIn, string][] = [
    [first, profiles[0]!.id],
    [other, second.id],
  ];
  return Promise.all(
    devices.map(async ([signedIn, profileId], device) => {
      const selected = await client.must<SignedIn>(
        ROUTES.selectProfile,
        `/api/profiles/${profileId}/select`,
        { method: "POST", token: signedIn.tokens.accessToken, json: {} },
      );
      return {
        deviceId: `load-${run}-${n}-${device}`,
        accessToken: selected.tokens.accessToken,
        accessExpiresAt: expiry(selected.tokens),
        refreshToken: signedIn.tokens.refreshToken!,
      };
    }),
  );
}

/** `count` signed-in viewers (rounded up to whole households); `run` keeps emails unique. */
export async function signInViewers(
  client: LoadClient,
  count: number,
  run: string,
  onProgress: (done: number) => void = () => {},
): Promise<SignedInViewer[]> {
  const households = Math.ceil(count / 2);
  const viewers: SignedInViewer[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(SETUP_CONCURRENCY, households) }, async () => {
      for (let n = next++; n < households; n = next++) {
        viewers.push(...(await household(client, run, n)));
        onProgress(viewers.length);
      }
    }),
  );
  return viewers.slice(0, count);
}

/** A renewed access token for a viewer whose token is near its end (the web app's refresh). */
export async function renewAccessToken(client: LoadClient, viewer: SignedInViewer): Promise<void> {
  const answer = await client.send(ROUTES.renewToken, "/api/auth/refresh", {
    method: "POST",
    json: { refreshToken: viewer.refreshToken },
    text: true,
  });
  if (answer.status !== 200) return;
  const { tokens } = JSON.parse(answer.text) as { tokens: Tokens };
  viewer.accessToken = tokens.accessToken;
  viewer.accessExpiresAt = expiry(tokens);
  if (tokens.refreshToken) viewer.refreshToken = tokens.refreshToken;
}
