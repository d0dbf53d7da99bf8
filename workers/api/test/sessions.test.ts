import { describe, expect, it } from "vitest";
import { expectError, kidsSessionToken, registerAccount, request, signIn } from "./helpers.ts";

interface SessionBody {
  id: string;
  device: string;
  current: boolean;
}

async function sessionsOf(token: string): Promise<SessionBody[]> {
  const response = await request("/api/account/sessions", { token });
  expect(response.status).toBe(200);
  return ((await response.json()) as { sessions: SessionBody[] }).sessions;
}

describe("sessions", () => {
  it("lists the account's signed-in devices and marks the current one", async () => {
    const account = await registerAccount();
    const other = await request("/api/auth/login", {
      body: { email: account.email, password: account.password, tokenDelivery: "body" },
      headers: {
        "user-agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Gecko/20100101 Firefox/130.0",
      },
    });
    const { sessionId: otherId } = (await other.json()) as { sessionId: string };
    const sessions = await sessionsOf(account.accessToken);
    expect(sessions.map((session) => session.id).sort()).toEqual(
      [account.sessionId, otherId].sort(),
    );
    expect(sessions.find((session) => session.current)?.id).toBe(account.sessionId);
    expect(sessions.find((session) => session.id === otherId)?.device).toBe("Firefox on macOS");
  });

  it("revokes one device: its tokens stop working and it leaves the list", async () => {
    const account = await registerAccount();
    const other = await signIn(account.email, account.password);
    expect(
      (
        await request(`/api/account/sessions/${other.sessionId}`, {
          method: "DELETE",
          token: account.accessToken,
        })
      ).status,
    ).toBe(204);
    await expectError(
      await request("/api/account", { token: other.tokens.accessToken }),
      401,
      "session_revoked",
    );
    await expectError(
      await request("/api/auth/refresh", { body: { refreshToken: other.tokens.refreshToken } }),
      401,
      "invalid_refresh_token",
    );
    expect((await sessionsOf(account.accessToken)).map((session) => session.id)).toEqual([
      account.sessionId,
    ]);
  });

  it("answers 404 for another account's session, and leaves it alone", async () => {
    const mine = await registerAccount();
    const theirs = await registerAccount();
    await expectError(
      await request(`/api/account/sessions/${theirs.sessionId}`, {
        method: "DELETE",
        token: mine.accessToken,
      }),
      404,
      "not_found",
    );
    expect((await request("/api/account", { token: theirs.accessToken })).status).toBe(200);
  });

  it("is for account owners: a kids profile cannot see or revoke sessions", async () => {
    const account = await registerAccount();
    const kidsToken = await kidsSessionToken(account.accessToken);
    await expectError(
      await request("/api/account/sessions", { token: kidsToken }),
      403,
      "forbidden",
    );
    const revoke = await request(`/api/account/sessions/${account.sessionId}`, {
      method: "DELETE",
      token: kidsToken,
    });
    await expectError(revoke, 403, "forbidden");
  });
});
