/**
 * Every control on the catalog's pages has an accessible name (as the
 * browser computes it), and nothing on them needs an inline style.
 */
import { browserTest } from "./browser-test.ts";
import { expectWellFormed } from "./page-checks.ts";
import {
  DEMO_VIEWER,
  homeLoaded,
  pickProfile,
  searchBox,
  searchFor,
  signIn,
  titleDialog,
} from "./flows.ts";

browserTest("names every control on home, search, a title and My List", async ({ page }) => {
  await signIn(page, DEMO_VIEWER);
  await pickProfile(page, "Alex");
  await homeLoaded(page);
  await expectWellFormed(page, "home");

  await searchBox(page).fill("Starf");
  await page.getByRole("option").first().waitFor();
  await expectWellFormed(page, "suggestions");
  await searchBox(page).press("Escape");

  await searchFor(page, "the");
  await expectWellFormed(page, "search results");

  await page.getByRole("list", { name: "Results" }).getByRole("link").first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("group", { name: "Rate this title" }).waitFor();
  const name = await dialog.getByRole("heading", { level: 2 }).first().textContent();
  await titleDialog(page, name!).waitFor();
  await expectWellFormed(page, "title details");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });

  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "My List" })
    .click();
  await page.getByRole("list", { name: "Titles in My List" }).waitFor();
  await expectWellFormed(page, "My List");
});
