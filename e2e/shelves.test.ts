/**
 * Home's shelves: moving through a row with the keyboard, opening and
 * closing a title from it, lazy and sized artwork, and a phone-sized home
 * that never scrolls sideways.
 */
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { browserTest } from "./browser-test.ts";
import { DEMO_VIEWER, homeLoaded, homeRow, pickProfile, signIn, titleDialog } from "./flows.ts";
import { scrollsSideways } from "./page-checks.ts";

const isFocused = (locator: Locator) =>
  locator.evaluate((element) => element === document.activeElement);

const focusedName = (page: Page) =>
  page.evaluate(() => document.activeElement?.querySelector("img")?.alt ?? null);

/** Whether the whole card shows inside its row's scrolling track. */
const inView = (card: Locator) =>
  card.evaluate((element) => {
    const track = element.closest("ul")!.getBoundingClientRect();
    const box = element.getBoundingClientRect();
    return box.left >= track.left - 1 && box.right <= track.right + 1;
  });

browserTest("moves through a row with arrow keys and opens a title from it", async ({ page }) => {
  await signIn(page, DEMO_VIEWER);
  await pickProfile(page, "Alex");
  await homeLoaded(page);

  const row = homeRow(page, "Trending Now");
  const cards = row.getByRole("link");
  expect(await cards.count()).toBeGreaterThan(8);
  // The row is one Tab stop: only its current card is tabbable.
  expect(await row.locator("a[tabindex='0']").count()).toBe(1);

  await cards.nth(0).focus();
  await page.keyboard.press("ArrowRight");
  expect(await isFocused(cards.nth(1))).toBe(true);
  await page.keyboard.press("ArrowLeft");
  expect(await isFocused(cards.nth(0))).toBe(true);

  const target = cards.nth(9);
  expect(await inView(target)).toBe(false);
  for (let press = 0; press < 9; press++) await page.keyboard.press("ArrowRight");
  expect(await isFocused(target)).toBe(true);
  await expect.poll(() => inView(target)).toBe(true);
  expect(await target.getAttribute("tabindex")).toBe("0");

  // Enter opens the title over home; Escape closes it and focus is back on the card.
  const name = (await focusedName(page))!;
  await page.keyboard.press("Enter");
  const dialog = titleDialog(page, name);
  await dialog.waitFor();
  expect(new URL(page.url()).pathname).toMatch(/^\/title\//);
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  expect(new URL(page.url()).pathname).toBe("/");
  expect(await isFocused(target)).toBe(true);

  // Tab leaves the row for the next one.
  await page.keyboard.press("Tab");
  const next = await page.evaluate(
    () => document.activeElement?.closest("section")?.querySelector("h2")?.textContent,
  );
  expect(next).toBeTruthy();
  expect(next).not.toBe("Trending Now");
});

browserTest(
  "artwork is lazy and sized, rows draw as they near, and a phone never scrolls sideways",
  async ({ page }) => {
    await signIn(page, DEMO_VIEWER);
    await pickProfile(page, "Alex");
    await homeLoaded(page);

    // Rows far down wait to draw their cards until they come near.
    const rows = page.getByRole("region");
    const last = rows.last();
    expect(await last.getByRole("link").count()).toBe(0);
    await last.scrollIntoViewIfNeeded();
    await last.getByRole("link").first().waitFor();

    const images = await page.locator("main .poster-card img").evaluateAll((all) =>
      all.map((image) => ({
        alt: image.getAttribute("alt"),
        loading: image.getAttribute("loading"),
        decoding: image.getAttribute("decoding"),
        width: image.getAttribute("width"),
        height: image.getAttribute("height"),
        ratio: getComputedStyle(image).aspectRatio,
      })),
    );
    expect(images.length).toBeGreaterThan(20);
    for (const image of images) {
      expect(image).toMatchObject({
        loading: "lazy",
        decoding: "async",
        width: "400",
        height: "600",
      });
      expect(image.alt).toBeTruthy();
      expect(image.ratio).toBe("2 / 3");
    }

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/");
    await homeLoaded(page);
    expect(await scrollsSideways(page)).toBe(false);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await rows.last().getByRole("link").first().waitFor();
    expect(await scrollsSideways(page)).toBe(false);

    await page.goto("/search?q=the");
    await page.getByRole("list", { name: "Results" }).waitFor();
    expect(await scrollsSideways(page)).toBe(false);
  },
);
