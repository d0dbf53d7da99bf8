/**
 * Checks any page should pass: every control people can reach has an
 * accessible name (as the browser's accessibility tree computes it), and
 * nothing relies on an inline style (the CSP forbids them); and whether a
 * page is wider than the window (on a phone it must not be).
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";

const CONTROLS =
  "a[href], button, input:not([type=hidden]), select, textarea, [tabindex='0'], [role=option]";

/** The reachable controls whose accessible name is empty, described for the failure message. */
async function unnamedControls(page: Page): Promise<string[]> {
  const unnamed: string[] = [];
  for (const control of await page.locator(CONTROLS).all()) {
    if (!(await control.isVisible())) continue;
    const node = (await control.ariaSnapshot()).split("\n")[0] ?? "";
    // A name with ": " in it comes quoted as YAML: - 'gridcell "240p, chunk 1 of 4: done"'
    if (!/^- '?[\w-]+ "[^"]+"/.test(node))
      unnamed.push(
        `${node} ${await control.evaluate((element) => element.outerHTML.slice(0, 120))}`,
      );
  }
  return unnamed;
}

export async function expectWellFormed(page: Page, where: string) {
  expect(await unnamedControls(page), where).toEqual([]);
  expect(await page.locator("[style]").count(), `${where}: style attributes`).toBe(0);
}

/** Whether the page is wider than the window, so it scrolls sideways. */
export const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
