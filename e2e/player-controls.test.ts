/**
 * The player's controls (media-chrome) driven as a person drives them: by
 * mouse, by keyboard and by touch on a phone. Every check reads the video
 * element itself (currentTime, paused, volume, muted) or the document
 * (full screen, picture-in-picture). The film and the series' episodes are
 * made playable through the real pipeline before the browser opens.
 */
import type { Page } from "playwright-core";
import { beforeAll, expect } from "vitest";
import { adminApi, allJobs, filmFromMaster, type AdminApi } from "../scripts/admin-api.ts";
import { baseUrl, browserTest } from "./browser-test.ts";
import { DEMO_VIEWER, pickProfile, signIn } from "./flows.ts";
import { testPattern } from "./media-clips.ts";
import { scrollsSideways } from "./page-checks.ts";
import { playFromStart, playsPast } from "./video-playback.ts";

const CLIP_SECONDS = 60;
/** The skip buttons' and arrow keys' step, in seconds. */
const STEP = 10;
let filmId: string;
let series: { id: string; episodes: { id: string; name: string }[] };

/** A published series with one season of two episodes, both playing `assetId`. */
async function seriesOf(api: AdminApi, assetId: string) {
  const title = await api.call<{ id: string }>("POST", "/api/admin/catalog/titles", {
    slug: `player-controls-series-${crypto.randomUUID().slice(0, 8)}`,
    type: "series",
    name: "Controls Series",
    synopsis: "A series made by a test.",
    year: 2026,
    releasedOn: "2026-01-01",
    rating: "PG",
    languages: ["en"],
    genres: ["drama"],
  });
  const season = await api.call<{ id: string }>(
    "POST",
    `/api/admin/catalog/titles/${title.id}/seasons`,
    { number: 1, name: "Season 1" },
  );
  const episodes = [];
  for (const [index, name] of ["The First", "The Second"].entries()) {
    const episode = await api.call<{ id: string }>(
      "POST",
      `/api/admin/catalog/seasons/${season.id}/episodes`,
      { number: index + 1, name, runtimeMinutes: 1 },
    );
    await api.call("PUT", `/api/admin/catalog/episodes/${episode.id}/video`, { assetId });
    episodes.push({ id: episode.id, name });
  }
  await api.call("POST", `/api/admin/catalog/titles/${title.id}/publish`);
  return { id: title.id, episodes };
}

beforeAll(async () => {
  if (!baseUrl) return;
  const api = await adminApi(baseUrl);
  filmId = await filmFromMaster(
    api,
    "Controls Test",
    await testPattern(`player-controls-${crypto.randomUUID()}.mp4`, CLIP_SECONDS),
    // The whole ladder: trickplay sprites come with it.
    { until: "ready", timeoutMs: 180_000 },
  );
  const job = (await allJobs(api)).find((candidate) => candidate.target.titleId === filmId);
  series = await seriesOf(api, job!.asset.id);
}, 300_000);

interface VideoState {
  currentTime: number;
  paused: boolean;
  volume: number;
  muted: boolean;
}

const videoState = (page: Page) =>
  page.locator("video").evaluate((video: HTMLVideoElement): VideoState => ({
    currentTime: video.currentTime,
    paused: video.paused,
    volume: video.volume,
    muted: video.muted,
  }));

/** Pauses through the page (not a control under test) and says where. */
const pauseAt = (page: Page) =>
  page.locator("video").evaluate((video: HTMLVideoElement) => {
    video.pause();
    return video.currentTime;
  });

/** Whether media-chrome shows its controls (it marks the controller `userinactive` when not). */
const controlsShown = (page: Page) =>
  page
    .locator("media-controller")
    .evaluate((controller) => !controller.hasAttribute("userinactive"));

/**
 * Rests the pointer on the picture, clear of the controls (over a control,
 * media-chrome keeps them shown); `shift` moves it a little further.
 */
