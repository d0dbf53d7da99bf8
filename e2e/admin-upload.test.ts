/**
 * The admin ingest pages: a master checked in the browser (ffmpeg.wasm),
 * uploaded with tus and followed on the jobs page until it is ready; a
 * job's page, its chunk grid followed until every chunk is done, on a
 * desktop and on a phone; files the pipeline can't take refused before any
 * upload starts; an upload that survives a pause, a lost access cookie and
 * a reload; and no way in for viewers. Clips are made per run with the
 * bundled native ffmpeg, and each test uploads to a film of its own, so no
 * other test's title changes.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page, Request } from "playwright-core";
import { expect } from "vitest";
import { baseUrl, browserTest, expectApiErrors } from "./browser-test.ts";
import { DEMO_ADMIN, DEMO_VIEWER, pickProfile, signIn } from "./flows.ts";
import { clipDir as dir, makeClip, testPattern } from "./media-clips.ts";
import { expectWellFormed, scrollsSideways } from "./page-checks.ts";

/** 4 s of lossless noise: about 30 MB, so it takes several 8 MiB chunks. */
const noise = (name: string) =>
  makeClip(name, [
    ...[
      "-f",
      "lavfi",
      "-i",
      "nullsrc=size=640x360:rate=25:duration=4,geq=lum='random(1)*255':cb=128:cr=128",
    ],
    ...["-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-pix_fmt", "yuv420p"],
  ]);

async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, DEMO_ADMIN);
  await pickProfile(page, "Admin");
}

