/**
 * Accounts and profiles through the web app: the sign-up acceptance flow,
 * kids profiles and what they may not do, switching profiles, PIN locks.
 */
import { expect } from "vitest";
import { browserTest, expectApiErrors } from "./browser-test.ts";
import {
  DEMO_VIEWER,
  addProfile,
  pickProfile,
  profileMenu,
  signIn,
  signOutFromMenu,
  signUp,
  signedOut,
  whoIsWatching,
} from "./flows.ts";

browserTest(
  "sign up, add a kids profile, sign out and back in, and watch as the kids profile",
  async ({ page }) => {
    const account = await signUp(page, "Jordan");

    await page.getByRole("link", { name: "Manage profiles" }).click();
    await page.getByRole("button", { name: "Add profile" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a profile" });
    await dialog.getByRole("checkbox", { name: "Kids profile" }).check();
    // Kids profiles go up to PG, so the maturity choice stops there.
    const levels = await dialog.getByLabel("Maturity level").locator("option").allTextContents();
    expect(levels.map((level) => level.split(" ")[0])).toEqual(["G", "PG"]);
    await dialog.getByRole("button", { name: "Close" }).click();
    await addProfile(page, { name: "Pip", kids: true });
    await page.getByRole("link", { name: "Done" }).click();

    await whoIsWatching(page);
    await page.getByRole("button", { name: "Sign out" }).click();
    await signedOut(page);
    await signIn(page, account);
    await pickProfile(page, "Pip");

    expect(await profileMenu(page, "Pip").textContent()).toContain("Kids");
    await profileMenu(page, "Pip").click();
    await page.getByRole("link", { name: "Account" }).waitFor();
    expect(await page.getByRole("link", { name: "Manage profiles" }).count()).toBe(0);

    await page.getByRole("link", { name: "Account" }).click();
    await page.getByRole("heading", { name: "Account", level: 1 }).waitFor();
    await page.getByText("managed from a grown-up's profile").waitFor();
    expect(await page.getByRole("heading", { name: "Two-step verification" }).count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Signed-in devices" }).count()).toBe(0);

    await page.goto("/profiles");
    await whoIsWatching(page);
    expect(await page.getByRole("link", { name: "Manage profiles" }).count()).toBe(0);
    await page.goto("/profiles/manage");
    await page.getByText("can only be managed from a grown-up's profile").waitFor();
    expect(await page.getByRole("button", { name: "Add profile" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Edit / }).count()).toBe(0);
  },
);

browserTest("the demo viewer watches as Kids, then switches to Alex", async ({ page }) => {
  await signIn(page, DEMO_VIEWER);
  await pickProfile(page, "Kids");

  await profileMenu(page, "Kids").click();
  await page.getByRole("button", { name: "Switch to Alex" }).click();

  await profileMenu(page, "Alex").waitFor();
  await page.getByText("Welcome, Alex").waitFor();
});

browserTest(
  "a PIN-protected profile asks for its PIN and refuses a wrong one",
  async ({ page }) => {
    await signUp(page, "Robin");
    await page.getByRole("link", { name: "Manage profiles" }).click();
    await addProfile(page, { name: "Vault", pin: "2468" });
    await page.getByRole("link", { name: "Done" }).click();
    await whoIsWatching(page);

    const tile = page.getByRole("button", { name: "Vault", exact: true });
    expect(await tile.getAttribute("aria-describedby")).toBeTruthy();
    expect(await tile.textContent()).toContain("PIN protected");
    await tile.click();
    const dialog = page.getByRole("dialog", { name: "Enter the PIN for Vault" });

    expectApiErrors(page, 403);
    await dialog.getByLabel("PIN").fill("1111");
    await dialog.getByRole("button", { name: "Continue" }).click();
    await dialog.getByRole("alert").filter({ hasText: "That PIN is not right." }).waitFor();

    await dialog.getByLabel("PIN").fill("2468");
    await dialog.getByRole("button", { name: "Continue" }).click();
    await profileMenu(page, "Vault").waitFor();
    expect(await page.getByRole("dialog").count()).toBe(0);
    await signOutFromMenu(page, "Vault");
  },
);

browserTest("five wrong PINs lock a profile for a while", async ({ page }) => {
  await signUp(page, "Casey");
  await page.getByRole("link", { name: "Manage profiles" }).click();
  await addProfile(page, { name: "Locked", pin: "9753" });
  await page.getByRole("link", { name: "Done" }).click();
  await whoIsWatching(page);

  expectApiErrors(page, 403, 429);
  await page.getByRole("button", { name: "Locked", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Enter the PIN for Locked" });
  const alert = dialog.getByRole("alert");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await dialog.getByLabel("PIN").fill("0000");
    await dialog.getByRole("button", { name: "Continue" }).click();
    await alert
      .filter({ hasText: attempt < 5 ? "That PIN is not right." : "Too many wrong PINs" })
      .waitFor();
    await dialog.getByRole("button", { name: "Continue" }).and(page.locator(":enabled")).waitFor();
  }
  expect(await alert.textContent()).toMatch(/Try again in 15 minutes\./);

  await page.keyboard.press("Escape");
  await page
    .getByRole("button", { name: "Locked", exact: true })
    .getByText(/^Locked until /)
    .waitFor();
});

browserTest(
  "edits a profile, removes its PIN, and deletes profiles after confirming",
  async ({ page }) => {
    await signUp(page, "Sam");
    // Signed in but nobody picked yet: home sends you to choose.
    await page.goto("/");
    await whoIsWatching(page);

    await page.getByRole("link", { name: "Manage profiles" }).click();
    await addProfile(page, { name: "Temp", pin: "1234" });
    await page.getByRole("button", { name: "Edit Temp" }).click();
    const editor = page.getByRole("dialog", { name: "Edit Temp" });
    await editor.getByLabel("Name").fill("Guest");
    await editor.getByRole("radio", { name: "Forest" }).check();
    await editor.getByLabel("Maturity level").selectOption("PG-13");
    await editor.getByRole("radio", { name: "Remove the PIN" }).check();
    await editor.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved Guest." }).waitFor();
    expect(await page.getByRole("button", { name: "Edit Guest" }).textContent()).not.toContain(
      "PIN protected",
    );

    await page.getByRole("button", { name: "Edit Guest" }).click();
    await page
      .getByRole("dialog", { name: "Edit Guest" })
      .getByRole("button", { name: "Delete profile" })
      .click();
    const confirm = page.getByRole("dialog", { name: "Delete Guest?" });
    await confirm.getByRole("button", { name: "Delete profile" }).click();
    await page.getByRole("status").filter({ hasText: "Deleted Guest." }).waitFor();
    expect(await page.getByRole("button", { name: "Edit Guest" }).count()).toBe(0);

    // The last profile stays: the server refuses, and the dialog says why.
    expectApiErrors(page, 409);
    await page.getByRole("button", { name: "Edit Sam" }).click();
    await page
      .getByRole("dialog", { name: "Edit Sam" })
      .getByRole("button", { name: "Delete profile" })
      .click();
    const last = page.getByRole("dialog", { name: "Delete Sam?" });
    await last.getByRole("button", { name: "Delete profile" }).click();
    await last
      .getByRole("alert")
      .filter({ hasText: "An account keeps at least one profile." })
      .waitFor();
    await last.getByRole("button", { name: "Keep profile" }).click();
    await page.getByRole("dialog", { name: "Edit Sam" }).waitFor();
  },
);
