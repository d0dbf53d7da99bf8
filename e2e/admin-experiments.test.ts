/**
 * The experiment pages, used as an experiment admin uses them: an
 * experiment made in the editor (the server's validation messages shown by
 * the fields they are about, then saved as the form said), a running
 * experiment refusing a change that would move people (409) by its field,
 * and the results of an A/A-style experiment with real exposures and views
 * drawn as intervals around zero.
 */
import type { Page } from "playwright-core";
import { beforeAll, expect } from "vitest";
import { adminApi, type AdminApi } from "../scripts/admin-api.ts";
import type { Experiment } from "../web/src/api/types.ts";
import { baseUrl, browserTest, expectApiErrors } from "./browser-test.ts";
import { DEMO_ADMIN, pickProfile, signIn } from "./flows.ts";
import { expectWellFormed } from "./page-checks.ts";
import { call, newViewer, playableFilm, reportView } from "./qoe-views.ts";

const unique = (label: string) => `${label} ${crypto.randomUUID().slice(0, 8)}`;
let api: AdminApi;

beforeAll(async () => {
  if (baseUrl) api = await adminApi(baseUrl);
});

async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, DEMO_ADMIN);
  await pickProfile(page, "Admin");
}

async function openExperiments(page: Page): Promise<void> {
  await page.getByRole("banner").getByRole("link", { name: "Experiments" }).click();
  await page.getByRole("heading", { name: "Experiments", level: 1 }).waitFor();
}

/**
 * A running experiment whose variants change nothing in the product (so it
 * cannot clash with another test's running experiment), made through the API.
 */
function runningExperiment(name: string): Promise<Experiment> {
  return api.call<Experiment>("POST", "/api/admin/experiments", {
    name,
    variants: [
      { key: "control", name: "Control", weight: 1, config: {} },
      { key: "treatment", name: "Treatment", weight: 1, config: {} },
    ],
    allocationPercent: 50,
    status: "running",
  });
}

const stop = (experiment: Experiment) =>
  api.call("PATCH", `/api/admin/experiments/${experiment.id}`, { status: "stopped" });

/** The error shown with a field (its description, less its hint). */
const errorOf = (field: ReturnType<Page["getByLabel"]>) =>
  field.evaluate((input) => {
    const ids = input.getAttribute("aria-describedby")?.split(" ") ?? [];
    return ids
      .map((id) => document.getElementById(id))
      .filter((element) => element?.classList.contains("field__error"))
      .map((element) => element!.textContent)
      .join(" ");
  });

browserTest(
  "an experiment is made in the editor, with the server's objections by their fields",
  async ({ page }) => {
    const name = unique("Bigger Posters");
    await signInAsAdmin(page);
    await openExperiments(page);
    await page.getByRole("link", { name: "New experiment" }).click();
    await page.getByRole("heading", { name: "New experiment", level: 1 }).waitFor();

    await page.getByRole("region", { name: "About" }).getByLabel("Name").fill(name);
    await page.getByLabel("Description").fill("Do backdrops and a calmer ABR start help?");
    const treatment = page.getByRole("group", { name: "Variant 2", exact: true });
    await treatment.getByLabel("Key").fill("Bigger Posters");
    await page.getByLabel("Countries").fill("DE, usa");

    expectApiErrors(page, 400);
    await page.getByRole("button", { name: "Create experiment" }).click();
    await page.getByRole("alert").filter({ hasText: "not valid" }).waitFor();
    const key = treatment.getByLabel("Key");
    expect(await key.getAttribute("aria-invalid")).toBe("true");
    expect(await errorOf(key)).toContain("lower-case slug");
    const countries = page.getByLabel("Countries");
    expect(await errorOf(countries)).toContain("ISO 3166 alpha-2");
    expect(new URL(page.url()).pathname).toBe("/admin/experiments/new");

    await key.fill("bigger-posters");
    await countries.fill("DE, fr");
    await treatment.getByLabel("Card artwork").selectOption("backdrop");
    await treatment.getByLabel("Put chosen rows first").check();
    await treatment.getByLabel("Row to add, Treatment").selectOption({ label: "My List" });
    await treatment.getByRole("button", { name: "Add row, Treatment" }).click();
    await treatment.getByLabel("Row to add, Treatment").selectOption({ label: "Trending Now" });
    await treatment.getByRole("button", { name: "Add row, Treatment" }).click();
    await treatment.getByRole("button", { name: "Move Trending Now up, Treatment" }).click();
    await treatment
      .getByRole("status")
      .filter({ hasText: "Trending Now moved to position 1." })
      .waitFor();
    await treatment.getByLabel("ABR policy name").fill("cautious-start");
    await treatment.getByText("ABR parameters").click();
    await treatment.getByLabel("Planning horizon (segments)").fill("12");
    await page.getByLabel("Allocation (%)").fill("50");
    await expectWellFormed(page, "experiment editor");

    await page.getByRole("button", { name: "Create experiment" }).click();
    await page.getByRole("heading", { name, level: 1 }).waitFor();
    await page.getByRole("status").filter({ hasText: "Created as a draft." }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/experiments\/[0-9a-f-]{36}$/);

    // Saved as the form said.
    const { experiments } = await api.call<{ experiments: Experiment[] }>(
      "GET",
      "/api/admin/experiments",
    );
    const saved = experiments.find((experiment) => experiment.name === name);
    expect(saved).toMatchObject({
      status: "draft",
      allocationPercent: 50,
      targeting: { countries: ["DE", "FR"] },
      description: "Do backdrops and a calmer ABR start help?",
    });
    expect(saved?.variants[1]).toEqual({
      key: "bigger-posters",
      name: "Treatment",
      weight: 1,
      config: {
        homeRowOrder: ["trending", "my_list"],
        artwork: "backdrop",
        abr: { policy: "cautious-start", params: { horizon: 12 } },
      },
    });

    // Opened again, the editor shows what was saved.
    await page.reload();
    const reloaded = page.getByRole("group", { name: "Variant 2", exact: true });
    expect(await reloaded.getByLabel("Key").inputValue()).toBe("bigger-posters");
    expect(await reloaded.getByLabel("Planning horizon (segments)").inputValue()).toBe("12");
    expect(
      await reloaded
        .getByRole("list", { name: "Rows first, Treatment" })
        .getByRole("listitem")
        .allInnerTexts(),
    ).toEqual([expect.stringContaining("Trending Now"), expect.stringContaining("My List")]);
  },
);

