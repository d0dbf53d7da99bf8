/**
 * Stream files from the edge cache (services/stream-files.ts,
 * storage/segment-cache.ts), against Miniflare's real Cache API and R2:
 * many viewers of one title cost R2 one read per file; the grant is checked
 * before the cache (an ended session or a rendition over the cap is refused
 * even when the file is cached); manifests and playlists are never cached;
 * ranges and ETags answer alike from the cache and from R2.
 */
import { env } from "cloudflare:workers";
import * as HLS from "hls-parser";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { assetKey } from "../../../lib/media/asset-layout.ts";
import { matchStreamFile, streamFileCacheKey } from "../src/storage/segment-cache.ts";
import { expectError, ORIGIN, request, staffToken, viewerToken } from "./helpers.ts";
import { loadDemoCatalog } from "./demo-catalog.ts";
import { playableFilm } from "./playback-fixture.ts";

let film: { titleId: string; assetId: string };

beforeAll(async () => {
  await loadDemoCatalog();
  film = await playableFilm((await staffToken("content_admin")).token);
});

interface Viewer {
  token: string;
  sessionId: string;
  /** `/api/stream/<grant>/`: a file's URL is this and its path. */
  base: string;
}

/** A new account playing the film: a grant and a session of its own (so no stream limit is hit). */
async function newViewer(body: Record<string, unknown> = {}): Promise<Viewer> {
  const { token } = await viewerToken();
  const started = await request("/api/playback", {
    token,
    body: { titleId: film.titleId, deviceId: `dev-${crypto.randomUUID()}`, ...body },
  });
  expect(started.status).toBe(201);
  const session = (await started.json()) as { token: string; sessionId: string };
  return { token, sessionId: session.sessionId, base: `/api/stream/${session.token}/` };
}

const fetchFile = (viewer: Viewer, path: string, headers: Record<string, string> = {}) =>
  request(`${viewer.base}${path}`, { headers });

const cacheOutcome = (response: Response) => response.headers.get("x-marquee-cache");

/** Whether the edge cache holds the file, looked up by asset and path alone. */
async function isCached(path: string): Promise<boolean> {
  const key = streamFileCacheKey(ORIGIN, film.assetId, path);
  const cached = await matchStreamFile(key, { range: null, ifNoneMatch: null });
  await cached?.body?.cancel();
  return cached !== undefined;
}

/** The cache is filled after the response (waitUntil); waits until it has landed. */
const filled = (path: string) => vi.waitFor(async () => expect(await isCached(path)).toBe(true));

async function r2Bytes(path: string): Promise<Uint8Array> {
  const object = await env.MEDIA.get(assetKey(film.assetId, path));
  return new Uint8Array(await object!.arrayBuffer());
}

