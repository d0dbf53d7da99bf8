/** Forgetting a password: the reset mail in the dev mailbox, its link, and the new password. */
import { expect } from "vitest";
import { browserTest } from "./browser-test.ts";
import { PASSWORD, signIn, signOutFromMenu, pickProfile, signUp } from "./flows.ts";

browserTest("resets a forgotten password through the link in the dev mailbox", async ({ page }) => {
  const { email } = await signUp(page, "Morgan");
  await pickProfile(page, "Morgan");
  await signOutFromMenu(page, "Morgan");

  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.getByRole("heading", { name: "Reset your password" }).waitFor();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a link" }).click();
  await page.getByRole("status").filter({ hasText: "a reset link is on its way" }).waitFor();

  // The mail is sent after the response, so it may take a moment to arrive.
  await page.goto("/dev/mailbox");
  const mail = page.getByRole("article").filter({ hasText: `To ${email}` });
  await expect
    .poll(async () => {
      if ((await mail.count()) > 0) return true;
      await page.getByRole("button", { name: "Refresh" }).click();
      return false;
    })
    .toBe(true);
  await mail.getByRole("heading", { name: "Reset your Marquee password" }).waitFor();
  await mail.getByRole("link", { name: /\/reset-password#token=/ }).click();

  await page.getByRole("heading", { name: "Choose a new password" }).waitFor();
  // The token leaves the address bar once read.
  await expect.poll(() => new URL(page.url()).hash).toBe("");
  const newPassword = `${PASSWORD}-renewed`;
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByRole("button", { name: "Save new password" }).click();

  await page.getByRole("status").filter({ hasText: "Your password has been changed" }).waitFor();
  await signIn(page, { email, password: newPassword });
});
