import { describe, expect, it } from "vitest";
import { base32Decode, totp } from "../../../lib/auth/totp.ts";
import { env, expectError, registerAccount, request, signIn, type TestAccount } from "./helpers.ts";

const now = () => Math.floor(Date.now() / 1000);
const codeAt = (secret: string, unixSeconds: number) => totp(base32Decode(secret), unixSeconds);

async function enableMfa(account: TestAccount) {
  const enrol = await request("/api/account/mfa/enroll", {
    token: account.accessToken,
    body: { password: account.password },
  });
  expect(enrol.status).toBe(200);
  const { secret, otpauthUri } = (await enrol.json()) as { secret: string; otpauthUri: string };
  const confirm = await request("/api/account/mfa/confirm", {
    token: account.accessToken,
    body: { code: await codeAt(secret, now()) },
  });
  expect(confirm.status).toBe(200);
  const { recoveryCodes } = (await confirm.json()) as { recoveryCodes: string[] };
  return { secret, otpauthUri, recoveryCodes };
}

async function challenge(account: TestAccount): Promise<string> {
  const result = await signIn(account.email, account.password);
  expect(result.status).toBe("mfa_required");
  return result.mfaToken!;
}

describe("enrolment", () => {
  it("gives an otpauth URI and ten recovery codes, and keeps the secret sealed", async () => {
    const account = await registerAccount();
    const { secret, otpauthUri, recoveryCodes } = await enableMfa(account);
    const uri = new URL(otpauthUri);
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Marquee");
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const row = await env.DB.prepare("select mfa_secret from accounts where id = ?")
      .bind(account.accountId)
      .first<{ mfa_secret: string }>();
    expect(row?.mfa_secret).toMatch(/^v1\./);
    expect(row?.mfa_secret).not.toContain(secret);
  });

  it("needs the current password", async () => {
    const account = await registerAccount();
    const response = await request("/api/account/mfa/enroll", {
      token: account.accessToken,
      body: { password: "wrong-password" },
    });
    await expectError(response, 403, "invalid_password");
  });

  it("refuses a wrong first code and leaves 2FA off", async () => {
    const account = await registerAccount();
    const enrol = await request("/api/account/mfa/enroll", {
      token: account.accessToken,
      body: { password: account.password },
    });
    const { secret } = (await enrol.json()) as { secret: string };
    const wrong = String((Number(await codeAt(secret, now())) + 1) % 1_000_000).padStart(6, "0");
    await expectError(
      await request("/api/account/mfa/confirm", {
        token: account.accessToken,
        body: { code: wrong },
      }),
      400,
      "invalid_mfa_code",
    );
    expect((await signIn(account.email, account.password)).status).toBe("signed_in");
  });

  it("refuses confirmation without enrolment, and a second enrolment", async () => {
    const account = await registerAccount();
    await expectError(
      await request("/api/account/mfa/confirm", {
        token: account.accessToken,
        body: { code: "123456" },
      }),
      409,
      "mfa_not_enrolling",
    );
    await enableMfa(account);
    const again = await request("/api/account/mfa/enroll", {
      token: account.accessToken,
      body: { password: account.password },
    });
    await expectError(again, 409, "mfa_already_enabled");
  });
});

describe("sign-in with two-factor", () => {
  it("asks for a code, then signs in with a valid one", async () => {
    const account = await registerAccount();
    const { secret } = await enableMfa(account);
    const mfaToken = await challenge(account);
    // The step after the confirmation code's, so it is not a replay.
    const response = await request("/api/auth/mfa/verify", {
      body: { mfaToken, code: await codeAt(secret, now() + 30), tokenDelivery: "body" },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; tokens: { accessToken: string } };
    expect(body.status).toBe("signed_in");
    expect((await request("/api/account", { token: body.tokens.accessToken })).status).toBe(200);
  });

  it("does not accept the same code twice", async () => {
    const account = await registerAccount();
    const { secret } = await enableMfa(account);
    const code = await codeAt(secret, now() + 30);
    const first = await request("/api/auth/mfa/verify", {
      body: { mfaToken: await challenge(account), code },
    });
    expect(first.status).toBe(200);
    const replay = await request("/api/auth/mfa/verify", {
      body: { mfaToken: await challenge(account), code },
    });
    await expectError(replay, 401, "invalid_mfa_code");
  });

  it("accepts each recovery code once, in any case and with or without the dash", async () => {
    const account = await registerAccount();
    const { recoveryCodes } = await enableMfa(account);
    const code = recoveryCodes[0]!;
    const loose = code.replace("-", "").toLowerCase();
    expect(
      (
        await request("/api/auth/mfa/verify", {
          body: { mfaToken: await challenge(account), recoveryCode: loose },
        })
      ).status,
    ).toBe(200);
    const again = await request("/api/auth/mfa/verify", {
      body: { mfaToken: await challenge(account), recoveryCode: code },
    });
    await expectError(again, 401, "invalid_mfa_code");
  });

  it("refuses a wrong code, a forged challenge and an access token used as a challenge", async () => {
    const account = await registerAccount();
    const { secret } = await enableMfa(account);
    const mfaToken = await challenge(account);
    const wrong = String((Number(await codeAt(secret, now() + 30)) + 500_000) % 1_000_000).padStart(
      6,
      "0",
    );
    await expectError(
      await request("/api/auth/mfa/verify", { body: { mfaToken, code: wrong } }),
      401,
      "invalid_mfa_code",
    );
    const forged = `${mfaToken.slice(0, -4)}AAAA`;
    await expectError(
      await request("/api/auth/mfa/verify", { body: { mfaToken: forged, code: "123456" } }),
      401,
      "invalid_mfa_token",
    );
    await expectError(
      await request("/api/auth/mfa/verify", {
        body: { mfaToken: account.accessToken, code: "123456" },
      }),
      401,
      "invalid_mfa_token",
    );
  });

  it("needs exactly one of code and recoveryCode", async () => {
    const account = await registerAccount();
    await enableMfa(account);
    const mfaToken = await challenge(account);
    await expectError(
      await request("/api/auth/mfa/verify", { body: { mfaToken } }),
      400,
      "validation_failed",
    );
    await expectError(
      await request("/api/auth/mfa/verify", {
        body: { mfaToken, code: "123456", recoveryCode: "ABCDE-FGHIJ" },
      }),
      400,
      "validation_failed",
    );
  });
});
