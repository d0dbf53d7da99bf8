/** Search: type-ahead from the keyboard, filters kept in the URL, more results, spelling help. */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { browserTest } from "./browser-test.ts";
import {
  DEMO_VIEWER,
  homeLoaded,
  pickProfile,
  searchBox,
  searchFor,
  signIn,
  titleDialog,
} from "./flows.ts";

/** The number of titles the results say they have. */
async function resultCount(page: Page): Promise<number> {
  const summary = page.getByRole("status").filter({ hasText: /^(\d+ titles?|No titles)/ });
  const text = (await summary.textContent()) ?? "";
  return Number(/^(\d+)/.exec(text)?.[1] ?? 0);
}

const searchParam = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

browserTest("suggests titles as you type and opens one from the keyboard", async ({ page }) => {
  await signIn(page, DEMO_VIEWER);
  await pickProfile(page, "Alex");
  await homeLoaded(page);

  const box = searchBox(page);
  await box.click();
  await page.keyboard.type("Starf");
  const listbox = page.getByRole("listbox", { name: "Suggestions" });
  await listbox.getByRole("option", { name: /^Starfield Protocol/ }).waitFor();
  expect(await box.getAttribute("aria-expanded")).toBe("true");
  const options = listbox.getByRole("option");
  const names = await options.allTextContents();
  expect(names.some((name) => name.startsWith("Starfall Academy"))).toBe(true);

  // Arrow keys move the highlight (aria-activedescendant); focus stays in the field.
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  const second = options.nth(1);
  expect(await box.getAttribute("aria-activedescendant")).toBe(await second.getAttribute("id"));
  expect(await second.getAttribute("aria-selected")).toBe("true");
  await page.keyboard.press("ArrowUp");
  expect(await options.nth(0).getAttribute("aria-selected")).toBe("true");

  // Escape closes the suggestions, then empties the field.
  await page.keyboard.press("Escape");
  expect(await box.getAttribute("aria-expanded")).toBe("false");
  expect(await box.inputValue()).toBe("Starf");
  await page.keyboard.press("Escape");
  expect(await box.inputValue()).toBe("");

  // Enter on a suggestion opens that title.
  await page.keyboard.type("Starfield");
  await listbox.getByRole("option", { name: /^Starfield Protocol/ }).waitFor();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  const dialog = titleDialog(page, "Starfield Protocol");
  await dialog.waitFor();
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  expect(await box.evaluate((element) => element === document.activeElement)).toBe(true);
});

browserTest(
  "filters narrow the results and stay in the URL; a typo is corrected",
  async ({ page }) => {
    await signIn(page, DEMO_VIEWER);
    await pickProfile(page, "Alex");
    await searchFor(page, "the");
    const results = page.getByRole("list", { name: "Results" }).getByRole("link");
    const everything = await resultCount(page);
    expect(everything).toBeGreaterThan(24);
    expect(await results.count()).toBe(24);

    await page.getByRole("button", { name: "Load more" }).click();
    await expect.poll(() => results.count()).toBe(Math.min(48, everything));

    await page.getByRole("combobox", { name: "Type" }).selectOption({ label: "Series" });
    await expect.poll(() => searchParam(page, "type")).toBe("series");
    await expect.poll(() => resultCount(page)).toBeLessThan(everything);
    const series = await resultCount(page);
    expect(series).toBeGreaterThan(0);

    await page.getByRole("combobox", { name: "Genre" }).selectOption({ label: "Mystery" });
    await expect.poll(() => searchParam(page, "genre")).toBe("mystery");
    await expect.poll(() => resultCount(page)).toBeLessThan(series);
    expect(await resultCount(page)).toBeGreaterThan(0);
    expect(searchParam(page, "q")).toBe("the");
    expect(searchParam(page, "type")).toBe("series");

    // The URL is the search: loading it again shows the same filters and results.
    const narrowed = await resultCount(page);
    await page.reload();
    await page.getByRole("list", { name: "Results" }).waitFor();
    expect(await page.getByRole("combobox", { name: "Type" }).inputValue()).toBe("series");
    expect(await page.getByRole("combobox", { name: "Genre" }).inputValue()).toBe("mystery");
    expect(await resultCount(page)).toBe(narrowed);

    await page.getByLabel("From year").fill("2100");
    await page.getByRole("status").filter({ hasText: "No titles match" }).waitFor();
    expect(searchParam(page, "yearFrom")).toBe("2100");

    await page.getByRole("button", { name: "Clear filters" }).first().click();
    await expect.poll(() => resultCount(page)).toBe(everything);
    expect(new URL(page.url()).search).toBe("?q=the");

    await searchFor(page, "starfeild");
    await page.getByText("Showing results for starfield").waitFor();
    await page
      .getByRole("list", { name: "Results" })
      .getByRole("link", { name: "Starfield Protocol", exact: true })
      .waitFor();
  },
);
