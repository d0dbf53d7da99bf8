/**
 * `browserTest` gives each test a fresh browser context and page on the
 * platform started by global-setup.ts, and is skipped when there is no
 * Chromium.
 */
import { inject, test as base } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { CHROMIUM_PATH, launchChromium } from "./chromium.ts";

export const baseUrl = inject("baseUrl");

let browser: Promise<Browser> | undefined;

export const browserTest = base
  .extend<{ context: BrowserContext; page: Page }>({
    // Vitest reads a fixture's dependencies from this destructuring, so it must be a pattern.
    // eslint-disable-next-line no-empty-pattern
    context: async ({}, use) => {
      browser ??= launchChromium();
      const context = await (await browser).newContext({ baseURL: baseUrl });
      await use(context);
      await context.close();
    },
    page: async ({ context }, use) => {
      const page = await context.newPage();
      const problems: string[] = [];
      // A CSP violation or script error is a bug even when the flow still works.
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(message.text());
      });
      page.on("pageerror", (error) => problems.push(error.message));
      await use(page);
      if (problems.length > 0) throw new Error(`The page reported errors:\n${problems.join("\n")}`);
    },
  })
  .skipIf(!CHROMIUM_PATH);
