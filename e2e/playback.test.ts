/**
 * Watching: a viewer picks a profile, plays a title and sees its first
 * frame (time advancing), seeks, reloads, is offered to resume where they
 * were, and resumes from there. The title is a film of its own, made
 * playable through the real pipeline (a generated clip uploaded with tus
 * and transcoded) before the browser opens.
 */
import { beforeAll, expect } from "vitest";
import { adminApi, filmFromMaster, uploadBytes } from "../scripts/admin-api.ts";
import { baseUrl, browserTest, expectApiErrors } from "./browser-test.ts";
import { DEMO_VIEWER, pickProfile, registerAccount, signIn } from "./flows.ts";
import { makeClip, testPattern } from "./media-clips.ts";
import { call } from "./qoe-views.ts";
import { currentTime, playsPast } from "./video-playback.ts";

const CLIP_SECONDS = 40;
let titleId: string;
let multilingualId: string;

beforeAll(async () => {
  if (!baseUrl) return;
  const api = await adminApi(baseUrl);
  const options = { timeoutMs: 120_000 };
  titleId = await filmFromMaster(
    api,
    "Playback Test",
    await testPattern(`playback-${crypto.randomUUID()}.mp4`, CLIP_SECONDS),
    options,
  );
  // Two audio languages and English subtitles.
  const subtitles = await uploadBytes(
    api,
    Buffer.from("WEBVTT\n\n00:00.500 --> 00:09.000\nHello from the subtitles.\n"),
    { kind: "subtitles", filename: "english.vtt", language: "eng", label: "English" },
  );
  const clip = await makeClip(`multilingual-${crypto.randomUUID()}.mp4`, [
    ...["-f", "lavfi", "-i", "testsrc=size=640x360:rate=25:duration=10"],
    ...["-f", "lavfi", "-i", "sine=frequency=440:duration=10"],
    ...["-f", "lavfi", "-i", "sine=frequency=660:duration=10"],
    ...["-map", "0:v", "-map", "1:a", "-map", "2:a"],
    ...["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"],
    ...["-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=fra"],
  ]);
  multilingualId = await filmFromMaster(api, "Playback Test", clip, {
    ...options,
    subtitles: [subtitles],
  });
}, 240_000);

browserTest(
  "plays a title, seeks, and after a reload resumes where the viewer was",
  { timeout: 90_000 },
  async ({ page }) => {
    await signIn(page, DEMO_VIEWER);
    await pickProfile(page, "Alex");
    await page.goto(`/title/${titleId}`);
    await page.getByRole("link", { name: "Play", exact: true }).click();

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

browserTest("offers every audio language and the subtitles, and shows them", async ({ page }) => {
  await signIn(page, DEMO_VIEWER);
  await pickProfile(page, "Alex");
  await page.goto(`/watch/${multilingualId}`);
  await playsPast(page, 0.5);

  // Each menu opens from its button in the control bar and lists what the engine offers.
  await page.getByRole("button", { name: "Audio" }).click();
  const audio = page.getByRole("menu", { name: "Audio" });
  expect(await audio.getByRole("menuitemradio").allTextContents()).toEqual(["English", "French"]);
  await audio.getByRole("menuitemradio", { name: "French" }).click();
  await page.getByRole("button", { name: "Subtitles" }).click();
  const subtitles = page.getByRole("menu", { name: "Subtitles" });
  expect(await subtitles.getByRole("menuitemradio").allTextContents()).toEqual(["Off", "English"]);
  await subtitles.getByRole("menuitemradio", { name: "English" }).click();
  await page.waitForFunction(() => {
    const tracks = [...(document.querySelector("video")?.textTracks ?? [])];
    return tracks.some((track) => track.mode === "showing" && (track.cues?.length ?? 0) > 0);
  });
  // hls.js switched to the French rendition (the menu, opened again, shows what the engine plays).
  await page.getByRole("button", { name: "Audio" }).click();
  const french = audio.getByRole("menuitemradio", { name: "French" });
  await expect.poll(() => french.getAttribute("aria-checked")).toBe("true");
  expect(
    await audio.getByRole("menuitemradio", { name: "English" }).getAttribute("aria-checked"),
  ).toBe("false");
  await playsPast(page, 2);
});

browserTest(
  "stops at the next renewal, saying why, when the profile is lowered below the title's rating",
  { timeout: 90_000 },
  async ({ page }) => {
    const owner = await registerAccount(baseUrl, "Sam");
    await signIn(page, owner);
    await pickProfile(page, "Sam");
    await page.goto(`/watch/${titleId}`);
    await playsPast(page, 0.5);

    // The account owner lowers the profile to G from another device.
    type Tokens = { tokens: { accessToken: string } };
    const { tokens } = await call<Tokens>(baseUrl, "POST", "/api/auth/login", {
      body: { ...owner, tokenDelivery: "body" },
    });
    const { profiles } = await call<{ profiles: { id: string }[] }>(
      baseUrl,
      "GET",
      "/api/profiles",
      { token: tokens.accessToken },
    );
    await call(baseUrl, "PATCH", `/api/profiles/${profiles[0]!.id}`, {
      token: tokens.accessToken,
      body: { maturityLevel: "G" },
    });

    // Grants last 65 s on this stack, so the player renews 5 s in; that renewal is refused.
    expectApiErrors(page, 403);
    await page.getByRole("heading", { name: "This video can't play" }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole("main").innerText()).toContain(
      "no longer available to this profile",
    );
    expect(await page.locator("video").count()).toBe(0);
  },
);
