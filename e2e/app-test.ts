/**
 * `appTest`: browser-test.ts's browserTest (its page fails the test on any
 * console or page error) with one allowance. Chromium logs "Failed to load
 * resource: … status of 403" for every 4xx answer, even when the app
 * handles it as designed (a wrong PIN, a visit while signed out). A test
 * that provokes such an answer on purpose declares it with
 * `expectApiErrors(page, 403)`; every other console error still fails it.
 */
import type { BrowserContext, ConsoleMessage, Page } from "playwright-core";
import type { TestAPI } from "vitest";
import { baseUrl, browserTest } from "./browser-test.ts";
import { CHROMIUM_PATH } from "./chromium.ts";

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

// browserTest ends its chain with skipIf(), whose type drops extend() although the
// object keeps it; extend() forgets the skip, so it is applied again at the end.
const extendable = browserTest as unknown as TestAPI<{ context: BrowserContext; page: Page }>;

export const appTest = extendable
  .extend<{ page: Page }>({
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
  })
  .skipIf(!CHROMIUM_PATH);
