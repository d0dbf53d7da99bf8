/**
 * Skip Intro, end to end: an admin marks a film's intro on its ingest job's
 * page, and a viewer's player offers Skip Intro during it and jumps to its
 * end. The film is made through the real pipeline from a generated clip.
 */
import { beforeAll, expect } from "vitest";
import { adminApi, allJobs, filmFromMaster, type AdminApi } from "../scripts/admin-api.ts";
import { baseUrl, browserTest, expectApiErrors } from "./browser-test.ts";
import { DEMO_ADMIN, DEMO_VIEWER, pickProfile, signIn } from "./flows.ts";
import { testPattern } from "./media-clips.ts";
import { currentTime } from "./video-playback.ts";

const CLIP_SECONDS = 20;
const INTRO = { startSeconds: 2, endSeconds: 12 };
let api: AdminApi;
let titleId: string;
let jobId: string;

beforeAll(async () => {
  if (!baseUrl) return;
  api = await adminApi(baseUrl);
  titleId = await filmFromMaster(
    api,
    "Markers Test",
    await testPattern(`markers-${crypto.randomUUID()}.mp4`, CLIP_SECONDS),
    { timeoutMs: 120_000 },
  );
  const job = (await allJobs(api)).find((candidate) => candidate.target.titleId === titleId);
  jobId = job!.id;
}, 240_000);

browserTest("an admin marks the intro on the film's job page", async ({ page }) => {
  await signIn(page, DEMO_ADMIN);
  await pickProfile(page, "Admin");
  await page.goto(`/admin/jobs/${jobId}`);
  const panel = page.getByRole("region", { name: "Intro, recap and credits" });
  // Nothing detected yet for a test pattern, so nothing is in force.
  await panel.getByRole("group", { name: "Intro: none" }).waitFor();

  await panel.getByRole("group", { name: "Intro marker" }).getByLabel("At").check();
  await panel.getByLabel("Intro starts at (seconds)").fill(String(INTRO.startSeconds));
  // An end before the start is refused by the server, next to the intro.
  expectApiErrors(page, 400);
  await panel.getByLabel("Intro ends at (seconds)").fill("1");
  await panel.getByRole("button", { name: "Save markers" }).click();
  await panel.getByRole("alert").filter({ hasText: "Must end after it starts." }).waitFor();

  await panel.getByLabel("Intro ends at (seconds)").fill(String(INTRO.endSeconds));
  await panel.getByRole("button", { name: "Save markers" }).click();
  await panel.getByRole("status").getByText("Markers saved.").waitFor();
  await panel.getByRole("group", { name: "Intro: 0:02–0:12, set by an admin" }).waitFor();
  // The page says the same after a reload.
  await page.reload();
  await panel.getByRole("group", { name: "Intro: 0:02–0:12, set by an admin" }).waitFor();
});

browserTest(
  "the player offers Skip Intro during the intro and jumps to its end",
  async ({ page }) => {
    // Set here as well, so this test does not depend on the one above.
    await api.call("PUT", `/api/admin/catalog/titles/${titleId}/markers`, { intro: INTRO });
    await signIn(page, DEMO_VIEWER);
    await pickProfile(page, "Alex");
    await page.goto(`/watch/${titleId}`);
    const skip = page.getByRole("button", { name: "Skip Intro" });
    await skip.waitFor({ timeout: 20_000 });
    const shownAt = await currentTime(page);
    // Shown at the intro's start (±1 s), not before.
    expect(shownAt).toBeGreaterThanOrEqual(INTRO.startSeconds);
    expect(shownAt).toBeLessThan(INTRO.startSeconds + 1);
    await skip.click();
    await expect.poll(() => currentTime(page)).toBeGreaterThanOrEqual(INTRO.endSeconds);
    await skip.waitFor({ state: "hidden" });
  },
);
