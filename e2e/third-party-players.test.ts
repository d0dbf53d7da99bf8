/**
 * Playable from any player: stock hls.js and stock dash.js (default
 * configuration, nothing of ours) on a page served from another origin play
 * a signed stream, as a customer's own site would with a Cloudflare Stream
 * or Mux signed URL. The grant in the URL is the credential; the stream
 * route answers any origin without cookies (corsForStreams).
 */
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect } from "vitest";
import { baseUrl, browserTest } from "./browser-test.ts";
import { call, newViewer, playableFilm } from "./qoe-views.ts";

const require = createRequire(import.meta.url);
const SCRIPTS: Record<string, Buffer> = {
  "/hls.min.js": readFileSync(require.resolve("hls.js/dist/hls.min.js")),
  // dash.js exports its UMD build (dist/modern/umd/dash.all.min.js) as the package's `require` entry.
  "/dash.all.min.js": readFileSync(require.resolve("dashjs")),
};

/** A page that plays `?src=` with `?player=hls|dash`, the way each library's README shows. */
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Another site</title></head>
<body>
<video id="video" muted autoplay playsinline></video>
<script src="/hls.min.js"></script>
<script src="/dash.all.min.js"></script>
<script>
  const params = new URLSearchParams(location.search);
  const video = document.getElementById("video");
  if (params.get("player") === "dash") {
    dashjs.MediaPlayer().create().initialize(video, params.get("src"), true);
  } else {
    const hls = new Hls();
    hls.loadSource(params.get("src"));
    hls.attachMedia(video);
  }
</script>
</body></html>`;

let otherSite: Server;
let otherOrigin: string;
let stream: { hlsUrl: string; dashUrl: string };

beforeAll(async () => {
  if (!baseUrl) return;
  otherSite = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    const script = SCRIPTS[path];
    response.writeHead(200, {
      "content-type": script ? "text/javascript" : "text/html; charset=utf-8",
    });
    response.end(script ?? PAGE);
  });
  await new Promise<void>((resolve) => otherSite.listen(0, "127.0.0.1", resolve));
  otherOrigin = `http://127.0.0.1:${(otherSite.address() as AddressInfo).port}`;

  const titleId = await playableFilm(baseUrl, "Third-Party Players");
  const token = await newViewer(baseUrl);
  const started = await call<{ hlsUrl: string; dashUrl: string }>(
    baseUrl,
    "POST",
    "/api/playback",
    { token, body: { titleId, deviceId: "third-party-site" } },
  );
  stream = { hlsUrl: `${baseUrl}${started.hlsUrl}`, dashUrl: `${baseUrl}${started.dashUrl}` };
}, 240_000);

afterAll(() => otherSite?.close());

for (const player of ["hls", "dash"] as const) {
  browserTest(
    `stock ${player === "hls" ? "hls.js" : "dash.js"} on another origin plays a signed stream`,
    async ({ page }) => {
      expect(new URL(otherOrigin).origin).not.toBe(new URL(baseUrl!).origin);
      const src = player === "hls" ? stream.hlsUrl : stream.dashUrl;
      await page.goto(`${otherOrigin}/?player=${player}&src=${encodeURIComponent(src)}`);
      await page.waitForFunction(
        () => {
          const video = document.querySelector("video");
          return video !== null && !video.paused && video.currentTime > 1;
        },
        null,
        { timeout: 30_000 },
      );
      // The video is the stream's: its picture is the film's, not an empty element.
      const size = await page
        .locator("video")
        .evaluate((video: HTMLVideoElement) => [video.videoWidth, video.videoHeight]);
      expect(size[0]).toBeGreaterThan(0);
      expect(size[1]).toBeGreaterThan(0);
    },
  );
}
