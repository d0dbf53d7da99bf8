/**
 * Every control on the main pages has an accessible name, as computed by
 * the browser's accessibility tree: no unlabelled input, no icon-only
 * button without words.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { browserTest } from "./browser-test.ts";
import { pickProfile, profileMenu, signUp } from "./flows.ts";

const CONTROLS = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex='0']";

/** The controls people can reach whose accessible name is empty, described for the failure message. */
async function unnamedControls(page: Page): Promise<string[]> {
  const unnamed: string[] = [];
  for (const control of await page.locator(CONTROLS).all()) {
    if (!(await control.isVisible())) continue;
    const node = (await control.ariaSnapshot()).split("\n")[0] ?? "";
    if (!/^- [\w-]+ "[^"]+"/.test(node))
      unnamed.push(
        `${node} ${await control.evaluate((element) => element.outerHTML.slice(0, 120))}`,
      );
  }
  return unnamed;
}

async function expectNamedControls(page: Page, where: string) {
  expect(await unnamedControls(page), where).toEqual([]);
}

browserTest("names every control on the main pages", async ({ page }) => {
  for (const [path, heading] of [
    ["/signin", "Sign in"],
    ["/signup", "Create your account"],
    ["/forgot-password", "Reset your password"],
    ["/reset-password#token=from-the-email", "Choose a new password"],
  ] as const) {
    await page.goto(path);
    await page.getByRole("heading", { name: heading }).waitFor();
    await expectNamedControls(page, path);
  }

  await signUp(page, "Noor");
  await expectNamedControls(page, "Who's watching?");

  await page.getByRole("link", { name: "Manage profiles" }).click();
  await page.getByRole("button", { name: "Edit Noor" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit Noor" });
  await dialog.getByRole("radio", { name: "Set a PIN" }).check();
  await dialog.getByLabel("PIN", { exact: true }).waitFor();
  await expectNamedControls(page, "profile editor");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expectNamedControls(page, "Manage profiles");

  await page.getByRole("link", { name: "Done" }).click();
  await pickProfile(page, "Noor");
  await profileMenu(page, "Noor").click();
  await page.getByRole("link", { name: "Account" }).waitFor();
  await expectNamedControls(page, "home with the profile menu open");

  await page.getByRole("link", { name: "Account" }).click();
  await page.getByRole("button", { name: "Set up two-step verification" }).click();
  await page.getByLabel("Current password").waitFor();
  await page.getByRole("region", { name: "Signed-in devices" }).getByRole("listitem").waitFor();
  await expectNamedControls(page, "account");

  await page.goto("/dev/mailbox");
  await page.getByRole("heading", { name: "Dev mailbox" }).waitFor();
  await expectNamedControls(page, "dev mailbox");
});
