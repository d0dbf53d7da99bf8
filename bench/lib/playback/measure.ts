/**
 * What bench:playback measures in a page. Cold starts and stalls are timed
 * inside the page itself (performance.now), so the benchmark's own round
 * trips do not count; the drop test times the page's requests as they are
 * reported here.
 */
import type { CDPSession, Locator, Page, Request } from "playwright-core";

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
 * Watches the page's media requests: which are in flight, and each video
 * segment request (init or media) with the rung's height, by the
 * `video/<height>p/` folder both players' URLs share. Times are this
 * process's clock (Date.now), like the drop's.
 */
function watchMedia(page: Page) {
  const inFlight = new Map<Request, number>();
  const video: { at: number; height: number; url: string }[] = [];
  const settle = (request: Request) => inFlight.delete(request);
  page.on("request", (request) => {
    const url = request.url();
    if (!MEDIA.test(url)) return;
    inFlight.set(request, Date.now());
    const height = heightOf(url);
    if (height !== undefined) video.push({ at: Date.now(), height, url });
  });
  page.on("requestfinished", settle);
  page.on("requestfailed", settle);
  return {
    video,
    /** Whether a request that started before `time` is still loading (held ones are not). */
    loadingFrom: (time: number, held: ReadonlySet<string>) =>
      [...inFlight].some(([request, startedAt]) => startedAt < time && !held.has(request.url())),
  };
}

/** The rung of a video request, by its `video/<height>p/` folder; undefined for others. */
function heightOf(url: string): number | undefined {
  const height = /\/video\/(\d+)p\//.exec(url)?.[1];
  return height === undefined ? undefined : Number(height);
}

/** Segment and init files of any rung or audio track, in either player's URLs. */
const MEDIA = /\/(video|audio)\/[^/]+\/[^/]+\.(m4s|mp4)(\?|$)/;

export interface DropResult {
  /** The rung of the last video request before the drop. */
  heightBefore: number;
  /** Seconds of film buffered ahead of the playhead when the link dropped. */
  bufferAtDrop: number;
  /** Video requests at the old rung or above made after the drop, before the first lower one. */
  oldRungRequests: number;
  /** Seconds from the drop to the first request for a lower rung, and that rung; null if none. */
  downSwitch: { seconds: number; height: number } | null;
  /** Seconds from the drop to the first video request after it. */
  firstRequestSeconds: number | null;
  /** Seconds stalled (waiting → playing) in the `observeSeconds` after the drop. */
  stallSeconds: number;
}

/**
 * When the link drops: after some seconds of playback (the buffer full),
 * or with the first request for the rung of `height` the player makes after
 * its first frame, which then loads under the drop (the buffer short: what
 * earlier, lower segments put in it), or after `withinSeconds` of playback if
 * it never asks for that rung.
 */
export type DropMoment = { playedSeconds: number } | { height: number; withinSeconds: number };

/**
 * With the video playing: waits for the drop's moment, drops the network to
 * `to`, and returns how long until the player requested a lower rung than
 * before (what the player chose; the rendition on screen follows a buffer
 * later), how many requests it made at the old rung first, and how long it
 * stalled in the `observeSeconds` after the drop.
 *
 * No request may be in flight when the drop is applied: when the DevTools
 * network conditions change, Chromium completes the requests in flight at
 * once, unthrottled (measured: 16 Mbit at 8 Mbps, re-set to 1 Mbps 0.5 s in,
 * arrived 0.52 s after it started), which would hand the player a free
 * segment and a wildly fast throughput sample just as the link drops. So
 * every media request passes through DevTools Fetch interception: from the
 * drop's moment new ones are held while those in flight finish, the drop is
 * applied, and the held ones go out under it. The drop happens at the end of
 * a transfer, the player's next request a few milliseconds late at most.
 */
export async function dropTest(
  page: Page,
  cdp: CDPSession,
  play: Locator,
  { at, to, observeSeconds }: { at: DropMoment; to: Network; observeSeconds: number },
): Promise<DropResult> {
  const media = watchMedia(page);
  let started = false;
  let holdingFrom: number | undefined;
  /** Whether the moment was the player asking for the rung of `at.height`. */
  let heldTheRung = false;
  let momentCame = () => {};
  const moment = new Promise<void>((resolve) => (momentCame = resolve));
  const holdFromNow = () => {
    holdingFrom ??= Date.now();
    momentCame();
  };
  const held = new Map<string, string>();
  const pass = (requestId: string) =>
    // Paused just as interception is being switched off: it may already have gone on.
    cdp.send("Fetch.continueRequest", { requestId }).catch(() => {});
  const paused = ({ requestId, request }: { requestId: string; request: { url: string } }) => {
    if (started && "height" in at && heightOf(request.url) === at.height && !holdingFrom) {
      heldTheRung = true;
      holdFromNow();
    }
    if (holdingFrom !== undefined) held.set(requestId, request.url);
    else void pass(requestId);
  };
  cdp.on("Fetch.requestPaused", paused);
  await cdp.send("Fetch.enable", {
    patterns: [{ urlPattern: "*/video/*" }, { urlPattern: "*/audio/*" }],
  });
  await play.click();
  const played = (seconds: number) =>
    page.waitForFunction(
      (least) => (document.querySelector("video")?.currentTime ?? 0) > least,
      seconds,
      { timeout: 120_000 },
    );
  if ("playedSeconds" in at) {
    await played(at.playedSeconds);
    holdFromNow();
  } else {
    await played(0);
    started = true;
    await Promise.race([moment, page.waitForTimeout(at.withinSeconds * 1000)]);
    holdFromNow();
  }
  await page.evaluate(() => {
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
  });
  const from = holdingFrom!;
  while (media.loadingFrom(from, new Set(held.values()))) await page.waitForTimeout(10);
  const bufferAtDrop = await page.evaluate(() => {
    const video = document.querySelector("video")!;
    const { buffered, currentTime } = video;
    for (let i = 0; i < buffered.length; i++) {
      if (buffered.start(i) <= currentTime + 0.1 && buffered.end(i) > currentTime) {
        return buffered.end(i) - currentTime;
      }
    }
    return 0;
  });
  const droppedAt = Date.now();
  await throttle(cdp, to);
  cdp.off("Fetch.requestPaused", paused);
  await cdp.send("Fetch.disable");
  await Promise.all([...held.keys()].map(pass));
  await page.waitForTimeout(Math.max(0, observeSeconds * 1000 - (Date.now() - droppedAt)));
  const stalledMs = await page.evaluate(() => {
    // A stall still going on counts up to now.
    const since = window.__waitingSince;
    return window.__stalledMs! + (since != null ? performance.now() - since : 0);
  });
  // Held requests went out under the drop: they count after it, from it.
  const heldUrls = new Set(held.values());
  const after = media.video.filter((request) => request.at >= from || heldUrls.has(request.url));
  const before = media.video.filter((request) => !after.includes(request));
  // The rung asked for last before the drop: the held one's, when that request was the moment.
  const heightBefore = "height" in at && heldTheRung ? at.height : (before.at(-1)?.height ?? 0);
  const sinceDrop = (at: number) => Math.max(0, at - droppedAt) / 1000;
  const lower = after.find((request) => request.height < heightBefore);
  return {
    heightBefore,
    bufferAtDrop,
    oldRungRequests: (lower ? after.slice(0, after.indexOf(lower)) : after).length,
    downSwitch: lower ? { seconds: sinceDrop(lower.at), height: lower.height } : null,
    firstRequestSeconds: after[0] ? sinceDrop(after[0].at) : null,
    stallSeconds: stalledMs / 1000,
  };
}
