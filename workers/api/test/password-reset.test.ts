import { describe, expect, it } from "vitest";
import {
  PASSWORD,
  env,
  expectError,
  registerAccount,
  request,
  resetTokenFor,
  signIn,
  uniqueEmail,
} from "./helpers.ts";

const NEW_PASSWORD = "saffron-glacier-orbit-7";

describe("password reset", () => {
  it("mails a link whose token sets a new password and signs out every session", async () => {
    const account = await registerAccount();
    const accepted = await request("/api/auth/password-reset", { body: { email: account.email } });
    expect(accepted.status).toBe(202);
    const token = await resetTokenFor(account.email);

    const reset = await request("/api/auth/password-reset/confirm", {
      body: { token, password: NEW_PASSWORD },
    });
    expect(reset.status).toBe(204);
    await expectError(
      await request("/api/account", { token: account.accessToken }),
      401,
      "session_revoked",
    );
    await expectError(
      await request("/api/auth/login", { body: { email: account.email, password: PASSWORD } }),
      401,
      "invalid_credentials",
    );
    expect((await signIn(account.email, NEW_PASSWORD)).status).toBe("signed_in");
  });

  it("answers an unknown email the same way, and sends nothing", async () => {
    const email = uniqueEmail("nobody");
    const response = await request("/api/auth/password-reset", { body: { email } });
    expect(response.status).toBe(202);
    const known = await request("/api/auth/password-reset", {
      body: { email: (await registerAccount()).email },
    });
    expect(await response.json()).toEqual(await known.json());
    await expect(resetTokenFor(email)).rejects.toThrow("no reset mail");
  });

  it("works once only", async () => {
    const account = await registerAccount();
    await request("/api/auth/password-reset", { body: { email: account.email } });
    const token = await resetTokenFor(account.email);
    expect(
      (
        await request("/api/auth/password-reset/confirm", {
          body: { token, password: NEW_PASSWORD },
        })
      ).status,
    ).toBe(204);
    const again = await request("/api/auth/password-reset/confirm", {
      body: { token, password: "another-fine-password" },
    });
    await expectError(again, 400, "invalid_reset_token");
  });

  it("expires after 15 minutes", async () => {
    const account = await registerAccount();
    await request("/api/auth/password-reset", { body: { email: account.email } });
    const token = await resetTokenFor(account.email);
    await env.DB.prepare("update password_reset_tokens set expires_at = ? where account_id = ?")
      .bind(Date.now() - 1, account.accountId)
      .run();
    await expectError(
      await request("/api/auth/password-reset/confirm", {
        body: { token, password: NEW_PASSWORD },
      }),
      400,
      "invalid_reset_token",
    );
    expect((await signIn(account.email, PASSWORD)).status).toBe("signed_in");
  });

  it("applies the password policy to the new password", async () => {
    const account = await registerAccount();
    await request("/api/auth/password-reset", { body: { email: account.email } });
    const token = await resetTokenFor(account.email);
    await expectError(
      await request("/api/auth/password-reset/confirm", {
        body: { token, password: "1234567890" },
      }),
      400,
      "validation_failed",
    );
    // The failed attempt did not spend the token.
    expect(
      (
        await request("/api/auth/password-reset/confirm", {
          body: { token, password: NEW_PASSWORD },
        })
      ).status,
    ).toBe(204);
  });
});
