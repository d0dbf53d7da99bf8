import { expect } from "vitest";
import { browserTest } from "./browser-test.ts";

browserTest("serves the web app under its CSP", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.headers()["content-security-policy"]).toContain("default-src 'self'");
  await expect.poll(() => page.title()).toBe("Marquee");
});
