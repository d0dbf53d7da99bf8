/** The account page's list of signed-in devices, and signing another device out. */
import { expect } from "vitest";
import { baseUrl, browserTest, expectApiErrors } from "./browser-test.ts";
import { pickProfile, profileMenu, signIn, signUp } from "./flows.ts";

const IPHONE_SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";

browserTest("lists signed-in devices and signs another one out", async ({ page, context }) => {
  const account = await signUp(page, "Quinn");
  await pickProfile(page, "Quinn");

  const phone = await context.browser()!.newContext({ baseURL: baseUrl, userAgent: IPHONE_SAFARI });
  try {
    const phonePage = await phone.newPage();
    await signIn(phonePage, account);

    await profileMenu(page, "Quinn").click();
    await page.getByRole("link", { name: "Account" }).click();
    const devices = page.getByRole("region", { name: "Signed-in devices" }).getByRole("listitem");
    await devices.nth(1).waitFor();
    expect(await devices.count()).toBe(2);
    const thisDevice = devices.filter({ hasText: "This device" });
    expect(await thisDevice.textContent()).toContain("Chrome on Linux");

    await page.getByRole("button", { name: "Sign out Safari on iOS" }).click();
    await page.getByRole("status").filter({ hasText: "Signed out Safari on iOS." }).waitFor();
    await expect.poll(() => devices.count()).toBe(1);

    // The phone finds itself signed out at its next request.
    await phonePage.goto("/profiles");
    await phonePage.getByRole("heading", { name: "Sign in" }).waitFor();
  } finally {
    await phone.close();
  }
});

browserTest(
  "renews an expired access cookie once for all the requests that found it gone",
  async ({ page, context }) => {
    await signUp(page, "Rene");
    await pickProfile(page, "Rene");
    // The browser drops the 15-minute access cookie when it expires; the refresh cookie stays.
    await context.clearCookies({ name: "__Host-mq_access" });
    const refreshes: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === "/api/auth/refresh") refreshes.push(request.url());
    });

    // Loading home asks for the account and the profiles at once: both answer 401 first.
    expectApiErrors(page, 401);
    await page.reload();
    await profileMenu(page, "Rene").waitFor();
    expect(refreshes).toHaveLength(1);

    // A second refresh of the same token would have signed the session out; it is still here.
    await profileMenu(page, "Rene").click();
    await page.getByRole("link", { name: "Account" }).click();
    const devices = page.getByRole("region", { name: "Signed-in devices" }).getByRole("listitem");
    await devices.first().waitFor();
    expect(await devices.count()).toBe(1);
  },
);

browserTest(
  "two tabs that find the access cookie gone at once both renew it, and the session lives on",
  async ({ page, context }) => {
    await signUp(page, "Tabs");
    await pickProfile(page, "Tabs");
    const second = await context.newPage();
    await second.goto("/");
    await profileMenu(second, "Tabs").waitFor();
    await context.clearCookies({ name: "__Host-mq_access" });

    // Both tabs reload together, so both refresh; a refresh token presented twice would
    // sign the session out, so the tabs must take turns.
    for (const tab of [page, second]) expectApiErrors(tab, 401);
    await Promise.all([page.reload(), second.reload()]);
    await Promise.all([profileMenu(page, "Tabs").waitFor(), profileMenu(second, "Tabs").waitFor()]);
    await page.reload();
    await profileMenu(page, "Tabs").waitFor();
  },
);
