import { describe, expect, it } from "vitest";
import {
  createProfile,
  env,
  expectError,
  listProfiles,
  registerAccount,
  request,
  selectProfile,
} from "./helpers.ts";

describe("creating and changing profiles", () => {
  it("creates up to five profiles, then refuses", async () => {
    const account = await registerAccount();
    for (const name of ["Two", "Three", "Four", "Five"])
      await createProfile(account.accessToken, { name });
    const sixth = await request("/api/profiles", {
      token: account.accessToken,
      body: { name: "Six" },
    });
    await expectError(sixth, 409, "profile_limit_reached");
    expect((await listProfiles(account.accessToken)).profiles).toHaveLength(5);
  });

  it("never overshoots five, even when creations race", async () => {
    const account = await registerAccount();
    const responses = await Promise.all(
      ["A", "B", "C", "D", "E", "F", "G", "H"].map((name) =>
        request("/api/profiles", { token: account.accessToken, body: { name } }),
      ),
    );
    expect(responses.filter((response) => response.status === 201)).toHaveLength(4);
    expect((await listProfiles(account.accessToken)).profiles).toHaveLength(5);
  });

  it("gives kids profiles PG by default and refuses more", async () => {
    const account = await registerAccount();
    const kids = await createProfile(account.accessToken, { name: "Kid", isKids: true });
    expect(kids.maturityLevel).toBe("PG");
    const tooHigh = await request("/api/profiles", {
      token: account.accessToken,
      body: { name: "Teen", isKids: true, maturityLevel: "PG-13" },
    });
    await expectError(tooHigh, 400, "kids_maturity_too_high");
    const raise = await request(`/api/profiles/${kids.id}`, {
      method: "PATCH",
      token: account.accessToken,
      body: { maturityLevel: "R" },
    });
    await expectError(raise, 400, "kids_maturity_too_high");
  });

  it("lowers the level when a profile becomes a kids profile", async () => {
    const account = await registerAccount();
    const grown = await createProfile(account.accessToken, { name: "Sam" });
    expect(grown.maturityLevel).toBe("NC-17");
    const response = await request(`/api/profiles/${grown.id}`, {
      method: "PATCH",
      token: account.accessToken,
      body: { isKids: true },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ isKids: true, maturityLevel: "PG" });
  });

  it("refuses a duplicate name", async () => {
    const account = await registerAccount({ profileName: "Jo" });
    await expectError(
      await request("/api/profiles", { token: account.accessToken, body: { name: "Jo" } }),
      409,
      "profile_name_taken",
    );
  });

  it("deletes a profile but keeps the last one", async () => {
    const account = await registerAccount();
    const extra = await createProfile(account.accessToken, { name: "Extra" });
    expect(
      (await request(`/api/profiles/${extra.id}`, { method: "DELETE", token: account.accessToken }))
        .status,
    ).toBe(204);
    const [last] = (await listProfiles(account.accessToken)).profiles;
    await expectError(
      await request(`/api/profiles/${last!.id}`, { method: "DELETE", token: account.accessToken }),
      409,
      "last_profile",
    );
  });

  it("answers 404 for another account's profile on every route, and changes nothing", async () => {
    const mine = await registerAccount();
    const theirs = await registerAccount({ profileName: "Theirs" });
    const [target] = (await listProfiles(theirs.accessToken)).profiles;
    const path = `/api/profiles/${target!.id}`;
    await expectError(
      await request(path, { method: "PATCH", token: mine.accessToken, body: { name: "Mine now" } }),
      404,
      "not_found",
    );
    await expectError(
      await request(path, { method: "DELETE", token: mine.accessToken }),
      404,
      "not_found",
    );
    await expectError(
      await request(`${path}/select`, { token: mine.accessToken, body: {} }),
      404,
      "not_found",
    );
    expect(
      (await listProfiles(theirs.accessToken)).profiles.map((profile) => profile.name),
    ).toEqual(["Theirs"]);
  });
});