/** A new unpublished film (through the admin API, as the admin signed in on `page`). */
async function createFilm(page: Page, name: string): Promise<string> {
  const response = await page.request.post("/api/admin/catalog/titles", {
    headers: { origin: baseUrl },
    data: {
      slug: name.toLowerCase().replaceAll(/[^a-z0-9]+/g, "-"),
      type: "movie",
      name,
      synopsis: "A film made by the upload tests.",
      year: 2026,
      releasedOn: "2026-01-01",
      runtimeMinutes: 1,
      rating: "PG",
      languages: ["en"],
      genres: ["drama"],
    },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const uniqueName = (label: string) => `${label} ${crypto.randomUUID().slice(0, 8)}`;

/** Opens the upload page from the header, as a content admin does. */
async function openUploadPage(page: Page): Promise<void> {
  await page.getByRole("banner").getByRole("link", { name: "Upload" }).click();
  await page.getByRole("heading", { name: "Upload a video", level: 1 }).waitFor();
}

async function chooseFilm(page: Page, name: string): Promise<void> {
  await page.getByRole("searchbox", { name: "Find a title" }).fill(name);
  await page.getByRole("radio", { name: new RegExp(`^${name} Film`) }).check();
  await page.getByText(`For ${name}.`).waitFor();
}

const status = (page: Page, text: string | RegExp) =>
  page.getByRole("status").filter({ hasText: text });

/** Every tus creation request the page sends. */
function uploadsCreated(page: Page): Request[] {
  const created: Request[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().endsWith("/api/ingest/uploads"))
      created.push(request);
  });
  return created;
}

browserTest(
  "checks a master in the browser, uploads it and follows its job to ready",
  { timeout: 180_000 },
  async ({ page }) => {
    const clip = await testPattern(`pattern-${crypto.randomUUID()}.mp4`);
    const filename = clip.slice(dir.length + 1);
    await signInAsAdmin(page);
    const film = uniqueName("Upload Test");
    await createFilm(page, film);
    await openUploadPage(page);

    await page.getByLabel("Video file").setInputFiles(clip);
    // ffmpeg.wasm is a 10 MB download and a compile: give the first check time.
    await status(page, "The file can be uploaded.").waitFor({ timeout: 60_000 });
    const facts = page.locator(".preflight__facts");
    expect(await facts.getByText("0:05").count()).toBe(1);
    expect(await facts.getByText(/640×360 · 25 fps · h264/).count()).toBe(1);
    expect(await facts.getByText(/English · aac · mono/).count()).toBe(1);
    const poster = page.getByRole("img", { name: `A frame of ${filename}` });
    await poster.waitFor();
    expect(await poster.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(480);

    await chooseFilm(page, film);
    await expectWellFormed(page, "upload page");
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    await page.getByRole("link", { name: "See its job" }).click();

    await page.getByRole("heading", { name: "Ingest jobs", level: 1 }).waitFor();
    const job = page.getByRole("article", { name: film });
    await job.getByText("Just uploaded").waitFor();
    expect(await job.getByRole("link", { name: film, exact: true }).getAttribute("href")).toMatch(
      /^\/title\/[0-9a-f-]{36}$/,
    );
    await job.getByText(filename).waitFor();
    // The transcoder really transcodes; the page polls until it is done.
    await job.getByText(/^(Ready|Failed)$/).waitFor({ timeout: 150_000 });
    if (await job.getByText("Failed", { exact: true }).count())
      throw new Error(`The job failed: ${await job.locator(".job-summary__error").textContent()}`);
    await job.getByText("Ready: viewers can watch every quality.").waitFor();
    expect(await job.getByText(/^Qualities: .*\d+p/).count()).toBe(1);
    await expectWellFormed(page, "jobs page");
  },
);

/** What a job's page shows at one moment, read in one go (so from one poll's answer). */
async function readJobPage(page: Page) {
  return page.evaluate(() => {
    const fact = (term: string) =>
      [...document.querySelectorAll("dt")].find((dt) => dt.textContent === term)?.nextElementSibling
        ?.textContent ?? null;
    return {
      state: document.querySelector(".job-state")?.textContent ?? null,
      instances: fact("Transcoders working on it"),
      cells: [...document.querySelectorAll("[role=gridcell]")].map(
        (cell) => cell.getAttribute("title") ?? "",
      ),
    };
  });
}

const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
};

for (const [device, viewport] of Object.entries(VIEWPORTS)) {
  browserTest(
    `follows a job's tasks and chunk grid until every chunk is done, on a ${device}`,
    { timeout: 300_000 },
    async ({ page, annotate }) => {
      await page.setViewportSize(viewport);
      // 30 s: a handful of chunks (the test stack cuts chunks of 2 segments, 8 s).
      const clip = await testPattern(`chunks-${crypto.randomUUID()}.mp4`, 30);
      await signInAsAdmin(page);
      const film = uniqueName("Chunk Test");
      await createFilm(page, film);
      await openUploadPage(page);
      await page.getByLabel("Video file").setInputFiles(clip);
      await status(page, "The file can be uploaded.").waitFor({ timeout: 60_000 });
      await chooseFilm(page, film);
      await page.getByRole("button", { name: "Upload", exact: true }).click();
      await page.getByRole("link", { name: "See its job" }).click();
      const card = page.getByRole("article", { name: film });
      await card.getByRole("link", { name: `Details of ${film}` }).click();
      await page.getByRole("heading", { name: film, level: 1 }).waitFor();
      const jobId = new URL(page.url()).pathname.split("/").at(-1);

      // Watch it run: whenever a chunk is running, the transcoders working on it are counted.
      const seen = new Set<string>();
      for (const deadline = Date.now() + 200_000; ;) {
        const now = await readJobPage(page);
        for (const cell of now.cells) seen.add(cell.split(": ").at(-1) ?? "");
        if (now.cells.some((cell) => cell.endsWith(": running")))
          expect(Number(now.instances)).toBeGreaterThan(0);
        if (now.state === "Ready" || now.state === "Failed") break;
        if (Date.now() > deadline) throw new Error(`The job is still ${now.state}`);
        await page.waitForTimeout(200);
      }
      if ((await readJobPage(page)).state === "Failed")
        throw new Error(
          `The job failed: ${await page.locator(".job-summary__error").textContent()}`,
        );
      await annotate(`Chunk states seen while it ran: ${[...seen].join(", ")}`);

      // Done: one row per quality (lowest first), a cell per chunk, every one done.
      const grid = page.getByRole("grid", { name: "Chunks of each quality" });
      const rungs = (await grid.getByRole("rowheader").allTextContents()).map(
        (header) => header.split(" ")[0]!,
      );
      const qualities = await page.getByText(/^Qualities: /).textContent();
      expect(rungs.length).toBeGreaterThan(0);
      expect(rungs.toSorted()).toEqual(
        qualities?.replace("Qualities: ", "").split(", ").toSorted(),
      );
      const cells = grid.getByRole("gridcell");
      const chunks = (await cells.count()) / rungs.length;
      expect(chunks).toBeGreaterThan(1);
      for (const rung of rungs) {
        const row = grid.getByRole("row").filter({
          has: page.getByRole("rowheader", {
            name: `${rung} ${chunks} of ${chunks} done`,
            exact: true,
          }),
        });
        expect(await row.getByRole("gridcell").count()).toBe(chunks);
      }
      const done = new RegExp(`^\\d+p, chunk \\d+ of ${chunks}: done$`);
      expect(await grid.getByRole("gridcell", { name: done }).count()).toBe(await cells.count());
      const legend = page.getByRole("list", { name: "Legend" }).getByRole("listitem");
      expect(await legend.allTextContents()).toEqual([
        "Done",
        "Running",
        "Waiting for a transcoder",
        "Not ready to run",
        "Failed",
      ]);
      const wholeFile = page.getByRole("list", { name: "Whole-file tasks" }).getByRole("listitem");
      // The probe may have read the whole film already, leaving nothing to analyse.
      expect(await wholeFile.allTextContents()).toEqual([
        expect.stringMatching(/^ProbeDone/),
        expect.stringMatching(/^Analysis(Done|Not needed)/),
        expect.stringMatching(/^AudioDone/),
      ]);
      const fact = (term: string) =>
        page.locator("dt", { hasText: term }).locator("xpath=following-sibling::dd[1]");
      expect(await fact("Transcoders working on it").textContent()).toBe("0");
      expect(await fact("Tasks waiting for a transcoder").textContent()).toBe("0");
      expect(await fact("Time to playable").textContent()).toMatch(
        /^(\d.* after the upload|before the upload finished)$/,
      );
      expect(await fact("Time to ready").textContent()).toMatch(/^\d.* after the upload$/);

      // Finished, it is polled no more.
      expect(await page.getByText(/^Live · updated/).count()).toBe(0);
      const polls: string[] = [];
      page.on("request", (request) => {
        if (request.url().endsWith(`/api/ingest/jobs/${jobId}`)) polls.push(request.url());
      });
      await page.waitForTimeout(2_500);
      expect(polls).toEqual([]);

      // The grid is one tab stop after the way back; arrows walk it, and the cell is read out.
      await page.getByRole("link", { name: "Ingest jobs" }).focus();
      await page.keyboard.press("Tab");
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute("title"));
      expect(await focused()).toBe(`${rungs[0]}, chunk 1 of ${chunks}: done`);
      await page.keyboard.press("ArrowRight");
      expect(await focused()).toBe(`${rungs[0]}, chunk 2 of ${chunks}: done`);
      await page.keyboard.press("End");
      const last = `${rungs[0]}, chunk ${chunks} of ${chunks}: done`;
      expect(await focused()).toBe(last);
      await page.getByText(last, { exact: true }).waitFor();
      if (rungs.length > 1) {
        await page.keyboard.press("ArrowDown");
        expect(await focused()).toBe(`${rungs[1]}, chunk ${chunks} of ${chunks}: done`);
      }

      await expectWellFormed(page, `job page on a ${device}`);
      expect(await scrollsSideways(page)).toBe(false);
    },
  );
}

