/**
 * The stream route (`GET /api/stream/<grant>/<path>`), which the generated
 * bad-input suite cannot reach (its path holds a file path, outside the
 * OpenAPI document): malformed and hostile paths answer a 4xx with the JSON
 * error body, any origin may read what a grant allows (without cookies),
 * and audio is served as audio. Grant and session refusals are in
 * playback.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectError, request, staffToken, viewerToken } from "./helpers.ts";
import { loadDemoCatalog } from "./demo-catalog.ts";
import { playableFilm } from "./playback-fixture.ts";

let base: string;

beforeAll(async () => {
  await loadDemoCatalog();
  const admin = (await staffToken("content_admin")).token;
  const film = await playableFilm(admin);
  const viewer = await viewerToken();
  const started = await request("/api/playback", {
    token: viewer.token,
    body: { titleId: film.titleId, deviceId: "stream-route-tests" },
  });
  expect(started.status).toBe(201);
  const { token } = (await started.json()) as { token: string };
  base = `/api/stream/${token}`;
});

const OTHER_SITE = "https://player.example";

describe("bad paths get a 4xx and the JSON error body", () => {
  it("a malformed percent-escape: 400", async () => {
    await expectError(await request(`${base}/video/240p/seg-%E0%A4%A.m4s`), 400, "invalid_path");
    await expectError(await request(`${base}/video/240p/%`), 400, "invalid_path");
  });

  it("a path that climbs out of the asset through escaped slashes: 404", async () => {
    // (Plain and escaped dot segments never arrive: URL parsing resolves them first.)
    await expectError(await request(`${base}/video%2F..%2F..%2Fother%2Fmaster.m3u8`), 404);
    await expectError(await request(`${base}/..%2Fmaster.m3u8`), 404);
  });

  it("a file type the pipeline never writes, or no file at all: 404", async () => {
    await expectError(await request(`${base}/video/240p/index.html`), 404);
    await expectError(await request(`${base}/`), 404);
    await expectError(await request(`${base}/video/240p/seg-09999.m4s`), 404);
  });

  it("a grant that is not a grant: 403", async () => {
    await expectError(
      await request("/api/stream/not-a-grant/master.m3u8"),
      403,
      "stream_forbidden",
    );
  });

  it("a method other than GET and HEAD: 404 with the error body", async () => {
    await expectError(await request(`${base}/master.m3u8`, { method: "DELETE" }), 404);
    await expectError(await request(`${base}/master.m3u8`, { body: {} }), 404);
  });
});

describe("any origin plays what a grant allows", () => {
  it("answers another site's request with Access-Control-Allow-Origin *, never with credentials", async () => {
    const response = await request(`${base}/master.m3u8`, { headers: { origin: OTHER_SITE } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    expect(response.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
  });

  it("answers a preflight for a byte range, and exposes the range headers", async () => {
    const preflight = await request(`${base}/video/240p/seg-00000.m4s`, {
      method: "OPTIONS",
      headers: {
        origin: OTHER_SITE,
        "access-control-request-method": "GET",
        "access-control-request-headers": "range",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("range");
    const ranged = await request(`${base}/video/240p/seg-00000.m4s`, {
      headers: { origin: OTHER_SITE, range: "bytes=0-9" },
    });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("access-control-expose-headers")).toContain("Content-Range");
  });

  it("refuses another site as before everywhere else in the API", async () => {
    const response = await request("/api/titles", { headers: { origin: OTHER_SITE } });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("a refusal reaches another site's player too, so it can show why", async () => {
    const response = await request("/api/stream/not-a-grant/master.m3u8", {
      headers: { origin: OTHER_SITE },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("content types", () => {
  it("serves audio as audio/mp4 and video as video", async () => {
    const audioInit = await request(`${base}/audio/a0-en/init.mp4`);
    expect(audioInit.headers.get("content-type")).toBe("audio/mp4");
    const audioSegment = await request(`${base}/audio/a0-en/seg-00000.m4s`);
    expect(audioSegment.headers.get("content-type")).toBe("audio/mp4");
    const videoSegment = await request(`${base}/video/240p/seg-00000.m4s`);
    expect(videoSegment.headers.get("content-type")).toBe("video/iso.segment");
  });
});

describe("CMCD rides along and never costs a segment", () => {
  // Analytics Engine has no local read path, so what is recorded is checked in lib/qoe/cmcd.test.ts;
  // here, that a request carrying CMCD (well-formed or not) is served as it would be without.
  it.each([
    ["well-formed", "bl%3D21300%2Cbr%3D250%2Cmtp%3D25400%2Cot%3Dv%2Csid%3D%22someone%22"],
    ["malformed", "%22%3D%3D%2C%2C"],
    ["empty", ""],
  ])("%s CMCD on a video segment: 200 with its bytes", async (_, cmcd) => {
    const plain = await request(`${base}/video/240p/seg-00000.m4s`);
    const withCmcd = await request(`${base}/video/240p/seg-00000.m4s?CMCD=${cmcd}`);
    expect(withCmcd.status).toBe(200);
    expect(new Uint8Array(await withCmcd.arrayBuffer())).toEqual(
      new Uint8Array(await plain.arrayBuffer()),
    );
  });
});
