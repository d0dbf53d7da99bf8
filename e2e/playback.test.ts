/**
 * Watching: a viewer picks a profile, plays a title and sees its first
 * frame (time advancing), seeks, reloads, is offered to resume where they
 * were, and resumes from there. The title is a film of its own, made
 * playable through the real pipeline (a generated clip uploaded with tus
 * and transcoded) before the browser opens.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, expect } from "vitest";
import {
  adminApi,
  isPlayable,
  jobOfUpload,
  uploadBytes,
  waitForJob,
} from "../scripts/admin-api.ts";
import { baseUrl, browserTest } from "./browser-test.ts";
import { DEMO_VIEWER, pickProfile, signIn } from "./flows.ts";
import { testPattern } from "./media-clips.ts";

const CLIP_SECONDS = 40;
let titleId: string;

beforeAll(async () => {
  if (!baseUrl) return;
  const api = await adminApi(baseUrl);
  const name = `Playback Test ${crypto.randomUUID().slice(0, 8)}`;
  const film = await api.call<{ id: string }>("POST", "/api/admin/catalog/titles", {
    slug: name.toLowerCase().replaceAll(/[^a-z0-9]+/g, "-"),
    type: "movie",
    name,
    synopsis: "A film made by the playback tests.",
    year: 2026,
    releasedOn: "2026-01-01",
    runtimeMinutes: 1,
    rating: "PG",
    languages: ["en"],
    genres: ["drama"],
  });
  await api.call("POST", `/api/admin/catalog/titles/${film.id}/publish`);
  const clip = await testPattern(`playback-${crypto.randomUUID()}.mp4`, CLIP_SECONDS);
  const uploadId = await uploadBytes(api, readFileSync(clip), {
    filename: "playback.mp4",
    titleId: film.id,
  });
  await waitForJob(api, (await jobOfUpload(api, uploadId)).id, isPlayable, {
    timeoutMs: 120_000,
  });
  titleId = film.id;
}, 180_000);

const currentTime = (page: Page) =>
  page.locator("video").evaluate((video: HTMLVideoElement) => video.currentTime);

/** Waits until the video plays past `seconds`. */
const playsPast = (page: Page, seconds: number) =>
  page.waitForFunction(
    (after) => {
      const video = document.querySelector("video");
      return video !== null && !video.paused && video.currentTime > after;
    },
    seconds,
    { timeout: 20_000 },
  );

browserTest(
  "plays a title, seeks, and after a reload resumes where the viewer was",
  { timeout: 90_000 },
  async ({ page }) => {
    await signIn(page, DEMO_VIEWER);
    await pickProfile(page, "Alex");
    await page.goto(`/title/${titleId}`);
    await page.getByRole("link", { name: "Play" }).click();

    // The first frame renders and time advances.
    await playsPast(page, 0.5);
    expect(
      await page.locator("video").evaluate((v: HTMLVideoElement) => v.videoWidth),
    ).toBeGreaterThan(0);

    // Seek forward 20 s with the keyboard, and let it play on from there.
    await page.getByRole("main", { name: "Player" }).focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await playsPast(page, 20.5);
    const before = await currentTime(page);

    await page.reload();
    const resume = page.getByRole("button", { name: /^Resume from 0:(\d\d)$/ });
    await resume.waitFor();
    const offered = Number(/0:(\d\d)/.exec((await resume.textContent()) ?? "")?.[1]);
    // The position reported on leaving (or at the seek), rounded for display.
    expect(offered).toBeGreaterThanOrEqual(20);
    expect(offered).toBeLessThanOrEqual(Math.ceil(before) + 1);

    await resume.click();
    await playsPast(page, offered + 0.5);
    expect(await currentTime(page)).toBeGreaterThanOrEqual(offered);
  },
);