async function pointAtPicture(page: Page, shift = 0) {
  const video = (await page.locator("video").boundingBox())!;
  await page.mouse.move(video.x + video.width * 0.25 + shift, video.y + video.height * 0.35);
}

/** The foot's opacity, as painted: 1 shown, 0 hidden. */
const footOpacity = (page: Page) =>
  page.locator(".player-controls").evaluate((foot) => Number(getComputedStyle(foot).opacity));

async function watch(page: Page, path: string) {
  await signIn(page, DEMO_VIEWER);
  await pickProfile(page, "Alex");
  await page.goto(path);
  await playFromStart(page);
}

/** Controls of the bar and the middle must lie within the window. */
async function controlsFit(page: Page, width: number) {
  const names = [
    /^(Play|Pause)$/,
    "Back 10 seconds",
    "Forward 10 seconds",
    "Quality",
    "Full screen",
  ];
  for (const name of names) {
    const box = await page.getByRole("button", { name, exact: true }).boundingBox();
    expect(box, String(name)).not.toBeNull();
    expect(box!.x, String(name)).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, String(name)).toBeLessThanOrEqual(width);
  }
  expect(await scrollsSideways(page)).toBe(false);
}

browserTest(
  "by mouse: play and pause, back and forward 10 s, volume, mute, picture-in-picture and full screen",
  { timeout: 90_000 },
  async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await watch(page, `/watch/${filmId}`);
    await pointAtPicture(page);

    await page.getByRole("button", { name: "Pause", exact: true }).click();
    await expect.poll(async () => (await videoState(page)).paused).toBe(true);
    await page.getByRole("button", { name: "Play", exact: true }).click();
    await expect.poll(async () => (await videoState(page)).paused).toBe(false);

    const at = await pauseAt(page);
    await page.getByRole("button", { name: "Forward 10 seconds" }).click();
    await expect.poll(async () => (await videoState(page)).currentTime).toBeCloseTo(at + STEP, 0);
    await page.getByRole("button", { name: "Back 10 seconds" }).click();
    await expect.poll(async () => (await videoState(page)).currentTime).toBeCloseTo(at, 0);

    // A quarter of the way along the volume slider is a quarter of full volume.
    const slider = page.getByRole("slider", { name: "Volume" });
    const box = (await slider.boundingBox())!;
    await page.mouse.click(box.x + box.width / 4, box.y + box.height / 2);
    await expect.poll(async () => (await videoState(page)).volume).toBeCloseTo(0.25, 1);
    expect((await videoState(page)).volume).toBeLessThan(0.5);

    await page.getByRole("button", { name: "Mute", exact: true }).click();
    await expect.poll(async () => (await videoState(page)).muted).toBe(true);
    await page.getByRole("button", { name: "Unmute" }).click();
    await expect.poll(async () => (await videoState(page)).muted).toBe(false);

    // Chromium, headless too, has picture-in-picture; the button enters and leaves it.
    const inPip = () =>
      page.evaluate(() => document.pictureInPictureElement === document.querySelector("video"));
    const pip = page.getByRole("button", { name: "Picture in picture" });
    expect(await page.evaluate(() => document.pictureInPictureEnabled)).toBe(true);
    expect(await pip.isEnabled()).toBe(true);
    await pip.click();
    await expect.poll(inPip).toBe(true);
    await page.getByRole("button", { name: "Exit picture in picture" }).click();
    await expect.poll(inPip).toBe(false);

    // The whole player goes full screen, so Skip Intro and the next episode do too.
    const fullScreen = () => page.evaluate(() => document.fullscreenElement?.localName ?? null);
    await page.getByRole("button", { name: "Full screen", exact: true }).click();
    await expect.poll(fullScreen).toBe("main");
    await page.getByRole("button", { name: "Exit full screen" }).click();
    await expect.poll(fullScreen).toBe(null);
  },
);

