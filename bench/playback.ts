/**
 * `npm run bench:playback`: the player in headless Chromium against a local
 * stack of its own, beside the same ladder played by stock hls.js from a
 * plain static file server, in the same run:
 *
 * - cold starts: a new browser context each time (empty cache), Play
 *   pressed → the video shows frames with time advancing; p50 and p95;
 * - the same, throttled to 3 Mbps and 80 ms of latency (Chromium's network
 *   emulation);
 * - two drops from 8 Mbps to 1 Mbps, no stall allowed in the 36 s after
 *   either (lib/playback/measure.ts says how a drop is applied):
 *   - short buffer: the player's first request for the top rung after its
 *     first frame loads under the drop, with the few seconds of film the
 *     lower rungs before it put in the buffer (under 8 s, or the case was not
 *     measured): a lower rung must be requested within 5 s of the drop, which
 *     takes abandoning that segment;
 *   - full buffer: after 16 s of play, with the buffer near its 30 s
 *     ceiling: the segment loading when the link drops may finish, but the
 *     very next request must be for a lower rung.
 *
 * The title is a generated 120 s 720p master (detailed motion, so the ladder
 * has four rungs) put through the real pipeline first. It must outlast the
 * drop: at the drop a 30 s buffer already holds film up to 46 s, and the
 * player has to keep requesting through the 36 s watched after it (a 60 s
 * film was wholly buffered by then, so nothing was requested at all).
 *
 *   npm run bench:playback                  # 20 cold starts per player
 *   npm run bench:playback -- --runs 5      # fewer
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Browser, BrowserContext, CDPSession, Page } from "playwright-core";
import { launchChromium } from "../e2e/chromium.ts";
import { startEphemeralStack } from "../scripts/local-stack.ts";
import { DEMO_ACCOUNTS } from "../scripts/seed.ts";
import {
  coldStart,
  dropTest,
  throttle,
  type DropMoment,
  type DropResult,
  type Network,
} from "./lib/playback/measure.ts";
import { copyLadder, serveLadder } from "./lib/playback/static-ladder.ts";
import { filmThroughPipeline } from "./lib/pipeline-film.ts";
import { startViewerPlayback } from "./lib/viewer-playback.ts";
import { fixed, printTable, ratio } from "./lib/table.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "20" } } });
const RUNS = Number(values.runs);
const THROTTLED_RUNS = Math.max(3, Math.round(RUNS / 4));
const THROTTLED: Network = { mbps: 3, latencyMs: 80 };
const FAST: Network = { mbps: 8, latencyMs: 20 };
const SLOW: Network = { mbps: 1, latencyMs: 20 };
const DEVICE_ID = "web-bench-playback";

const viewer = DEMO_ACCOUNTS.find((account) => account.email === "viewer@example.com")!;
const alex = viewer.profiles.find((profile) => profile.name === "Alex")!;

const FILM_SECONDS = 120;
/** The film's picture height: its ladder's top rung. */
const TOP_HEIGHT = 720;
const DROPS = [
  {
    name: "short buffer",
    at: { height: TOP_HEIGHT, withinSeconds: 10 },
    target: "under 8 s buffered; lower rung ≤ 5 s after the drop, no stall",
    met: (result: DropResult) =>
      result.bufferAtDrop < 8 &&
      result.downSwitch !== null &&
      result.downSwitch.seconds <= 5 &&
      result.stallSeconds === 0,
  },
  {
    name: "full buffer",
    at: { playedSeconds: 16 },
    target: "the request after the one in flight is lower, no stall",
    met: (result: DropResult) =>
      result.downSwitch !== null && result.oldRungRequests <= 1 && result.stallSeconds === 0,
  },
] as const;

/** A published film whose whole ladder is ready, made through the pipeline. */
const benchFilm = (baseUrl: string) =>
  filmThroughPipeline(baseUrl, {
    name: "Bench Playback",
    clipArgs: [
      ...["-f", "lavfi", "-i", `testsrc2=size=1280x720:rate=30:duration=${FILM_SECONDS}`],
      ...["-f", "lavfi", "-i", `sine=frequency=440:duration=${FILM_SECONDS}`],
      ...["-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p"],
      ...["-c:a", "aac", "-shortest"],
    ],
    until: "ready",
  });

/** The viewer's browser state: signed in as Alex, with one device id for every run. */
async function viewerState(browser: Browser, baseUrl: string) {
  const context = await browser.newContext({ baseURL: baseUrl });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(viewer.email);
  await page.getByLabel("Password").fill(viewer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: alex.name, exact: true }).click();
  await page.waitForURL(`${baseUrl}/`);
  // The same device every run: a new start replaces its own stream instead of hitting the limit.
  await page.evaluate((id) => localStorage.setItem("marquee:device-id", id), DEVICE_ID);
  const state = await context.storageState();
  await context.close();
  return state;
}