describe("many viewers, one R2 read", () => {
  it("50 viewers of one segment: one miss, then 49 hits with R2's bytes", async () => {
    const path = "video/240p/seg-00001.m4s";
    const viewers = await Promise.all(Array.from({ length: 50 }, () => newViewer()));
    const stored = await r2Bytes(path);
    const etag = (await env.MEDIA.head(assetKey(film.assetId, path)))!.httpEtag;

    const first = await fetchFile(viewers[0]!, path);
    expect(first.status).toBe(200);
    expect(cacheOutcome(first)).toBe("miss");
    expect(new Uint8Array(await first.arrayBuffer())).toEqual(stored);
    await filled(path);

    const rest = await Promise.all(viewers.slice(1).map((viewer) => fetchFile(viewer, path)));
    const outcomes = [first, ...rest].map(cacheOutcome);
    expect(outcomes.filter((outcome) => outcome === "miss")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "hit")).toHaveLength(49);
    for (const response of rest) {
      expect(response.status).toBe(200);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(stored);
      // The headers a viewer got from R2, from the cache too.
      expect(response.headers.get("content-type")).toBe("video/iso.segment");
      expect(response.headers.get("content-length")).toBe(String(stored.byteLength));
      expect(response.headers.get("etag")).toBe(etag);
      expect(response.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
      expect(response.headers.get("accept-ranges")).toBe("bytes");
      expect(response.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    }

    // A hit reads nothing from R2: with the object gone from R2, the cached copy still serves.
    await env.MEDIA.delete(assetKey(film.assetId, path));
    const afterDelete = await fetchFile(viewers[7]!, path);
    expect(cacheOutcome(afterDelete)).toBe("hit");
    expect(new Uint8Array(await afterDelete.arrayBuffer())).toEqual(stored);
  }, 120_000);

  it("keys the cache by asset and path alone: another grant, a CMCD query, the same entry", async () => {
    const path = "audio/a0-en/init.mp4";
    const [one, two] = await Promise.all([newViewer(), newViewer()]);
    expect(cacheOutcome(await fetchFile(one!, path))).toBe("miss");
    await filled(path);
    const withCmcd = await fetchFile(two!, `${path}?CMCD=bl%3D21300%2Cot%3Di`);
    expect(cacheOutcome(withCmcd)).toBe("hit");
    // Audio is still served as audio from the cache.
    expect(withCmcd.headers.get("content-type")).toBe("audio/mp4");
    expect(await withCmcd.text()).toBe("init of a0-en");
  });
});

describe("the grant is checked before the cache", () => {
  it("an ended session gets 403 with the JSON error body for a cached segment", async () => {
    const path = "video/240p/seg-00000.m4s";
    const [other, ending] = await Promise.all([newViewer(), newViewer()]);
    await fetchFile(other!, path);
    await filled(path);
    expect(cacheOutcome(await fetchFile(ending!, path))).toBe("hit");

    const stopped = await request(`/api/playback/${ending!.sessionId}`, {
      method: "DELETE",
      token: ending!.token,
    });
    expect(stopped.status).toBe(204);
    // The stream route remembers a live session for at most 2 s.
    await new Promise((wait) => setTimeout(wait, 2_100));
    const refused = await fetchFile(ending!, path);
    expect(cacheOutcome(refused)).toBeNull();
    await expectError(refused, 403, "stream_forbidden");
    // Still cached, and still served to a viewer whose session is on.
    expect(cacheOutcome(await fetchFile(other!, path))).toBe("hit");
  });

  it("a rendition above the viewer's cap: 403, though another viewer's grant put it in the cache", async () => {
    const path = "video/720p/seg-00000.m4s";
    const [hd, capped] = await Promise.all([newViewer(), newViewer({ deviceMaxHeight: 240 })]);
    expect((await fetchFile(hd!, path)).status).toBe(200);
    await filled(path);
    expect(cacheOutcome(await fetchFile(hd!, path))).toBe("hit");
    const refused = await fetchFile(capped!, path);
    expect(cacheOutcome(refused)).toBeNull();
    await expectError(refused, 403, "stream_forbidden");
    // The same refusal with a range or a validator: nothing reaches the cache.
    await expectError(await fetchFile(capped!, path, { range: "bytes=0-3" }), 403);
    await expectError(await fetchFile(capped!, path, { "if-none-match": "*" }), 403);
  });
});

describe("manifests and playlists are never cached", () => {
  it("the HLS master and the DASH MPD are filtered per viewer on every request", async () => {
    const [full, capped] = await Promise.all([newViewer(), newViewer({ deviceMaxHeight: 240 })]);
    const heights = async (viewer: Viewer) => {
      const response = await fetchFile(viewer, "master.m3u8");
      expect(cacheOutcome(response)).toBe("bypass");
      expect(response.headers.get("cache-control")).toBe("private, no-cache");
      const master = HLS.parse(await response.text()) as HLS.types.MasterPlaylist;
      return master.variants.map((variant) => variant.resolution?.height);
    };
    // The full ladder first: a shared copy would hand it to the capped viewer next.
    expect(await heights(full!)).toEqual([240, 720, 1080]);
    expect(await heights(capped!)).toEqual([240]);
    expect(await heights(full!)).toEqual([240, 720, 1080]);
    for (const viewer of [full!, capped!, full!]) {
      const mpd = await fetchFile(viewer, "manifest.mpd");
      expect(cacheOutcome(mpd)).toBe("bypass");
      const shown = [...(await mpd.text()).matchAll(/height="(\d+)"/g)].map((m) => m[1]);
      expect(shown).toEqual(viewer === capped ? ["240"] : ["240", "720", "1080"]);
    }
    expect(await isCached("master.m3u8")).toBe(false);
    expect(await isCached("manifest.mpd")).toBe(false);
  });

  it("a media playlist that grows is read afresh from R2 every time", async () => {
    const path = "audio/a0-en/index.m3u8";
    const viewer = await newViewer();
    const before = await fetchFile(viewer, path);
    expect(cacheOutcome(before)).toBe("bypass");
    expect(before.headers.get("cache-control")).toBe("private, no-cache");
    const text = await before.text();
    // A chunk lands while the title encodes: the playlist gains a segment.
    const grown = text.replace("#EXT-X-ENDLIST", "#EXTINF:4,\nseg-00003.m4s\n#EXT-X-ENDLIST");
    expect(grown).not.toBe(text);
    await env.MEDIA.put(assetKey(film.assetId, path), grown);
    const after = await fetchFile(viewer, path);
    expect(cacheOutcome(after)).toBe("bypass");
    expect(await after.text()).toBe(grown);
    expect(await isCached(path)).toBe(false);
  });
});

describe("byte ranges and ETags, from R2 and from the cache alike", () => {
  it("a Range request: 206 with its bytes on a miss and on a hit", async () => {
    const path = "video/240p/seg-00002.m4s"; // "segment 2 of 240p", 17 bytes
    const viewer = await newViewer();
    const miss = await fetchFile(viewer, path, { range: "bytes=2-8" });
    expect(cacheOutcome(miss)).toBe("miss");
    expect(miss.status).toBe(206);
    expect(miss.headers.get("content-range")).toBe("bytes 2-8/17");
    expect(miss.headers.get("content-length")).toBe("7");
    expect(await miss.text()).toBe("gment 2");
    // The miss read the whole file once and cached it whole, not the range.
    await filled(path);
    const whole = await fetchFile(viewer, path);
    expect(cacheOutcome(whole)).toBe("hit");
    expect(await whole.text()).toBe("segment 2 of 240p");

    for (const [range, contentRange, bytes] of [
      ["bytes=2-8", "bytes 2-8/17", "gment 2"],
      ["bytes=13-", "bytes 13-16/17", "240p"],
      ["bytes=-3", "bytes 14-16/17", "40p"],
    ] as const) {
      const hit = await fetchFile(viewer, path, { range });
      expect(cacheOutcome(hit)).toBe("hit");
      expect(hit.status).toBe(206);
      expect(hit.headers.get("content-range")).toBe(contentRange);
      expect(hit.headers.get("content-length")).toBe(String(bytes.length));
      expect(hit.headers.get("content-type")).toBe("video/iso.segment");
      expect(await hit.text()).toBe(bytes);
    }
  });

  it("a range past the end: 416 with the file's size, on a miss and on a hit", async () => {
    const path = "audio/a0-en/seg-00002.m4s"; // "segment 2 of a0-en", 18 bytes
    const viewer = await newViewer();
    const miss = await fetchFile(viewer, path, { range: "bytes=100-" });
    expect(cacheOutcome(miss)).toBe("miss");
    expect(miss.headers.get("content-range")).toBe("bytes */18");
    await expectError(miss, 416, "range_not_satisfiable");
    await filled(path);
    const hit = await fetchFile(viewer, path, { range: "bytes=100-" });
    expect(cacheOutcome(hit)).toBe("hit");
    expect(hit.headers.get("content-range")).toBe("bytes */18");
    await expectError(hit, 416, "range_not_satisfiable");
  });

  it("If-None-Match with the ETag: 304 on a miss (which still fills the cache) and on a hit", async () => {
    const path = "video/240p/init.mp4";
    const etag = (await env.MEDIA.head(assetKey(film.assetId, path)))!.httpEtag;
    const viewer = await newViewer();
    const miss = await fetchFile(viewer, path, { "if-none-match": etag });
    expect(cacheOutcome(miss)).toBe("miss");
    expect(miss.status).toBe(304);
    expect(miss.headers.get("etag")).toBe(etag);
    await filled(path);

    const hit = await fetchFile(viewer, path, { "if-none-match": etag });
    expect(cacheOutcome(hit)).toBe("hit");
    expect(hit.status).toBe(304);
    expect(hit.headers.get("etag")).toBe(etag);
    expect(hit.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    expect(await hit.text()).toBe("");

    const changed = await fetchFile(viewer, path, { "if-none-match": '"another-version"' });
    expect(cacheOutcome(changed)).toBe("hit");
    expect(changed.status).toBe(200);
    expect(await changed.text()).toBe("init of 240p");
  });
});
