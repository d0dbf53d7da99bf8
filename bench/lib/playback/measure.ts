/**
 * What bench:playback measures in a page, timed inside the page itself
 * (performance.now), so the benchmark's own round trips do not count.
 */
import type { CDPSession, Locator, Page } from "playwright-core";

declare global {
  interface Window {
    __clickAt?: number;
    __stalledMs?: number;
    __waitingSince?: number | null;
  }
}

/** Milliseconds from clicking `play` to the video showing frames with time advancing. */
export async function coldStart(page: Page, play: Locator): Promise<number> {
  await page.evaluate(() => {
    document.addEventListener("click", () => (window.__clickAt = performance.now()), {
      capture: true,
      once: true,
    });
  });
  await play.click();
  const started = await page.waitForFunction(
    () => {
      const video = document.querySelector("video");
      const clickAt = window.__clickAt;
      return video && clickAt !== undefined && !video.paused && video.currentTime > 0
        ? performance.now() - clickAt
        : false;
    },
    null,
    { polling: "raf", timeout: 60_000 },
  );
  return (await started.jsonValue()) as number;
}

export interface Network {
  /** Megabits per second down (and up). */
  mbps: number;
  latencyMs: number;
}

/** Throttles the page's network with Chromium's own emulation (DevTools protocol). */
export async function throttle(cdp: CDPSession, { mbps, latencyMs }: Network): Promise<void> {
  const bytesPerSecond = (mbps * 1e6) / 8;
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: latencyMs,
    downloadThroughput: bytesPerSecond,
    uploadThroughput: bytesPerSecond,
  });
}

/**
 * With the video playing: waits for `playedSeconds` of playback, drops the
 * network to `to`, and returns how long until the player chose a lower
 * rendition (`data-chosen-height` on the video) and how long it stalled in
 * the `observeSeconds` after the drop.
 */
export async function dropTest(
  page: Page,
  cdp: CDPSession,
  {
    playedSeconds,
    to,
    observeSeconds,
  }: { playedSeconds: number; to: Network; observeSeconds: number },
): Promise<{ downSwitchSeconds: number | null; stallSeconds: number; heightBefore: number }> {
  await page.waitForFunction(
    (seconds) => (document.querySelector("video")?.currentTime ?? 0) > seconds,
    playedSeconds,
    { timeout: 120_000 },
  );
  const heightBefore = await page.evaluate(() => {
    const video = document.querySelector("video")!;
    // Stalls: the time between "waiting" and the next "playing".
    window.__stalledMs = 0;
    window.__waitingSince = null;
    video.addEventListener("waiting", () => (window.__waitingSince = performance.now()));
    video.addEventListener("playing", () => {
      const since = window.__waitingSince;
      if (since != null) window.__stalledMs! += performance.now() - since;
      window.__waitingSince = null;
    });
    return Number(video.dataset.chosenHeight ?? 0);
  });
  await throttle(cdp, to);
  const droppedAt = await page.evaluate(() => performance.now());
  const lower = await page
    .waitForFunction(
      (before) => {
        const chosen = Number(document.querySelector("video")?.dataset.chosenHeight ?? 0);
        return chosen > 0 && chosen < before ? performance.now() : false;
      },
      heightBefore,
      { polling: 50, timeout: observeSeconds * 1000 },
    )
    .then(async (handle) => (((await handle.jsonValue()) as number) - droppedAt) / 1000)
    .catch(() => null);
  const elapsed = (await page.evaluate(() => performance.now())) - droppedAt;
  await page.waitForTimeout(Math.max(0, observeSeconds * 1000 - elapsed));
  const stalledMs = await page.evaluate(() => {
    // A stall still going on counts up to now.
    const since = window.__waitingSince;
    return window.__stalledMs! + (since != null ? performance.now() - since : 0);
  });
  return { downSwitchSeconds: lower, stallSeconds: stalledMs / 1000, heightBefore };
}
