/**
 * Helpers for the api Worker's tests: requests go through the Worker's real
 * fetch handler (with every middleware), against real D1, KV and the
 * RateLimiter Durable Object.
 */
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";

export const ORIGIN = "https://marquee.test";

let ipCounter = 0;
/** A client address of its own, so one test's rate limits don't touch another's. */
export function freshIp(): string {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

export interface RequestOptions {
  method?: string;
  /** Sent as JSON unless it is already a string, bytes or a stream. */
  body?: unknown;
  token?: string;
  ip?: string;
  headers?: Record<string, string>;
}

export function request(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {
    "cf-connecting-ip": options.ip ?? freshIp(),
    ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...options.headers,
  };
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === "string" ||
          options.body instanceof Uint8Array ||
          options.body instanceof ReadableStream
        ? options.body
        : JSON.stringify(options.body);
  return exports.default.fetch(`${ORIGIN}${path}`, {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
}

/** Asserts an error answer in the contract's shape and returns its code. */
export async function expectError(
  response: Response,
  status: number,
  code?: string,
): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/json");
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.message).toEqual(expect.any(String));
  if (code) expect(body.error.code).toBe(code);
  return body.error.code;
}

export const PASSWORD = "plum-harbour-lantern-42";

export interface TestAccount {
  accountId: string;
  email: string;
  password: string;
  sessionId: string;
  accessToken: string;
  refreshToken: string;
}

export function uniqueEmail(label = "user"): string {
  return `${label}-${crypto.randomUUID()}@example.com`;
}

/** Registers a new account as an API client (tokens in the body). */
export async function registerAccount(
  options: { email?: string; password?: string; profileName?: string } = {},
): Promise<TestAccount> {
  const email = options.email ?? uniqueEmail();
  const password = options.password ?? PASSWORD;
  const response = await request("/api/auth/register", {
    body: { email, password, profileName: options.profileName, tokenDelivery: "body" },
  });
  expect(response.status).toBe(201);
  const body = (await response.json()) as {
    account: { id: string };
    sessionId: string;
    tokens: { accessToken: string; refreshToken: string };
  };
  return {
    accountId: body.account.id,
    email,
    password,
    sessionId: body.sessionId,
    accessToken: body.tokens.accessToken,
    refreshToken: body.tokens.refreshToken,
  };
}

export async function signIn(email: string, password: string) {
  const response = await request("/api/auth/login", {
    body: { email, password, tokenDelivery: "body" },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    status: "signed_in" | "mfa_required";
    sessionId: string;
    mfaToken?: string;
    tokens: { accessToken: string; refreshToken: string };
  };
}

export interface ProfileBody {
  id: string;
  name: string;
  isKids: boolean;
  maturityLevel: string;
  hasPin: boolean;
  pinLockedUntil: string | null;
}

export async function listProfiles(token: string) {
  const response = await request("/api/profiles", { token });
  expect(response.status).toBe(200);
  return (await response.json()) as { profiles: ProfileBody[]; activeProfileId: string | null };
}

export async function createProfile(
  token: string,
  body: Record<string, unknown>,
): Promise<ProfileBody> {
  const response = await request("/api/profiles", { token, body });
  expect(response.status).toBe(201);
  return (await response.json()) as ProfileBody;
}

/** Selects a profile and returns the new access token that names it. */
export async function selectProfile(
  token: string,
  profileId: string,
  pin?: string,
): Promise<string> {
  const response = await request(`/api/profiles/${profileId}/select`, {
    token,
    body: pin ? { pin } : {},
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { tokens: { accessToken: string } }).tokens.accessToken;
}

/** An access token for a new account acting as its first (grown-up) profile. */
export async function viewerToken(): Promise<{
  account: TestAccount;
  token: string;
  profileId: string;
}> {
  const account = await registerAccount();
  const [profile] = (await listProfiles(account.accessToken)).profiles;
  return {
    account,
    token: await selectProfile(account.accessToken, profile!.id),
    profileId: profile!.id,
  };
}

/**
 * A new account that also holds `role`, acting as its first profile. Staff
 * roles are granted by operators, not through the API, so the test grants
 * it in D1 and signs in again for a token that carries it.
 */
export async function staffToken(
  role: "content_admin" | "experiment_admin" | "admin" = "content_admin",
) {
  const account = await registerAccount();
  await env.DB.prepare("update accounts set roles = ? where id = ?")
    .bind(JSON.stringify(["account_owner", role]), account.accountId)
    .run();
  const { tokens } = await signIn(account.email, account.password);
  const [profile] = (await listProfiles(tokens.accessToken)).profiles;
  return { account, token: await selectProfile(tokens.accessToken, profile!.id) };
}

/** An access token for the account acting as a new kids profile (so with the viewer role only). */
export async function kidsSessionToken(ownerToken: string): Promise<string> {
  const kids = await createProfile(ownerToken, {
    name: `Kid ${crypto.randomUUID().slice(0, 8)}`,
    isKids: true,
  });
  return selectProfile(ownerToken, kids.id);
}

/** Parses Set-Cookie headers into name → attributes. */
export function cookiesOf(
  response: Response,
): Map<string, { value: string; attributes: string[] }> {
  const cookies = new Map<string, { value: string; attributes: string[] }>();
  for (const header of response.headers.getSetCookie()) {
    const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
    const index = pair.indexOf("=");
    cookies.set(pair.slice(0, index), { value: pair.slice(index + 1), attributes });
  }
  return cookies;
}

interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Waits for the reset mail (it is sent after the response) and returns its token. */
export async function resetTokenFor(email: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const { keys } = await env.KV.list({ prefix: "dev-mailbox:" });
    for (const key of keys) {
      const mail = await env.KV.get<Mail>(key.name, "json");
      const token = mail?.to === email ? /#token=([\w-]+)/.exec(mail.text)?.[1] : undefined;
      if (token) return token;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no reset mail for ${email}`);
}

export { env };