describe("selecting a profile", () => {
  it("puts the profile in the session: the new token and the session row name it", async () => {
    const account = await registerAccount();
    const [profile] = (await listProfiles(account.accessToken)).profiles;
    const token = await selectProfile(account.accessToken, profile!.id);
    expect((await listProfiles(token)).activeProfileId).toBe(profile!.id);
    const row = await env.DB.prepare("select active_profile_id from sessions where id = ?")
      .bind(account.sessionId)
      .first();
    expect(row).toEqual({ active_profile_id: profile!.id });
    // A refresh keeps the active profile.
    const refreshed = await request("/api/auth/refresh", {
      body: { refreshToken: account.refreshToken },
    });
    const { tokens } = (await refreshed.json()) as { tokens: { accessToken: string } };
    expect((await listProfiles(tokens.accessToken)).activeProfileId).toBe(profile!.id);
  });

  it("narrows a kids session to viewer: it may rename itself but not manage profiles", async () => {
    const account = await registerAccount();
    const kids = await createProfile(account.accessToken, { name: "Kid", isKids: true });
    const other = await createProfile(account.accessToken, { name: "Parent" });
    const kidsToken = await selectProfile(account.accessToken, kids.id);

    expect(
      (
        await request(`/api/profiles/${kids.id}`, {
          method: "PATCH",
          token: kidsToken,
          body: { name: "Kiddo", avatar: "mint" },
        })
      ).status,
    ).toBe(200);
    await expectError(
      await request(`/api/profiles/${kids.id}`, {
        method: "PATCH",
        token: kidsToken,
        body: { maturityLevel: "PG" },
      }),
      403,
      "forbidden",
    );
    await expectError(
      await request(`/api/profiles/${kids.id}`, {
        method: "PATCH",
        token: kidsToken,
        body: { isKids: false },
      }),
      403,
      "forbidden",
    );
    await expectError(
      await request(`/api/profiles/${other.id}`, {
        method: "PATCH",
        token: kidsToken,
        body: { name: "Hacked" },
      }),
      403,
      "forbidden",
    );
    await expectError(
      await request("/api/profiles", { token: kidsToken, body: { name: "New" } }),
      403,
      "forbidden",
    );
    await expectError(
      await request(`/api/profiles/${other.id}`, { method: "DELETE", token: kidsToken }),
      403,
      "forbidden",
    );
  });

  it("needs the PIN of a PIN-protected profile", async () => {
    const account = await registerAccount();
    const locked = await createProfile(account.accessToken, { name: "Private", pin: "4821" });
    expect(locked.hasPin).toBe(true);
    const path = `/api/profiles/${locked.id}/select`;
    await expectError(
      await request(path, { token: account.accessToken, body: {} }),
      403,
      "pin_required",
    );
    await expectError(
      await request(path, { token: account.accessToken, body: { pin: "1111" } }),
      403,
      "invalid_pin",
    );
    expect(
      (await request(path, { token: account.accessToken, body: { pin: "4821" } })).status,
    ).toBe(200);
    const row = await env.DB.prepare("select pin_hash from profiles where id = ?")
      .bind(locked.id)
      .first<{ pin_hash: string }>();
    expect(row?.pin_hash).toMatch(/^pbkdf2-sha256\$/);
  });

  it("locks a profile for 15 minutes after five wrong PINs, even for the right one", async () => {
    const account = await registerAccount();
    const profile = await createProfile(account.accessToken, { name: "Private", pin: "4821" });
    const path = `/api/profiles/${profile.id}/select`;
    for (let attempt = 1; attempt <= 4; attempt++) {
      await expectError(
        await request(path, { token: account.accessToken, body: { pin: "0000" } }),
        403,
        "invalid_pin",
      );
    }
    const fifth = await request(path, { token: account.accessToken, body: { pin: "0000" } });
    await expectError(fifth, 429, "pin_locked");
    const retryAfter = Number(fifth.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    await expectError(
      await request(path, { token: account.accessToken, body: { pin: "4821" } }),
      429,
      "pin_locked",
    );
    const listed = (await listProfiles(account.accessToken)).profiles.find(
      (p) => p.id === profile.id,
    );
    expect(listed?.pinLockedUntil).toEqual(expect.any(String));

    // When the lock has passed, the right PIN works again.
    await env.DB.prepare("update profiles set pin_locked_until = ? where id = ?")
      .bind(Date.now() - 1, profile.id)
      .run();
    expect(
      (await request(path, { token: account.accessToken, body: { pin: "4821" } })).status,
    ).toBe(200);
  });

  it("checks at most five PINs when many guesses arrive at once", async () => {
    const account = await registerAccount();
    const profile = await createProfile(account.accessToken, { name: "Private", pin: "4821" });
    // 15 guesses plus the creation stay under the profile tier's 20 per minute.
    const guesses = Array.from({ length: 15 }, (_, i) => String(1000 + i));
    const responses = await Promise.all(
      guesses.map((pin) =>
        request(`/api/profiles/${profile.id}/select`, {
          token: account.accessToken,
          body: { pin },
        }),
      ),
    );
    const codes = await Promise.all(
      responses.map(
        async (response) => ((await response.json()) as { error: { code: string } }).error.code,
      ),
    );
    const wrong = codes.filter((code) => code === "invalid_pin").length;
    expect(wrong).toBeLessThanOrEqual(4);
    expect(codes.filter((code) => code === "pin_locked")).toHaveLength(15 - wrong);
    const listed = (await listProfiles(account.accessToken)).profiles.find(
      (p) => p.id === profile.id,
    );
    expect(listed?.pinLockedUntil).toEqual(expect.any(String));
  });

  it("resets the count after the right PIN", async () => {
    const account = await registerAccount();
    const profile = await createProfile(account.accessToken, { name: "Private", pin: "4821" });
    const path = `/api/profiles/${profile.id}/select`;
    for (let attempt = 1; attempt <= 4; attempt++)
      await request(path, { token: account.accessToken, body: { pin: "0000" } });
    expect(
      (await request(path, { token: account.accessToken, body: { pin: "4821" } })).status,
    ).toBe(200);
    await expectError(
      await request(path, { token: account.accessToken, body: { pin: "0000" } }),
      403,
      "invalid_pin",
    );
  });

  it("removes a PIN with null", async () => {
    const account = await registerAccount();
    const profile = await createProfile(account.accessToken, { name: "Private", pin: "4821" });
    const response = await request(`/api/profiles/${profile.id}`, {
      method: "PATCH",
      token: account.accessToken,
      body: { pin: null },
    });
    expect(await response.json()).toMatchObject({ hasPin: false });
    expect(
      (
        await request(`/api/profiles/${profile.id}/select`, {
          token: account.accessToken,
          body: {},
        })
      ).status,
    ).toBe(200);
  });
});