browserTest(
  "a running experiment refuses a change that would move people, by the field",
  async ({ page }) => {
    const experiment = await runningExperiment(unique("Running Test"));
    try {
      await signInAsAdmin(page);
      await openExperiments(page);
      await page.getByRole("link", { name: experiment.name, exact: true }).click();
      await page.getByRole("heading", { name: experiment.name, level: 1 }).waitFor();

      const allocation = page.getByLabel("Allocation (%)");
      expect(await allocation.inputValue()).toBe("50");
      await allocation.fill("20");
      expectApiErrors(page, 409);
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect.poll(() => errorOf(allocation)).toContain("can only rise");
      expect(await allocation.getAttribute("aria-invalid")).toBe("true");

      // Stopping is allowed; a stopped experiment is final and shown read-only.
      await allocation.fill("50");
      await page.getByLabel("Status", { exact: true }).selectOption("stopped");
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
      expect(await page.getByLabel("Allocation (%)").isDisabled()).toBe(true);
      expect(await page.getByRole("button", { name: "Save changes" }).count()).toBe(0);
    } finally {
      if (experiment.status !== "stopped") await stop(experiment).catch(() => {});
    }
  },
);

browserTest(
  "the results page draws each variant's difference from the control as an interval",
  { timeout: 240_000 },
  async ({ page }) => {
    const filmId = await playableFilm(baseUrl, unique("Experiment Film"));
    const experiment = await runningExperiment(unique("Startup Test"));
    // New viewers until each variant has three (a Welch test needs two; half of the viewers are
    // outside the 50 % allocation); the treatment's starts are a second slower.
    const views = { control: 0, treatment: 0 };
    try {
      for (let index = 0; index < 80 && (views.control < 3 || views.treatment < 3); index++) {
        const token = await newViewer(baseUrl);
        const { assignments } = await call<{
          assignments: { experimentId: string; variant: "control" | "treatment" }[];
        }>(baseUrl, "GET", "/api/assignments", { token });
        const variant = assignments.find((a) => a.experimentId === experiment.id)?.variant;
        if (!variant) continue;
        views[variant] += 1;
        await reportView(
          baseUrl,
          {
            titleId: filmId,
            device: "desktop",
            startupMs: (variant === "control" ? 800 : 1800) + index * 20,
            playedMs: 60_000,
          },
          token,
        );
      }
    } finally {
      await stop(experiment);
    }
    expect(views.control).toBeGreaterThanOrEqual(2);
    expect(views.treatment).toBeGreaterThanOrEqual(2);

    await signInAsAdmin(page);
    await openExperiments(page);
    await page.getByRole("link", { name: `Results of ${experiment.name}` }).click();
    await page.getByRole("heading", { name: `Results: ${experiment.name}`, level: 1 }).waitFor();

    const plot = page.getByRole("img", { name: /^Startup time, difference from the control:/ });
    const summary = (await plot.getAttribute("aria-label")) ?? "";
    expect(summary).toMatch(/Treatment \+\d[\d.,]* (ms|s) \(95% interval/);
    expect(summary).toContain("worse");
    // Drawn: the treatment's interval lies right of the zero line (a slower start).
    const figure = page.getByRole("figure", { name: "Startup time, difference from the control" });
    const zero = Number(await figure.locator(".chart__zero").first().getAttribute("x1"));
    const ends = await figure
      .locator(".chart__interval--worse line")
      .first()
      .evaluate((line) => [Number(line.getAttribute("x1")), Number(line.getAttribute("x2"))]);
    expect(Math.min(...ends)).toBeGreaterThan(zero);

    const exposed = page.getByRole("img", { name: /^Profiles exposed:/ });
    expect(await exposed.getAttribute("aria-label")).toContain(`Control (`);
    // Views of other tests running meanwhile may join the variants, never leave them.
    const treatmentValue = page
      .getByRole("list", { name: "Startup time by variant" })
      .getByRole("listitem")
      .filter({ hasText: "Treatment" });
    const sampleSize = /n = (\d+)/.exec(await treatmentValue.innerText())?.[1];
    expect(Number(sampleSize)).toBeGreaterThanOrEqual(views.treatment);
    await expectWellFormed(page, "experiment results");
  },
);
