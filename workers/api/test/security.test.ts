import { describe, expect, it } from "vitest";
import { issueAccessToken } from "../../../lib/auth/access-token.ts";
import {
  AUDIENCES,
  generateSigningKey,
  signToken,
  tokenKeys,
} from "../../../lib/auth/signed-token.ts";
import {
  ORIGIN,
  env,
  expectError,
  registerAccount,
  request,
  uniqueEmail,
  PASSWORD,
} from "./helpers.ts";

const keys = () => tokenKeys(env.JWT_SIGNING_KEYS);

function claimsOf(account: { accountId: string; sessionId: string }) {
  return {
    accountId: account.accountId,
    sessionId: account.sessionId,
    profileId: null,
    roles: ["account_owner" as const],
    plan: "standard" as const,
  };
}

describe("access tokens", () => {
  it("refuses a request without one", async () => {
    await expectError(await request("/api/account"), 401, "unauthenticated");
  });

  it("refuses an expired token", async () => {
    const account = await registerAccount();
    const expired = await issueAccessToken(await keys(), claimsOf(account), -60);
    await expectError(await request("/api/account", { token: expired }), 401, "token_expired");
  });

  it("refuses a tampered token", async () => {
    const account = await registerAccount();
    const [header, payload, signature] = account.accessToken.split(".");
    const claims = JSON.parse(atob(payload!.replaceAll("-", "+").replaceAll("_", "/")));
    const elevated = btoa(JSON.stringify({ ...claims, roles: ["admin"] }))
      .replaceAll("+", "-")
      .replaceAll("/", "_")
      .replace(/=+$/, "");
    await expectError(
      await request("/api/account", { token: `${header}.${elevated}.${signature}` }),
      401,
      "invalid_token",
    );
  });

  it("refuses a token signed by a key we don't hold, even with our key id", async () => {
    const account = await registerAccount();
    const { kid } = await keys();
    const foreign = await tokenKeys(JSON.stringify([await generateSigningKey(kid)]));
    const forged = await issueAccessToken(foreign, claimsOf(account), 600);
    await expectError(await request("/api/account", { token: forged }), 401, "invalid_token");
  });

  it("refuses a token with an unknown key id", async () => {
    const account = await registerAccount();
    const other = await tokenKeys(JSON.stringify([await generateSigningKey("someone-elses-key")]));
    await expectError(
      await request("/api/account", {
        token: await issueAccessToken(other, claimsOf(account), 600),
      }),
      401,
      "invalid_token",
    );
  });

  it("refuses a token minted for another purpose", async () => {
    const account = await registerAccount();
    const challenge = await signToken(await keys(), {
      audience: AUDIENCES.mfaChallenge,
      subject: account.accountId,
      ttlSeconds: 300,
    });
    await expectError(await request("/api/account", { token: challenge }), 401, "invalid_token");
  });

  it("refuses a malformed Authorization header", async () => {
    await expectError(
      await request("/api/account", { headers: { authorization: "Basic dXNlcjpwYXNz" } }),
      401,
      "invalid_token",
    );
  });

  it("accepts the access cookie", async () => {
    const account = await registerAccount();
    const response = await request("/api/account", {
      headers: { cookie: `__Host-mq_access=${account.accessToken}` },
    });
    expect(response.status).toBe(200);
  });
});

describe("CSRF protection", () => {
  it("refuses an unsafe request from a foreign origin", async () => {
    const account = await registerAccount();
    const response = await request("/api/profiles", {
      body: { name: "Evil" },
      headers: {
        origin: "https://evil.example",
        cookie: `__Host-mq_access=${account.accessToken}`,
      },
    });
    await expectError(response, 403, "csrf_rejected");
  });

  it("refuses a cookie-authenticated unsafe request without an Origin", async () => {
    const account = await registerAccount();
    const response = await request("/api/profiles", {
      body: { name: "Replay" },
      headers: { cookie: `__Host-mq_access=${account.accessToken}` },
    });
    await expectError(response, 403, "csrf_rejected");
  });

  it("allows our own origin with cookies, and bearer clients without an Origin", async () => {
    const account = await registerAccount();
    const web = await request("/api/profiles", {
      body: { name: "Web" },
      headers: { origin: ORIGIN, cookie: `__Host-mq_access=${account.accessToken}` },
    });
    expect(web.status).toBe(201);
    expect(
      (await request("/api/profiles", { body: { name: "Api" }, token: account.accessToken }))
        .status,
    ).toBe(201);
  });

  it("refuses sign-in posted from a foreign origin", async () => {
    const response = await request("/api/auth/login", {
      body: { email: uniqueEmail(), password: PASSWORD },
      headers: { origin: "https://evil.example" },
    });
    await expectError(response, 403, "csrf_rejected");
  });
});

describe("CORS", () => {
  it("sends no CORS grant to an origin that is not on the allowlist", async () => {
    const response = await request("/api/health", { headers: { origin: "https://evil.example" } });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await request("/api/profiles", {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("request bodies", () => {
  it("refuses bodies over 64 KB with 413 before parsing them", async () => {
    const response = await request("/api/auth/login", {
      body: JSON.stringify({ email: "a@example.com", password: "x".repeat(70_000) }),
    });
    await expectError(response, 413, "payload_too_large");
  });

  it("refuses a body that is not JSON with 415", async () => {
    const response = await request("/api/auth/login", {
      method: "POST",
      body: "email=a",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    await expectError(response, 415, "unsupported_media_type");
  });
});

describe("every response", () => {
  it("carries a request id and the security headers, errors included", async () => {
    for (const response of [
      await request("/api/health"),
      await request("/api/nowhere"),
      await request("/api/account"),
    ]) {
      expect(response.headers.get("x-request-id")).toMatch(/^[\w-]{8,}$/);
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(response.headers.get("strict-transport-security")).toContain("max-age=");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("keeps a well-formed upstream request id and replaces a hostile one", async () => {
    expect(
      (await request("/api/health", { headers: { "x-request-id": "trace-12345678" } })).headers.get(
        "x-request-id",
      ),
    ).toBe("trace-12345678");
    const hostile = await request("/api/health", {
      headers: { "x-request-id": "bad id <script>alert(1)</script>" },
    });
    expect(hostile.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers unknown routes with the error contract", async () => {
    await expectError(await request("/api/nowhere"), 404, "not_found");
  });
});