browserTest("refuses what the pipeline can't take before uploading a byte", async ({ page }) => {
  const created = uploadsCreated(page);
  const notVideo = join(dir, "notes.mp4");
  writeFileSync(notVideo, "These are meeting notes, not a film.\n".repeat(40));
  const soundOnly = await makeClip("sound-only.mp4", [
    ...["-f", "lavfi", "-i", "sine=frequency=440:duration=3"],
    ...["-c:a", "aac"],
  ]);
  await signInAsAdmin(page);
  const film = uniqueName("Refusal Test");
  await createFilm(page, film);
  await openUploadPage(page);
  await chooseFilm(page, film);

  const videoFile = page.getByLabel("Video file");
  await videoFile.setInputFiles(notVideo);
  await status(page, "This file can't be uploaded.").waitFor();
  await page.getByText(/This is not a video file we take/).waitFor();
  expect(await videoFile.getAttribute("aria-invalid")).toBe("true");
  await page.getByRole("button", { name: "Upload", exact: true }).click();

  // A real MP4 with no picture gets as far as ffprobe, which finds no video stream.
  await videoFile.setInputFiles(soundOnly);
  await page.getByText("The file has no video stream.").waitFor({ timeout: 60_000 });
  await page.getByRole("button", { name: "Upload", exact: true }).click();

  expect(await page.getByRole("status").filter({ hasText: "Uploading" }).count()).toBe(0);
  expect(created).toEqual([]);
});

