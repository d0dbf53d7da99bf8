/** The dev mailbox page where there is no mailbox (anywhere but local development). */
import { browserTest, expectApiErrors } from "./browser-test.ts";

browserTest("says the dev mailbox is not available when the API has none", async ({ page }) => {
  // The e2e stack runs in development, so the production answer is stood in for.
  await page.route("**/api/dev/mailbox", (route) =>
    route.fulfill({
      status: 404,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "not_found", message: "No such route." } }),
    }),
  );
  expectApiErrors(page, 404);
  await page.goto("/dev/mailbox");
  await page.getByText("The dev mailbox is not available here.").waitFor();
});
