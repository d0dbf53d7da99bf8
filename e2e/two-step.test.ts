/**
 * Two-step verification: turning it on from the account page with a code
 * computed as an authenticator app would, then signing in with a code and
 * with a recovery code.
 */
import { expect } from "vitest";
import { base32Decode, totp } from "../lib/auth/totp.ts";
import { browserTest } from "./browser-test.ts";
import { fillSignIn, pickProfile, profileMenu, signUp, signedOut, whoIsWatching } from "./flows.ts";

const codeAt = (secret: string, unixSeconds: number) => totp(base32Decode(secret), unixSeconds);

browserTest("turns on two-step verification and signs in with a code", async ({ page }) => {
  const account = await signUp(page, "Avery");
  await pickProfile(page, "Avery");
  await profileMenu(page, "Avery").click();
  await page.getByRole("link", { name: "Account" }).click();

  await page.getByRole("button", { name: "Set up two-step verification" }).click();
  await page.getByLabel("Current password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Continue" }).click();

  await page
    .getByRole("img", { name: "QR code for adding Marquee to an authenticator app" })
    .waitFor();
  const secret = await page.getByLabel("Setup key").inputValue();
  await page.getByLabel("6-digit code").fill(await codeAt(secret, Date.now() / 1000));
  await page.getByRole("button", { name: "Turn on" }).click();

  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await codes.first().waitFor();
  const recoveryCodes = await codes.allTextContents();
  expect(recoveryCodes.length).toBeGreaterThanOrEqual(8);
  await page.getByRole("button", { name: "I've saved my recovery codes" }).click();
  await page.getByText("Signing in asks for a code from your authenticator app.").waitFor();

  await page.getByRole("button", { name: "Sign out of this device" }).click();
  await signedOut(page);
  await fillSignIn(page, account);
  await page.getByRole("heading", { name: "Two-step verification" }).waitFor();
  // The code used to turn 2FA on cannot be replayed; the next step's code is already valid.
  await page.getByLabel("Authentication code").fill(await codeAt(secret, Date.now() / 1000 + 30));
  await page.getByRole("button", { name: "Verify" }).click();
  await whoIsWatching(page);

  await page.getByRole("button", { name: "Sign out" }).click();
  await signedOut(page);
  await fillSignIn(page, account);
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(recoveryCodes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await whoIsWatching(page);
});
