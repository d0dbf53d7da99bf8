import { describe, expect, it, vi } from "vitest";
import { PASSWORD_ITERATIONS } from "../../../lib/auth/password.ts";
import {
  ORIGIN,
  PASSWORD,
  cookiesOf,
  env,
  expectError,
  registerAccount,
  request,
  signIn,
  uniqueEmail,
} from "./helpers.ts";

describe("register", () => {
  it("creates an account with one profile and signs in", async () => {
    const email = uniqueEmail("Mixed.Case");
    const response = await request("/api/auth/register", {
      body: {
        email: email.toUpperCase(),
        password: PASSWORD,
        profileName: "Robin",
        tokenDelivery: "body",
      },
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      account: { email: string; roles: string[]; mfaEnabled: boolean };
      tokens: { accessToken: string };
    };
    expect(body.account).toMatchObject({
      email: email.toLowerCase(),
      roles: ["account_owner"],
      mfaEnabled: false,
    });
    const profiles = await request("/api/profiles", { token: body.tokens.accessToken });
    expect(
      ((await profiles.json()) as { profiles: { name: string }[] }).profiles.map((p) => p.name),
    ).toEqual(["Robin"]);
  });

  it("stores a PBKDF2 hash, never the password", async () => {
    const account = await registerAccount();
    const row = await env.DB.prepare("select password_hash from accounts where id = ?")
      .bind(account.accountId)
      .first<{ password_hash: string }>();
    expect(row?.password_hash).toMatch(
      new RegExp(`^pbkdf2-sha256\\$${PASSWORD_ITERATIONS}\\$[\\w-]{22}\\$[\\w-]{43}$`),
    );
    expect(row?.password_hash).not.toContain(PASSWORD);
  });

  it("refuses a duplicate email, whatever its case", async () => {
    const account = await registerAccount();
    const response = await request("/api/auth/register", {
      body: { email: account.email.toUpperCase(), password: PASSWORD },
    });
    await expectError(response, 409, "email_taken");
  });

  it.each([
    ["too short", "short-pw1"],
    ["common", "qwertyuiop"],
    ["common in another case", "Password123"],
  ])("refuses a %s password", async (_, password) => {
    const response = await request("/api/auth/register", {
      body: { email: uniqueEmail(), password },
    });
    await expectError(response, 400, "validation_failed");
  });

  it("sets httpOnly, Secure, SameSite=Strict cookies for web clients and returns no tokens", async () => {
    const response = await request("/api/auth/register", {
      body: { email: uniqueEmail(), password: PASSWORD },
      headers: { origin: ORIGIN },
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { tokens?: unknown }).tokens).toBeUndefined();
    const cookies = cookiesOf(response);
    const access = cookies.get("__Host-mq_access");
    const refresh = cookies.get("__Secure-mq_refresh");
    for (const cookie of [access, refresh]) {
      expect(cookie?.attributes).toEqual(
        expect.arrayContaining(["HttpOnly", "Secure", "SameSite=Strict"]),
      );
    }
    expect(access?.attributes).toContain("Path=/");
    expect(refresh?.attributes).toContain("Path=/api/auth");
  });
});

describe("login", () => {
  it("signs in with the right password", async () => {
    const account = await registerAccount();
    const result = await signIn(account.email, account.password);
    expect(result.status).toBe("signed_in");
    expect(result.sessionId).not.toBe(account.sessionId);
  });

  it("answers an unknown email exactly like a wrong password, doing the same PBKDF2 work", async () => {
    const account = await registerAccount();
    const deriveBits = vi.spyOn(crypto.subtle, "deriveBits");
    const attempt = async (email: string) => {
      deriveBits.mockClear();
      const response = await request("/api/auth/login", {
        body: { email, password: "not-the-password" },
      });
      const iterations = deriveBits.mock.calls.map(
        ([params]) => (params as { iterations: number }).iterations,
      );
      return { status: response.status, body: await response.json(), iterations };
    };
    const wrongPassword = await attempt(account.email);
    const unknownEmail = await attempt(uniqueEmail("nobody"));
    deriveBits.mockRestore();
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail).toEqual(wrongPassword);
    expect(wrongPassword.iterations).toEqual([PASSWORD_ITERATIONS]);
  });
});

