import { expect } from "vitest";
import { baseUrl, browserTest } from "./browser-test.ts";

browserTest("serves an OpenAPI 3.1 document generated from the route schemas", async () => {
  const document = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as {
    openapi: string;
    paths: Record<string, Record<string, { operationId: string }>>;
  };
  expect(document.openapi).toBe("3.1.0");
  const operationIds = Object.values(document.paths).flatMap((methods) =>
    Object.values(methods).map((operation) => operation.operationId),
  );
  expect(operationIds).toEqual(expect.arrayContaining(["register", "login", "selectProfile"]));
});

browserTest("renders interactive API docs under its CSP, offline", async ({ page }) => {
  await page.goto("/api/docs");
  await expect
    .poll(() => page.getByText("Marquee API").first().isVisible(), { timeout: 15_000 })
    .toBe(true);
  // Operations from the document are listed and can be expanded.
  const register = page.locator("#operations-Auth-register");
  await register.getByRole("button").first().click();
  await expect.poll(() => page.getByRole("button", { name: "Try it out" }).isVisible()).toBe(true);
});