interface Player {
  name: string;
  /** A new context and page, ready to press Play. */
  open(network: Network | null): Promise<{
    page: Page;
    context: BrowserContext;
    /** The page's DevTools session, which throttles its network. */
    cdp: CDPSession;
    play: () => ReturnType<Page["locator"]>;
  }>;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function coldStarts(player: Player, runs: number, network: Network | null) {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const { page, context, play } = await player.open(network);
    times.push(await coldStart(page, play()));
    await context.close();
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function drop(player: Player, at: DropMoment) {
  const { page, context, cdp, play } = await player.open(FAST);
  const result = await dropTest(page, cdp, play(), { at, to: SLOW, observeSeconds: 36 });
  await context.close();
  return result;
}

/** "720p → 480p in 3.1 s", for the table. */
function describeSwitch({ heightBefore, downSwitch }: DropResult): string {
  return downSwitch === null
    ? `${heightBefore}p, none lower`
    : `${heightBefore}p → ${downSwitch.height}p in ${fixed(downSwitch.seconds)} s`;
}

const stack = await startEphemeralStack("bench-playback", { RATE_LIMIT_SCALE: "1000000" });
const browser = await launchChromium();
const copyDir = await mkdtemp(join(tmpdir(), "marquee-bench-playback-"));
try {
  console.log(`Making a ${FILM_SECONDS} s 720p film playable through the pipeline…`);
  const titleId = await benchFilm(stack.url);
  const state = await viewerState(browser, stack.url);
  const ladderDir = join(copyDir, "ladder");
  // A stream URL of the film for the viewer, through the API, to copy the ladder from.
  const playback = await startViewerPlayback(stack.url, titleId, DEVICE_ID);
  const files = await copyLadder(playback.hlsUrl, ladderDir);
  await playback.stop();
  const baselineServer = await serveLadder(ladderDir);
  console.log(
    `Copied the ladder (${files} files) for the static baseline at ${baselineServer.url}.`,
  );

  const openWith = async (baseURL: string, network: Network | null, storage?: typeof state) => {
    const context = await browser.newContext({
      baseURL,
      ...(storage ? { storageState: storage } : {}),
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    if (network) await throttle(cdp, network);
    return { context, page, cdp };
  };
  const marquee: Player = {
    name: "Marquee (api Worker, our player)",
    async open(network) {
      // Each run starts the film from the top: the previous run's position would make it Resume.
      const rewinding = await startViewerPlayback(stack.url, titleId, DEVICE_ID);
      await rewinding.rewind();
      await rewinding.stop();
      const { context, page, cdp } = await openWith(stack.url, network, state);
      await page.goto(`/title/${titleId}`);
      const play = () => page.getByRole("link", { name: "Play" });
      await play().waitFor();
      await page.waitForLoadState("networkidle");
      return { context, page, cdp, play };
    },
  };
  const baseline: Player = {
    name: "static files + stock hls.js (baseline)",
    async open(network) {
      const { context, page, cdp } = await openWith(baselineServer.url, network);
      await page.goto("/");
      await page.waitForLoadState("networkidle");
      return { context, page, cdp, play: () => page.locator("#play") };
    },
  };

  const rows = [];
  const dropRows = [];
  const results = new Map<string, Awaited<ReturnType<typeof coldStarts>>>();
  for (const player of [baseline, marquee]) {
    console.log(
      `${player.name}: ${RUNS} cold starts, ${THROTTLED_RUNS} throttled, ${DROPS.length} drops…`,
    );
    const cold = await coldStarts(player, RUNS, null);
    const throttled = await coldStarts(player, THROTTLED_RUNS, THROTTLED);
    results.set(player.name, cold);
    rows.push([
      player.name,
      fixed(cold.p50, 0),
      fixed(cold.p95, 0),
      fixed(throttled.p50, 0),
      fixed(throttled.p95, 0),
    ]);
    for (const { name, at, target, met } of DROPS) {
      const dropped = await drop(player, at);
      dropRows.push([
        player.name,
        name,
        fixed(dropped.bufferAtDrop),
        describeSwitch(dropped),
        String(dropped.oldRungRequests),
        fixed(dropped.stallSeconds, 2),
        `${met(dropped) ? "met" : "MISSED"}: ${target}`,
      ]);
    }
  }
  await baselineServer.stop();

  const ours = results.get(marquee.name)!;
  const theirs = results.get(baseline.name)!;
  console.log(
    `\nbench:playback — ${RUNS} cold starts per player (${THROTTLED_RUNS} throttled), same run`,
  );
  printTable(
    ["Player", "cold start p50 (ms)", "p95 (ms)", "3 Mbps/80 ms p50 (ms)", "p95 (ms)"],
    rows,
  );
  console.log("\n8 → 1 Mbps drops (stalls counted over the 36 s after the drop)");
  printTable(
    [
      "Player",
      "Drop",
      "Buffer at drop (s)",
      "Lower rung requested",
      "Requests at the old rung after the drop",
      "Stall (s)",
      "Verdict",
    ],
    dropRows,
  );
  console.log(
    `\ncold start p50 vs baseline: ${ratio(ours.p50, theirs.p50)} (target ≤ 1.25×, and < 500 ms)`,
  );
} finally {
  await browser.close();
  await stack.stop();
  await rm(copyDir, { recursive: true, force: true });
}
