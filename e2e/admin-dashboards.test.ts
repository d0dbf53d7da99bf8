/**
 * The QoE and engagement dashboards, read as an admin reads them: views of
 * a film of this test's own, reported through the real API from a desktop
 * and a phone, show up as numbers and charts; the filters narrow them and
 * live in the URL; and viewers are kept out.
 */
import type { Page } from "playwright-core";
import { beforeAll, expect } from "vitest";
import { baseUrl, browserTest } from "./browser-test.ts";
import { DEMO_ADMIN, DEMO_VIEWER, pickProfile, signIn } from "./flows.ts";
import { expectWellFormed } from "./page-checks.ts";
import { playableFilm, reportView } from "./qoe-views.ts";

const FILM = `Dashboard Test ${crypto.randomUUID().slice(0, 8)}`;
let filmId: string;
const DESKTOP_STARTUP_MS = 800;
const PHONE_STARTUP_MS = 3000;

beforeAll(async () => {
  if (!baseUrl) return;
  filmId = await playableFilm(baseUrl, FILM);
  // Long views, so the film leads today's top titles whatever else the run watched.
  await reportView(baseUrl, {
    titleId: filmId,
    device: "desktop",
    startupMs: DESKTOP_STARTUP_MS,
    playedMs: 20 * 60_000,
  });
  await reportView(baseUrl, {
    titleId: filmId,
    device: "mobile",
    startupMs: PHONE_STARTUP_MS,
    playedMs: 10 * 60_000,
  });
}, 240_000);

async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, DEMO_ADMIN);
  await pickProfile(page, "Admin");
}

/** A headline tile, found by its name as people and screen readers find it. */
const tile = (page: Page, name: string) =>
  page.getByRole("group", { name, exact: true }).locator(".stat__value");

/** "812 ms" or "3.1 s" as milliseconds. */
function milliseconds(text: string): number {
  const match = /^([\d.,]+) (ms|s)$/.exec(text.trim());
  if (!match) throw new Error(`not a duration: ${text}`);
  return Number(match[1]!.replaceAll(",", "")) * (match[2] === "s" ? 1000 : 1);
}

/** Waits for a tile to read a duration within `tolerance` of `ms`. */
async function expectDuration(page: Page, name: string, ms: number, tolerance: number) {
  await expect
    .poll(async () => Math.abs(milliseconds(await tile(page, name).innerText()) - ms) / ms)
    .toBeLessThanOrEqual(tolerance);
}

const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

browserTest(
  "the QoE dashboard shows a film's views; filters narrow them and live in the URL",
  async ({ page }) => {
    await signInAsAdmin(page);
    await page.getByRole("banner").getByRole("link", { name: "Quality" }).click();
    await page.getByRole("heading", { name: "Quality of experience", level: 1 }).waitFor();

    await page.getByLabel("Title", { exact: true }).selectOption({ label: FILM });
    await expect.poll(() => param(page, "titleId")).toBe(filmId);
    await expect.poll(() => tile(page, "Views").innerText()).toBe("2");
    // Nearest-rank p50 of two views is the faster; percentiles are within 2% (lib/qoe/histogram.ts).
    await expectDuration(page, "Startup time p50", DESKTOP_STARTUP_MS, 0.02);
    await expectDuration(page, "Startup time p95", PHONE_STARTUP_MS, 0.02);
    expect(await tile(page, "Average bitrate").innerText()).toBe("800 kbps");

    // The charts are drawn, each with a summary of its data.
    const distribution = page.getByRole("img", { name: /^Startup time distribution:/ });
    expect(await distribution.getAttribute("aria-label")).toContain("2 in all");
    expect(await page.locator(".chart__bar").count()).toBeGreaterThan(0);
    await page.getByRole("img", { name: /^Startup time, .*p50: latest/ }).waitFor();
    // The keyboard reads a time series point by point.
    const startupPoints = page.getByRole("slider", { name: "Startup time, point by point" });
    await startupPoints.focus();
    await page.keyboard.press("End");
    expect(await startupPoints.getAttribute("aria-valuetext")).toMatch(/p50 \d+ ms, p95 [\d.]+ s$/);
    await expectWellFormed(page, "QoE dashboard");

    await page.getByLabel("Device").selectOption("mobile");
    await expect.poll(() => param(page, "deviceType")).toBe("mobile");
    await expect.poll(() => tile(page, "Views").innerText()).toBe("1");
    await expectDuration(page, "Startup time p50", PHONE_STARTUP_MS, 0.02);

    // The URL is the view: opened again, it shows the same slice.
    await page.reload();
    await expect.poll(() => tile(page, "Views").innerText()).toBe("1");
    expect(await page.getByLabel("Device").inputValue()).toBe("mobile");
    expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe(filmId);

    await page.getByLabel("Window").selectOption({ label: "Last hour" });
    await expect.poll(() => param(page, "window")).toBe("1h");
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => page.url()).toMatch(/\/admin\/qoe\?window=1h$/);
    await expect
      .poll(async () => Number(await tile(page, "Views").innerText()))
      .toBeGreaterThanOrEqual(2);
  },
);

browserTest("the engagement dashboard shows today's watching", async ({ page }) => {
  await signInAsAdmin(page);
  await page.getByRole("banner").getByRole("link", { name: "Engagement" }).click();
  await page.getByRole("heading", { name: "Engagement", level: 1 }).waitFor();

  expect(Number(await tile(page, "Starts").innerText())).toBeGreaterThanOrEqual(2);
  expect(Number(await tile(page, "Daily active profiles").innerText())).toBeGreaterThanOrEqual(2);
  await page.getByRole("img", { name: /^Daily active profiles, / }).waitFor();
  const topTitles = page.getByRole("img", { name: /^Top titles, / });
  // Half an hour of this film today: 0.5 h.
  expect(await topTitles.getAttribute("aria-label")).toContain(`${FILM} 0.5 h`);
  await expectWellFormed(page, "engagement dashboard");

  await page.getByLabel("Window").selectOption({ label: "Last 7 days" });
  await expect.poll(() => param(page, "days")).toBe("7");
  // The numbers behind a chart, a row a day, behind its "Data" disclosure.
  await page.getByText("Data of Daily active profiles").click();
  const table = page.getByRole("table", { name: "Daily active profiles" });
  await expect.poll(() => table.locator("tbody tr").count()).toBe(7);
});

browserTest("keeps viewers out of the dashboards", async ({ page }) => {
  await signIn(page, DEMO_VIEWER);
  await pickProfile(page, "Alex");
  const header = page.getByRole("banner");
  for (const link of ["Quality", "Engagement", "Experiments"])
    expect(await header.getByRole("link", { name: link }).count()).toBe(0);
  for (const path of ["/admin/qoe", "/admin/engagement", "/admin/experiments/new"]) {
    await page.goto(path);
    await page.getByRole("heading", { name: "Not allowed", level: 1 }).waitFor();
    await page
      .getByText("Only experiment admins can see the QoE and engagement dashboards")
      .waitFor();
  }
});
