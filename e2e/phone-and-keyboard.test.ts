/** The app on a phone-sized screen, and driven by the keyboard alone. */
import type { Locator } from "playwright-core";
import { expect } from "vitest";
import { baseUrl, browserTest } from "./browser-test.ts";
import { pickProfile, profileMenu, registerAccount, signUp, whoIsWatching } from "./flows.ts";
import { scrollsSideways } from "./page-checks.ts";

const isFocused = (locator: Locator) =>
  locator.evaluate((element) => element === document.activeElement);

browserTest("fits a 390 px phone screen without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/signin");
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  expect(await scrollsSideways(page)).toBe(false);

  await signUp(page, "Alexandria Montgomery-Smythe");
  expect(await scrollsSideways(page)).toBe(false);

  await page.getByRole("link", { name: "Manage profiles" }).click();
  await page.getByRole("heading", { name: "Manage profiles" }).waitFor();
  expect(await scrollsSideways(page)).toBe(false);

  await page.getByRole("link", { name: "Done" }).click();
  await pickProfile(page, "Alexandria Montgomery-Smythe");
  expect(await scrollsSideways(page)).toBe(false);
  await profileMenu(page, "Alexandria Montgomery-Smythe").click();
  await page.getByRole("link", { name: "Account" }).click();
  await page.getByRole("heading", { name: "Account", level: 1 }).waitFor();
  expect(await scrollsSideways(page)).toBe(false);
});

browserTest("signs in and picks a profile with the keyboard alone", async ({ page }) => {
  const account = await registerAccount(baseUrl, "Kai");
  await page.goto("/signin");
  const email = page.getByLabel("Email");
  await email.waitFor();
  // The skip link and the wordmark come first; the form right after.
  for (let presses = 0; presses < 4 && !(await isFocused(email)); presses++)
    await page.keyboard.press("Tab");
  expect(await isFocused(email)).toBe(true);
  await page.keyboard.type(account.email);
  await page.keyboard.press("Tab");
  expect(await isFocused(page.getByLabel("Password", { exact: true }))).toBe(true);
  await page.keyboard.type(account.password);
  await page.keyboard.press("Enter");

  // After a navigation focus starts at the page's heading, so the profiles come next.
  await whoIsWatching(page);
  await page.keyboard.press("Tab");
  expect(await isFocused(page.getByRole("button", { name: "Kai", exact: true }))).toBe(true);
  await page.keyboard.press("Enter");
  await profileMenu(page, "Kai").waitFor();

  // The profile menu opens from the keyboard, and Escape closes it where it was opened.
  const menuButton = profileMenu(page, "Kai");
  await menuButton.focus();
  await page.keyboard.press("Enter");
  await page.getByRole("link", { name: "Account" }).waitFor();
  expect(await menuButton.getAttribute("aria-expanded")).toBe("true");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Escape");
  expect(await menuButton.getAttribute("aria-expanded")).toBe("false");
  expect(await isFocused(menuButton)).toBe(true);

  // Escape closes a dialog and gives focus back to the button that opened it.
  await page.goto("/profiles/manage");
  const addProfile = page.getByRole("button", { name: "Add profile" });
  await addProfile.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Add a profile" });
  await dialog.waitFor();
  expect(await isFocused(dialog.getByLabel("Name"))).toBe(true);
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  expect(await isFocused(addProfile)).toBe(true);
});
