/** What the browser tests read of the player's <video>, and how they start a title from its top. */
import type { Page } from "playwright-core";

export const currentTime = (page: Page) =>
  page.locator("video").evaluate((video: HTMLVideoElement) => video.currentTime);

/** Waits until the video plays past `seconds`. */
export const playsPast = (page: Page, seconds: number) =>
  page.waitForFunction(
    (after) => {
      const video = document.querySelector("video");
      return video !== null && !video.paused && video.currentTime > after;
    },
    seconds,
    { timeout: 20_000 },
  );

/**
 * On the player page: waits until the title plays, from its start. A title
 * this profile watched in an earlier test is offered from where it stopped,
 * so Start over is pressed when offered.
 */
export async function playFromStart(page: Page): Promise<void> {
  const startOver = page.getByRole("button", { name: "Start over" });
  const started = playsPast(page, 0.5);
  await Promise.race([started, startOver.waitFor().then(() => startOver.click())]);
  await started;
}
