/**
 * Detected markers, end to end, on the demo series as `npm run dev` makes
 * it (scripts/demo-media): its three generated episodes go through the
 * real pipeline, the markers task finds each one's credits and the shared
 * intro's audio, the ingest Worker matches the season, and the player
 * offers Skip Intro at the intro's second and the next episode at the
 * credits.
 */
import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { adminApi, allJobs, type AdminApi } from "../scripts/admin-api.ts";
import { generateDemoClips } from "../scripts/demo-media/clips.ts";
import { DEMO_EPISODE_CLIPS, episodeLayout } from "../scripts/demo-media/episode-clips.ts";
import {
  attachDemoEpisodes,
  demoTitles,
  uploadDemoEpisodes,
  type DemoEpisodeJob,
} from "../scripts/demo-media/ingest.ts";
import { baseUrl, browserTest } from "./browser-test.ts";
import { DEMO_VIEWER, pickProfile, signIn } from "./flows.ts";
import { clipDir } from "./media-clips.ts";
import { currentTime, playFromStart } from "./video-playback.ts";

interface Marker {
  startSeconds: number;
  endSeconds: number | null;
  confidence: number;
  source: "detected" | "admin";
}
interface VideoMarkers {
  detected: { intro: Marker | null; recap: Marker | null; credits: Marker | null };
}

let api: AdminApi;
let episodes: DemoEpisodeJob[];
const detected: VideoMarkers["detected"][] = [];

/** Each episode's detected markers, once the intro and the credits are there for all of them. */
async function waitForDetection(): Promise<VideoMarkers["detected"][]> {
  const deadline = Date.now() + 240_000;
  for (;;) {
    const found = await Promise.all(
      episodes.map(async ({ episodeId }) =>
        api
          .call<VideoMarkers>("GET", `/api/admin/catalog/episodes/${episodeId}/markers`)
          .then((markers) => markers.detected),
      ),
    );
    if (found.every((markers) => markers.intro && markers.credits)) return found;
    if (Date.now() > deadline) throw new Error(`markers not detected: ${JSON.stringify(found)}`);
    await new Promise((wait) => setTimeout(wait, 2000));
  }
}

beforeAll(async () => {
  if (!baseUrl) return;
  api = await adminApi(baseUrl);
  await generateDemoClips(clipDir, DEMO_EPISODE_CLIPS);
  episodes = await uploadDemoEpisodes(api, clipDir, await demoTitles(api), await allJobs(api));
  await attachDemoEpisodes(api, episodes);
  detected.push(...(await waitForDetection()));
}, 420_000);

it.runIf(baseUrl)("detects each episode's intro and credits within a second", () => {
  expect(episodes).toHaveLength(DEMO_EPISODE_CLIPS.length);
  detected.forEach((markers, i) => {
    const layout = episodeLayout(i + 1);
    expect(Math.abs(markers.intro!.startSeconds - layout.intro.startSeconds)).toBeLessThan(1);
    expect(Math.abs(markers.intro!.endSeconds! - layout.intro.endSeconds)).toBeLessThan(1);
    expect(markers.intro!.confidence).toBeGreaterThan(0.8);
    expect(Math.abs(markers.credits!.startSeconds - layout.creditsStartSeconds)).toBeLessThan(1);
  });
});

/** The viewer watching the demo series' second episode from its start. */
async function watchSecondEpisode(page: Page) {
  await signIn(page, DEMO_VIEWER);
  await pickProfile(page, "Alex");
  const { seriesId, episodeId } = episodes[1]!;
  await page.goto(`/watch/${seriesId}?episode=${episodeId}`);
  await playFromStart(page);
}

browserTest(
  "Skip Intro shows at the detected intro's second and jumps past it",
  async ({ page }) => {
    const { intro } = episodeLayout(2);
    await watchSecondEpisode(page);
    const skip = page.getByRole("button", { name: "Skip Intro" });
    await skip.waitFor({ timeout: 30_000 });
    const shownAt = await currentTime(page);
    expect(Math.abs(shownAt - intro.startSeconds)).toBeLessThan(1);
    await skip.click();
    await expect.poll(() => currentTime(page)).toBeGreaterThanOrEqual(intro.endSeconds - 1);
    await skip.waitFor({ state: "hidden" });
  },
);

browserTest("the next episode's countdown starts at the detected credits", async ({ page }) => {
  const { creditsStartSeconds } = episodeLayout(2);
  await watchSecondEpisode(page);
  await expect.poll(() => currentTime(page), { timeout: 30_000 }).toBeGreaterThan(0);
  await page
    .locator("video")
    .evaluate((video: HTMLVideoElement, at) => (video.currentTime = at), creditsStartSeconds - 3);
  await page.getByText(/Next episode in \d+ s/).waitFor({ timeout: 20_000 });
  const shownAt = await currentTime(page);
  expect(Math.abs(shownAt - creditsStartSeconds)).toBeLessThan(1);
});
