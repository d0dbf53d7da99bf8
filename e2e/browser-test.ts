/**
 * `browserTest` gives each test a fresh browser context and page on the
 * platform started by global-setup.ts, and is skipped when there is no
 * Chromium.
 *
 * The page fails its test on any console error, page error or CSP
 * violation, with one allowance: Chromium logs "Failed to load resource: …
 * status of 403" for every 4xx answer, even one the app handles as designed
 * (a wrong PIN, a visit while signed out). A test that provokes such an
 * answer on purpose declares it with `expectApiErrors(page, 403)`.
 */
import { inject, test as base } from "vitest";
import type {
  Browser,
  BrowserContext,
  BrowserContextOptions,
  ConsoleMessage,
  Page,
} from "playwright-core";
import { CHROMIUM_PATH, INSTALL_HINT, launchChromium } from "./chromium.ts";

export const baseUrl = inject("baseUrl");

let browser: Promise<Browser> | undefined;

const expectedStatuses = new WeakMap<Page, Set<number>>();
const FAILED_LOAD = /^Failed to load resource: the server responded with a status of (\d{3})/;

/** Declares API answers with these statuses as part of the flow under test. */
export function expectApiErrors(page: Page, ...statuses: number[]): void {
  const expected = expectedStatuses.get(page) ?? new Set();
  for (const status of statuses) expected.add(status);
  expectedStatuses.set(page, expected);
}

function isExpected(page: Page, message: ConsoleMessage): boolean {
  const status = FAILED_LOAD.exec(message.text())?.[1];
  return (
    status !== undefined &&
    message.location().url.startsWith(`${baseUrl}/api/`) &&
    (expectedStatuses.get(page)?.has(Number(status)) ?? false)
  );
}

export const browserTest = base.extend<{
  chromium: void;
  /** Options for the context, e.g. a phone's (override with `browserTest.extend`). */
  contextOptions: BrowserContextOptions;
  context: BrowserContext;
  page: Page;
}>({
  // Runs for every test, whatever fixtures it uses, so all of them skip without Chromium.
  chromium: [
    async ({ skip }, use) => {
      if (!CHROMIUM_PATH) skip(INSTALL_HINT);
      await use();
    },
    { auto: true },
  ],
  contextOptions: {},
  context: async ({ chromium: _ready, contextOptions }, use) => {
    browser ??= launchChromium();
    const context = await (await browser).newContext({ ...contextOptions, baseURL: baseUrl });
    await use(context);
    await context.close();
  },
  page: async ({ context }, use) => {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && !isExpected(page, message)) problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await use(page);
    if (problems.length > 0) throw new Error(`The page reported errors:\n${problems.join("\n")}`);
  },
});
