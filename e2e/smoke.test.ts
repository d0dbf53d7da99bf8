import { expect } from "vitest";
import { browserTest, expectApiErrors } from "./browser-test.ts";

browserTest("serves the web app under its CSP and sends visitors to sign in", async ({ page }) => {
  // Nobody is signed in: the app asks the API (401) and goes to the sign-in page.
  expectApiErrors(page, 401);
  const response = await page.goto("/");
  expect(response?.headers()["content-security-policy"]).toContain("default-src 'self'");
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await expect.poll(() => page.title()).toBe("Sign in · Marquee");
  expect(new URL(page.url()).pathname).toBe("/signin");
});
