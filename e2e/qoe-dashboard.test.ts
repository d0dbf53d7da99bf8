/**
 * QoE from the player to the dashboard: a viewer plays a title and leaves;
 * the player's own QoE batches (read off the wire) carry the view's startup
 * time; then an admin opens the QoE dashboard for that title and sees that
 * startup time as the p50 (one view, so its median is itself, within the
 * histogram's 2 %, shown exactly as the dashboard formats it).
 */
import { beforeAll, expect } from "vitest";
import type { QoeEvent } from "../lib/qoe/events.ts";
import { bucketOf, bucketValue } from "../lib/qoe/histogram.ts";
import { adminApi, filmFromMaster } from "../scripts/admin-api.ts";
import { formatMs } from "../web/src/util/format-metric.ts";
import { baseUrl, browserTest } from "./browser-test.ts";
import { DEMO_ADMIN, DEMO_VIEWER, pickProfile, signIn } from "./flows.ts";
import { testPattern } from "./media-clips.ts";

let titleId: string;

beforeAll(async () => {
  if (!baseUrl) return;
  const api = await adminApi(baseUrl);
  const clip = await testPattern(`qoe-${crypto.randomUUID()}.mp4`, 30);
  titleId = await filmFromMaster(api, "QoE Test", clip, { timeoutMs: 120_000 });
}, 180_000);

browserTest(
  "play a title, then the admin QoE dashboard shows that view's startup time",
  { timeout: 90_000 },
  async ({ page }) => {
    // The periodic batches go with fetch, whose bodies the browser shows; the last one with
    // sendBeacon, whose (Blob) body it does not, so that one is only counted.
    const sent: QoeEvent[] = [];
    let batches = 0;
    page.on("request", (request) => {
      if (!request.url().endsWith("/api/qoe/events")) return;
      batches += 1;
      const body = JSON.parse(request.postData() ?? "{}") as { events?: QoeEvent[] };
      sent.push(...(body.events ?? []));
    });

    await signIn(page, DEMO_VIEWER);
    await pickProfile(page, "Alex");
    await page.goto(`/title/${titleId}`);
    await page.getByRole("link", { name: "Play", exact: true }).click();
    // The first periodic batch (10 s in) carries the first frame.
    await expect
      .poll(() => sent.some((event) => event.type === "first_frame"), { timeout: 20_000 })
      .toBe(true);
    // Leaving the player (back to the title) ends the view: its last batch goes with sendBeacon.
    const before = batches;
    await page.goBack();
    await expect.poll(() => batches, { timeout: 10_000 }).toBeGreaterThan(before);
    const firstFrames = sent.filter((event) => event.type === "first_frame");
    expect(firstFrames).toHaveLength(1);
    const startupMs = firstFrames[0]!.startupMs;
    expect(startupMs).toBeGreaterThan(0);

    await page.context().clearCookies();
    await signIn(page, DEMO_ADMIN);
    await pickProfile(page, "Admin");
    await page.goto(`/admin/qoe?titleId=${titleId}`);
    const tile = page.getByRole("group", { name: "Startup time p50" });
    // The batches are applied as they arrive; the dashboard refreshes itself.
    await expect
      .poll(() => tile.textContent(), { timeout: 45_000 })
      .toContain(formatMs(bucketValue(bucketOf(startupMs))));
    // The tile's value is the paragraph after its label.
    const views = page.getByRole("group", { name: "Views" }).locator("p").nth(1);
    expect(await views.textContent()).toBe("1");
  },
);