describe("refreshSession", () => {
  it("rotates the refresh token on every use", async () => {
    const account = await registerAccount();
    const first = await request("/api/auth/refresh", {
      body: { refreshToken: account.refreshToken },
    });
    expect(first.status).toBe(200);
    const { tokens } = (await first.json()) as {
      tokens: { accessToken: string; refreshToken: string };
    };
    expect(tokens.refreshToken).not.toBe(account.refreshToken);
    const second = await request("/api/auth/refresh", {
      body: { refreshToken: tokens.refreshToken },
    });
    expect(second.status).toBe(200);
  });

  it("revokes the whole session when a rotated refresh token is reused", async () => {
    const account = await registerAccount();
    const rotated = await request("/api/auth/refresh", {
      body: { refreshToken: account.refreshToken },
    });
    const { tokens } = (await rotated.json()) as {
      tokens: { accessToken: string; refreshToken: string };
    };

    await expectError(
      await request("/api/auth/refresh", { body: { refreshToken: account.refreshToken } }),
      401,
      "refresh_token_reused",
    );
    // The legitimate holder's newer tokens die with the family.
    await expectError(
      await request("/api/auth/refresh", { body: { refreshToken: tokens.refreshToken } }),
      401,
      "invalid_refresh_token",
    );
    await expectError(
      await request("/api/account", { token: tokens.accessToken }),
      401,
      "session_revoked",
    );
    const row = await env.DB.prepare("select revoked_reason from sessions where id = ?")
      .bind(account.sessionId)
      .first();
    expect(row).toEqual({ revoked_reason: "refresh_token_reuse" });
  });

  it("lets exactly one of two concurrent exchanges of the same token win", async () => {
    const account = await registerAccount();
    const results = await Promise.all(
      [1, 2].map(() =>
        request("/api/auth/refresh", { body: { refreshToken: account.refreshToken } }),
      ),
    );
    expect(results.map((response) => response.status).sort()).toEqual([200, 401]);
  });

  it("works from the refresh cookie for web clients", async () => {
    const register = await request("/api/auth/register", {
      body: { email: uniqueEmail(), password: PASSWORD },
      headers: { origin: ORIGIN },
    });
    const refresh = cookiesOf(register).get("__Secure-mq_refresh")!.value;
    const response = await request("/api/auth/refresh", {
      method: "POST",
      headers: { origin: ORIGIN, cookie: `__Secure-mq_refresh=${refresh}` },
    });
    expect(response.status).toBe(200);
    expect(cookiesOf(response).get("__Secure-mq_refresh")?.value).not.toBe(refresh);
  });

  it("refuses an unknown or missing refresh token", async () => {
    await expectError(
      await request("/api/auth/refresh", { body: { refreshToken: "x".repeat(43) } }),
      401,
      "invalid_refresh_token",
    );
    await expectError(
      await request("/api/auth/refresh", { method: "POST" }),
      401,
      "unauthenticated",
    );
  });

  it("refuses an expired refresh token", async () => {
    const account = await registerAccount();
    await env.DB.prepare("update refresh_tokens set expires_at = ? where session_id = ?")
      .bind(Date.now() - 1000, account.sessionId)
      .run();
    await expectError(
      await request("/api/auth/refresh", { body: { refreshToken: account.refreshToken } }),
      401,
      "invalid_refresh_token",
    );
  });
});

describe("logout", () => {
  it("revokes the session: its access and refresh tokens stop working", async () => {
    const account = await registerAccount();
    const response = await request("/api/auth/logout", {
      body: { refreshToken: account.refreshToken },
    });
    expect(response.status).toBe(204);
    await expectError(
      await request("/api/account", { token: account.accessToken }),
      401,
      "session_revoked",
    );
    await expectError(
      await request("/api/auth/refresh", { body: { refreshToken: account.refreshToken } }),
      401,
      "invalid_refresh_token",
    );
  });

  it("stops a token that was just in use: the isolate forgets what it knew about the session", async () => {
    const account = await registerAccount();
    expect((await request("/api/account", { token: account.accessToken })).status).toBe(200);
    await request("/api/auth/logout", { body: { refreshToken: account.refreshToken } });
    await expectError(
      await request("/api/account", { token: account.accessToken }),
      401,
      "session_revoked",
    );
  });

  it("signs out with just the access token and clears the cookies", async () => {
    const account = await registerAccount();
    const response = await request("/api/auth/logout", {
      method: "POST",
      token: account.accessToken,
    });
    expect(response.status).toBe(204);
    expect(cookiesOf(response).get("__Host-mq_access")?.attributes).toContain("Max-Age=0");
    await expectError(
      await request("/api/account", { token: account.accessToken }),
      401,
      "session_revoked",
    );
  });

  it("needs some credential", async () => {
    await expectError(
      await request("/api/auth/logout", { method: "POST" }),
      401,
      "unauthenticated",
    );
  });
});