browserTest(
  "the engine's quality menu: Auto and each rung, and a pick is what plays",
  async ({ page }) => {
    await watch(page, `/watch/${filmId}`);
    await pointAtPicture(page);
    await page.getByRole("button", { name: "Quality" }).click();
    const menu = page.getByRole("menu", { name: "Quality" });
    const items = menu.getByRole("menuitemradio");
    await expect.poll(() => items.first().textContent()).toMatch(/^Auto/);
    expect(await items.first().getAttribute("aria-checked")).toBe("true");
    const rungs = (await items.allTextContents()).slice(1);
    expect(rungs.length).toBeGreaterThan(0);
    for (const rung of rungs) expect(rung).toMatch(/^\d{3,4}p$/);

    const lowest = rungs[0]!;
    const pick = menu.getByRole("menuitemradio", { name: lowest, exact: true });
    await pick.click();
    // The menu closes, and shows the engine's choice when opened again.
    await menu.waitFor({ state: "hidden" });
    await page.getByRole("button", { name: "Quality" }).click();
    await expect.poll(() => pick.getAttribute("aria-checked")).toBe("true");
    expect(await items.first().getAttribute("aria-checked")).toBe("false");
  },
);

browserTest("hovering the timeline previews the picture there (trickplay)", async ({ page }) => {
  await watch(page, `/watch/${filmId}`);
  await pointAtPicture(page);
  const timeline = page.locator(".player-controls__timeline");
  const box = (await timeline.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // The preview (in the timeline's shadow DOM) shows a tile of a trickplay sprite, loaded.
  const previewImage = () =>
    timeline.evaluate((range) => {
      const thumbnail = range.shadowRoot?.querySelector("media-preview-thumbnail");
      const image = thumbnail?.shadowRoot?.querySelector("img");
      if (!thumbnail || !image || image.naturalWidth === 0) return null;
      if (thumbnail.getBoundingClientRect().width === 0) return null;
      return new URL(image.src).pathname.split("/").slice(-2).join("/");
    });
  await expect.poll(previewImage).toMatch(/^trickplay\/sprite-\d+\.jpg$/);
});

browserTest(
  "the controls hide after 3 s without the pointer moving while playing, and come back on a move",
  async ({ page }) => {
    await watch(page, `/watch/${filmId}`);
    await pointAtPicture(page);
    await pointAtPicture(page, 20);
    await expect.poll(() => controlsShown(page)).toBe(true);
    // Fading in: the controls arrive just after the first frame (player-chrome.tsx).
    await expect.poll(() => footOpacity(page)).toBe(1);
    const movedAt = Date.now();

    await expect.poll(() => controlsShown(page), { timeout: 6_000 }).toBe(false);
    expect(Date.now() - movedAt).toBeGreaterThanOrEqual(2_500);
    await expect.poll(() => footOpacity(page)).toBe(0);
    expect((await videoState(page)).paused).toBe(false);

    await pointAtPicture(page, 40);
    await expect.poll(() => controlsShown(page)).toBe(true);
    await expect.poll(() => footOpacity(page)).toBe(1);

    // Paused, they stay.
    await pauseAt(page);
    await page.waitForTimeout(4_000);
    expect(await footOpacity(page)).toBe(1);
  },
);

browserTest(
  "by keyboard: space and k play and pause, arrows seek and set the volume, m mutes, f is full screen",
  async ({ page }) => {
    await watch(page, `/watch/${filmId}`);
    await page.getByRole("main", { name: "Player" }).focus();

    await page.keyboard.press(" ");
    await expect.poll(async () => (await videoState(page)).paused).toBe(true);
    await page.keyboard.press("k");
    await expect.poll(async () => (await videoState(page)).paused).toBe(false);
    await page.keyboard.press("k");
    await expect.poll(async () => (await videoState(page)).paused).toBe(true);

    const at = (await videoState(page)).currentTime;
    await page.keyboard.press("ArrowRight");
    await expect.poll(async () => (await videoState(page)).currentTime).toBeCloseTo(at + STEP, 0);
    await page.keyboard.press("ArrowLeft");
    await expect.poll(async () => (await videoState(page)).currentTime).toBeCloseTo(at, 0);

    const volume = (await videoState(page)).volume;
    await page.keyboard.press("ArrowDown");
    expect((await videoState(page)).volume).toBeCloseTo(volume - 0.1, 5);
    await page.keyboard.press("ArrowUp");
    expect((await videoState(page)).volume).toBeCloseTo(volume, 5);

    await page.keyboard.press("m");
    expect((await videoState(page)).muted).toBe(true);
    await page.keyboard.press("m");
    expect((await videoState(page)).muted).toBe(false);

    const fullScreen = () => page.evaluate(() => document.fullscreenElement?.localName ?? null);
    await page.keyboard.press("f");
    await expect.poll(fullScreen).toBe("main");
    await page.keyboard.press("f");
    await expect.poll(fullScreen).toBe(null);

    // A key shows the controls, as a pointer move does.
    await page.keyboard.press("k");
    await expect.poll(() => controlsShown(page), { timeout: 6_000 }).toBe(false);
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => controlsShown(page)).toBe(true);
  },
);

