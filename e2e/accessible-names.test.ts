/**
 * Every control on the main pages has an accessible name, as computed by
 * the browser's accessibility tree: no unlabelled input, no icon-only
 * button without words.
 */
import { browserTest } from "./browser-test.ts";
import { expectWellFormed } from "./page-checks.ts";
import { pickProfile, profileMenu, signUp } from "./flows.ts";

browserTest("names every control on the main pages", async ({ page }) => {
  for (const [path, heading] of [
    ["/signin", "Sign in"],
    ["/signup", "Create your account"],
    ["/forgot-password", "Reset your password"],
    ["/reset-password#token=from-the-email", "Choose a new password"],
  ] as const) {
    await page.goto(path);
    await page.getByRole("heading", { name: heading }).waitFor();
    await expectWellFormed(page, path);
  }

  await signUp(page, "Noor");
  await expectWellFormed(page, "Who's watching?");

  await page.getByRole("link", { name: "Manage profiles" }).click();
  await page.getByRole("button", { name: "Edit Noor" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit Noor" });
  await dialog.getByRole("radio", { name: "Set a PIN" }).check();
  await dialog.getByLabel("PIN", { exact: true }).waitFor();
  await expectWellFormed(page, "profile editor");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expectWellFormed(page, "Manage profiles");

  await page.getByRole("link", { name: "Done" }).click();
  await pickProfile(page, "Noor");
  await profileMenu(page, "Noor").click();
  await page.getByRole("link", { name: "Account" }).waitFor();
  await expectWellFormed(page, "home with the profile menu open");

  await page.getByRole("link", { name: "Account" }).click();
  await page.getByRole("button", { name: "Set up two-step verification" }).click();
  await page.getByLabel("Current password").waitFor();
  await page.getByRole("region", { name: "Signed-in devices" }).getByRole("listitem").waitFor();
  await expectWellFormed(page, "account");

  await page.goto("/dev/mailbox");
  await page.getByRole("heading", { name: "Dev mailbox" }).waitFor();
  await expectWellFormed(page, "dev mailbox");
});
