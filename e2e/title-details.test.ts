/**
 * A title's details: the episode picker, thumbs ratings that last, reviews
 * waiting for moderation, and no review form for kids.
 */
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { browserTest } from "./browser-test.ts";
import {
  DEMO_VIEWER,
  pickProfile,
  searchFor,
  signIn,
  switchProfile,
  titleDialog,
} from "./flows.ts";

const pressed = async (button: Locator) => (await button.getAttribute("aria-pressed")) === "true";

/** Presses a thumb and waits until the server has the rating (before a reload). */
async function rate(page: Page, button: Locator) {
  const saved = page.waitForResponse(
    (response) => /\/api\/titles\/[^/]+\/rating$/.test(response.url()) && response.status() === 204,
  );
  await button.click();
  await saved;
}

browserTest(
  "picks seasons, rates, reviews, and hides the review form from kids",
  async ({ page }) => {
    await signIn(page, DEMO_VIEWER);
    await pickProfile(page, "Alex");
    await searchFor(page, "Starfall Academy");
    await page
      .getByRole("list", { name: "Results" })
      .getByRole("link", { name: "Starfall Academy", exact: true })
      .click();
    const dialog = titleDialog(page, "Starfall Academy");
    await dialog.waitFor();
    const address = page.url();

    // Episodes, a season at a time.
    await dialog.getByText("3 seasons").waitFor();
    const season = dialog.getByRole("combobox", { name: "Season" });
    expect(await season.locator("option").allTextContents()).toEqual([
      "Season 1",
      "Season 2",
      "Season 3",
    ]);
    const seasonOne = dialog.getByRole("list", { name: "Season 1 episodes" });
    const firstEpisode = await seasonOne.getByRole("heading").first().textContent();
    expect(await seasonOne.getByRole("listitem").count()).toBeGreaterThan(1);
    await season.selectOption({ label: "Season 2" });
    const seasonTwo = dialog.getByRole("list", { name: "Season 2 episodes" });
    await seasonTwo.waitFor();
    expect(await seasonOne.count()).toBe(0);
    expect(await seasonTwo.getByRole("heading").first().textContent()).not.toBe(firstEpisode);
    expect(await seasonTwo.getByRole("listitem").first().textContent()).toMatch(/\d+m/);

    // Thumbs: one at a time, pressing the same one again takes it back, and it lasts.
    const rating = dialog.getByRole("group", { name: "Rate this title" });
    const like = rating.getByRole("button", { name: "I like this" });
    const love = rating.getByRole("button", { name: "Love this!" });
    const notForMe = rating.getByRole("button", { name: "Not for me" });
    expect([await pressed(notForMe), await pressed(like), await pressed(love)]).toEqual([
      false,
      false,
      false,
    ]);
    await like.click();
    expect(await pressed(like)).toBe(true);
    // A quick second press isn't lost while the first is saved.
    await rate(page, love);
    expect([await pressed(like), await pressed(love)]).toEqual([false, true]);

    await page.reload();
    await dialog.waitFor();
    await expect.poll(() => pressed(love)).toBe(true);
    expect(await pressed(like)).toBe(false);
    await rate(page, love);
    expect(await pressed(love)).toBe(false);
    await page.reload();
    await dialog.waitFor();
    await rating.waitFor();
    expect([await pressed(notForMe), await pressed(like), await pressed(love)]).toEqual([
      false,
      false,
      false,
    ]);

    // A review waits for moderation; until then only its author sees it, labelled so.
    const reviews = dialog.getByRole("region", { name: "Reviews" });
    const text = "Comets, robots and a floating school: our whole family loved it.";
    await reviews.getByRole("textbox", { name: "Write a review" }).fill(text);
    await reviews.getByRole("button", { name: "Post review" }).click();
    await reviews.getByRole("status").filter({ hasText: "once it's approved" }).waitFor();
    const mine = reviews.getByRole("listitem").filter({ hasText: text });
    await mine.getByText("Pending moderation").waitFor();
    expect(await mine.textContent()).toContain("Alex (you)");
    expect(await reviews.getByRole("textbox", { name: "Your review" }).inputValue()).toBe(text);

    await page.reload();
    await dialog.waitFor();
    await reviews
      .getByRole("listitem")
      .filter({ hasText: text })
      .getByText("Pending moderation")
      .waitFor();

    // Kids read reviews (approved ones) but don't write them.
    await page.goto("/");
    await switchProfile(page, "Alex", "Kids");
    await page.goto(address);
    await dialog.waitFor();
    await reviews.getByText("No reviews yet.").or(reviews.getByRole("list")).waitFor();
    expect(await reviews.getByText(text).count()).toBe(0);
    expect(await reviews.getByRole("textbox").count()).toBe(0);
    expect(await reviews.getByRole("button", { name: /review/ }).count()).toBe(0);
  },
);