browserTest("fits a 1280×800 window: every control inside it", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await watch(page, `/watch/${filmId}`);
  await pointAtPicture(page);
  await controlsFit(page, 1280);
});

const phoneTest = browserTest.extend({
  contextOptions: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
});

phoneTest(
  "by touch on a phone: the controls fit, a tap shows them, a double tap on a side skips 10 s",
  { timeout: 90_000 },
  async ({ page }) => {
    await watch(page, `/watch/${filmId}`);
    const video = (await page.locator("video").boundingBox())!;
    const y = video.y + video.height / 2;

    // Playing untouched, the controls hide; a tap on the picture shows them.
    await expect.poll(() => controlsShown(page), { timeout: 6_000 }).toBe(false);
    await page.touchscreen.tap(video.x + video.width / 2, y);
    await expect.poll(() => controlsShown(page)).toBe(true);
    await controlsFit(page, 390);

    const at = await pauseAt(page);
    await page.touchscreen.tap(video.x + video.width * 0.85, y);
    await page.touchscreen.tap(video.x + video.width * 0.85, y);
    await expect.poll(async () => (await videoState(page)).currentTime).toBeCloseTo(at + STEP, 0);
    await page.touchscreen.tap(video.x + video.width * 0.15, y);
    await page.touchscreen.tap(video.x + video.width * 0.15, y);
    await expect.poll(async () => (await videoState(page)).currentTime).toBeCloseTo(at, 0);
    // Taps never toggled playback.
    expect((await videoState(page)).paused).toBe(true);
  },
);

browserTest(
  "a series shows what is playing, and its episodes panel plays another episode",
  async ({ page }) => {
    const [first, second] = series.episodes;
    await watch(page, `/watch/${series.id}?episode=${first!.id}`);
    await pointAtPicture(page);
    const head = page.locator(".player-top__title");
    await expect.poll(() => head.innerText()).toMatch(/Controls Series\s+S1:E1 The First/);

    await page.getByRole("button", { name: "Episodes" }).click();
    const panel = page.getByRole("dialog", { name: "Controls Series" });
    const list = panel.getByRole("list", { name: "Season 1 episodes" });
    expect(await list.getByRole("listitem").count()).toBe(2);
    await list.getByRole("link", { name: second!.name }).click();

    await page.waitForURL(`**/watch/${series.id}?episode=${second!.id}`);
    await panel.waitFor({ state: "detached" });
    await playsPast(page, 0.5);
    await expect.poll(() => head.innerText()).toMatch(/S1:E2 The Second/);
  },
);

browserTest("a film has no episodes button", async ({ page }) => {
  await watch(page, `/watch/${filmId}`);
  await pointAtPicture(page);
  await page.getByRole("button", { name: "Full screen", exact: true }).waitFor();
  await page.locator(".player-top__title").waitFor();
  expect(await page.getByRole("button", { name: "Episodes" }).count()).toBe(0);
});
