import { describe, expect, it } from "vitest";
import { RATE_LIMIT_TIERS } from "../../../lib/rate-limit/tiers.ts";
import { expectError, freshIp, listProfiles, registerAccount, request } from "./helpers.ts";

describe("rate limits", () => {
  it("lets exactly the limit through when 50 requests arrive at once", async () => {
    const account = await registerAccount();
    const [profile] = (await listProfiles(account.accessToken)).profiles;
    const limit = RATE_LIMIT_TIERS.profile.window.limit;
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        request(`/api/profiles/${profile!.id}`, {
          method: "PATCH",
          token: account.accessToken,
          body: { name: `Name ${i}` },
        }),
      ),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(limit);
    expect(responses.filter((response) => response.status === 429)).toHaveLength(50 - limit);
  });

  it("holds sign-in attempts from one address to the burst of 2, concurrently too", async () => {
    const ip = freshIp();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        request("/api/auth/login", {
          ip,
          body: { email: "someone@example.com", password: "wrong-password" },
        }),
      ),
    );
    expect(responses.filter((response) => response.status === 401)).toHaveLength(
      RATE_LIMIT_TIERS.auth.burst.limit,
    );
    expect(responses.filter((response) => response.status === 429)).toHaveLength(48);
  });

  it("answers 429 with Retry-After and the X-RateLimit headers", async () => {
    const ip = freshIp();
    const body = { email: "someone@example.com", password: "wrong-password" };
    const first = await request("/api/auth/login", { ip, body });
    expect(first.headers.get("x-ratelimit-limit")).toBe("5");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("4");
    expect(Number(first.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
    await request("/api/auth/login", { ip, body });
    const refused = await request("/api/auth/login", { ip, body });
    await expectError(refused, 429, "rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(10);
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("3");
  });

  it("counts per caller: another address is not affected", async () => {
    const ip = freshIp();
    const body = { email: "someone@example.com", password: "wrong-password" };
    for (let i = 0; i < 3; i++) await request("/api/auth/login", { ip, body });
    await expectError(
      await request("/api/auth/login", { ip: freshIp(), body }),
      401,
      "invalid_credentials",
    );
  });
});