browserTest(
  "goes on after a pause, a lost access cookie and a reload, and cancels its job",
  { timeout: 120_000 },
  async ({ page, context }) => {
    // The expired session's first request is refused, as designed, before the refresh.
    expectApiErrors(page, 401);
    const clip = await noise(`noise-${crypto.randomUUID()}.mp4`);
    const created = uploadsCreated(page);
    const offsets: number[] = [];
    page.on("request", (request) => {
      if (request.method() === "PATCH") offsets.push(Number(request.headers()["upload-offset"]));
    });
    // Slow chunks down, so there is time to pause and reload mid-upload.
    await page.route("**/api/ingest/uploads/*", async (route) => {
      if (route.request().method() === "PATCH") await new Promise((wait) => setTimeout(wait, 700));
      await route.continue().catch(() => {
        // The page gave up on the request (a pause or a reload): nothing to continue.
      });
    });
    await signInAsAdmin(page);
    const film = uniqueName("Resume Test");
    await createFilm(page, film);
    await openUploadPage(page);
    await page.getByLabel("Video file").setInputFiles(clip);
    await status(page, "The file can be uploaded.").waitFor({ timeout: 60_000 });
    await chooseFilm(page, film);
    const chunkStored = () =>
      page.waitForResponse((response) => response.request().method() === "PATCH" && response.ok());
    let stored = chunkStored();
    await page.getByRole("button", { name: "Upload", exact: true }).click();

    // Pause after the first chunk is stored, then lose the access cookie, as after 15 idle minutes.
    await stored;
    await page.getByRole("button", { name: "Pause" }).click();
    await status(page, /^Paused/).waitFor();
    await context.clearCookies({ name: "__Host-mq_access" });
    stored = chunkStored();
    await page.getByRole("button", { name: "Resume" }).click();
    await stored;

    // A reload mid-upload: the same file for the same film goes on from what the server has.
    await page.reload();
    await page.getByRole("heading", { name: "Upload a video", level: 1 }).waitFor();
    await page.getByLabel("Video file").setInputFiles(clip);
    await status(page, "The file can be uploaded.").waitFor({ timeout: 60_000 });
    await chooseFilm(page, film);
    await page.getByText("This file was partly uploaded for this title before").waitFor();
    const patchesBeforeReload = offsets.length;
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    await page.getByRole("link", { name: "See its job" }).waitFor({ timeout: 60_000 });

    expect(created).toHaveLength(1);
    expect(offsets[patchesBeforeReload]).toBeGreaterThanOrEqual(16 * 1024 * 1024);

    // Cancel the job (it would only keep the transcoder busy), after saying so.
    await page.getByRole("link", { name: "See its job" }).click();
    const job = page.getByRole("article", { name: film });
    await job.getByRole("button", { name: `Cancel ${film}` }).click();
    const dialog = page.getByRole("dialog", { name: `Cancel the job for ${film}?` });
    await dialog.getByRole("button", { name: "Cancel job" }).click();
    await status(page, `The job for ${film} is cancelled.`).waitFor();
    await job.getByText("Cancelled", { exact: true }).waitFor();
    await job.getByRole("button", { name: `Retry ${film}` }).waitFor();
  },
);

browserTest("keeps viewers out of the admin pages", async ({ page }) => {
  await signIn(page, DEMO_VIEWER);
  await pickProfile(page, "Alex");
  const header = page.getByRole("banner");
  expect(await header.getByRole("link", { name: "Upload" }).count()).toBe(0);
  expect(await header.getByRole("link", { name: "Jobs" }).count()).toBe(0);
  for (const path of ["/admin/upload", "/admin/jobs"]) {
    await page.goto(path);
    await page.getByRole("heading", { name: "Not allowed", level: 1 }).waitFor();
    await page.getByText("Only content admins can upload videos").waitFor();
  }
});
