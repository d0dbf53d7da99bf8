/**
 * Playback: starting a session (maturity, stream limit, grants), the stream
 * route's checks (forged, wrong key, expired, another asset, another
 * profile, ended session, over the quality cap), per-plan manifests,
 * progress across devices, and the ABR policy and QoE view token a
 * session gets from the profile's experiments.
 */
import { env } from "cloudflare:workers";
import * as HLS from "hls-parser";
import { SignJWT } from "jose";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { generateSigningKey, tokenKeys } from "../../../lib/auth/signed-token.ts";
import { signPlaybackGrant, verifyPlaybackGrant } from "../../../lib/playback/grant.ts";
import { verifyViewToken } from "../../../lib/qoe/view-token.ts";
import { exposureCounts, exposureOf } from "../src/storage/experiment-exposures.ts";
import {
  expectError,
  kidsSessionToken,
  request,
  resetTokenFor,
  staffToken,
  viewerToken,
  type TestAccount,
} from "./helpers.ts";
import { loadDemoCatalog } from "./demo-catalog.ts";
import {
  experimentAdmin,
  IPHONE,
  runExperiment,
  stopRunningExperiments,
  variants,
  viewersIn,
} from "./experiment-fixture.ts";
import { createMovie } from "./movie-fixture.ts";
import { playableFilm } from "./playback-fixture.ts";

let admin: string;
let film: { titleId: string; assetId: string };

beforeAll(async () => {
  await loadDemoCatalog();
  admin = (await staffToken("content_admin")).token;
  film = await playableFilm(admin);
});

interface Session {
  sessionId: string;
  warmUrls: string[];
  token: string;
  hlsUrl: string;
  dashUrl: string;
  resumePositionSeconds: number;
  maxHeight: number;
}

const device = () => `dev-${crypto.randomUUID().slice(0, 12)}`;
const ANDROID_CHROME =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";

async function start(token: string, body: Record<string, unknown> = {}) {
  return request("/api/playback", {
    token,
    body: { titleId: film.titleId, deviceId: device(), ...body },
  });
}

async function started(token: string, body: Record<string, unknown> = {}): Promise<Session> {
  const response = await start(token, body);
  expect(response.status).toBe(201);
  return (await response.json()) as Session;
}

const setPlan = (account: TestAccount, plan: string) =>
  env.DB.prepare("update accounts set plan = ? where id = ?").bind(plan, account.accountId).run();

/** A viewer on `plan` (the plan is read at sign-in, so sign in after changing it). */
async function viewerOn(plan: "basic" | "standard" | "premium") {
  const viewer = await viewerToken();
  await setPlan(viewer.account, plan);
  const again = await request("/api/auth/login", {
    body: { email: viewer.account.email, password: viewer.account.password, tokenDelivery: "body" },
  });
  const access = ((await again.json()) as { tokens: { accessToken: string } }).tokens.accessToken;
  const selected = await request(`/api/profiles/${viewer.profileId}/select`, {
    token: access,
    body: {},
  });
  const token = ((await selected.json()) as { tokens: { accessToken: string } }).tokens.accessToken;
  return { ...viewer, token };
}

const fetchStream = (url: string, headers: Record<string, string> = {}) =>
  request(url, { headers });

describe("startPlayback", () => {
  it("opens a session with signed HLS and DASH URLs that play", async () => {
    const { token } = await viewerToken();
    const session = await started(token);
    expect(session.hlsUrl).toBe(`/api/stream/${session.token}/master.m3u8`);
    // The lowest rung's and the audio's first files, to fetch alongside the master.
    expect(session.warmUrls).toEqual(
      [
        "video/240p/index.m3u8",
        "video/240p/init.mp4",
        "video/240p/seg-00000.m4s",
        "audio/a0-en/index.m3u8",
        "audio/a0-en/init.mp4",
        "audio/a0-en/seg-00000.m4s",
      ].map((path) => `/api/stream/${session.token}/${path}`),
    );
    for (const url of session.warmUrls) expect((await fetchStream(url)).status).toBe(200);
    expect(session.resumePositionSeconds).toBe(0);
    const master = await fetchStream(session.hlsUrl);
    expect(master.status).toBe(200);
    expect(master.headers.get("content-type")).toBe("application/vnd.apple.mpegurl");
    const parsed = HLS.parse(await master.text()) as HLS.types.MasterPlaylist;
    expect(parsed.variants.map((v) => v.resolution?.height)).toEqual([240, 720, 1080]);
    const segment = await fetchStream(`/api/stream/${session.token}/video/720p/seg-00001.m4s`);
    expect(segment.status).toBe(200);
    expect(await segment.text()).toBe("segment 1 of 720p");
    expect(segment.headers.get("content-type")).toBe("video/iso.segment");
    expect(segment.headers.get("cache-control")).toContain("immutable");
  });

  it("serves byte ranges and answers a matching ETag with 304", async () => {
    const { token } = await viewerToken();
    const session = await started(token);
    const url = `/api/stream/${session.token}/video/240p/seg-00002.m4s`;
    const ranged = await fetchStream(url, { range: "bytes=2-8" });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-range")).toBe("bytes 2-8/17");
    expect(await ranged.text()).toBe("gment 2");
    const etag = (await fetchStream(url)).headers.get("etag")!;
    expect((await fetchStream(url, { "if-none-match": etag })).status).toBe(304);
  });

  it("takes out renditions above the plan's cap, in HLS and DASH, and refuses their segments", async () => {
    const basic = await viewerOn("basic");
    const session = await started(basic.token);
    expect(session.maxHeight).toBe(480);
    const master = HLS.parse(
      await (await fetchStream(session.hlsUrl)).text(),
    ) as HLS.types.MasterPlaylist;
    expect(master.variants.map((v) => v.resolution?.height)).toEqual([240]);
    const mpd = await (await fetchStream(session.dashUrl)).text();
    expect([...mpd.matchAll(/height="(\d+)"/g)].map((m) => m[1])).toEqual(["240"]);
    expect(mpd).toContain('id="a0-en"');
    await expectError(
      await fetchStream(`/api/stream/${session.token}/video/720p/seg-00000.m4s`),
      403,
      "stream_forbidden",
    );
  });

  it("lowers the cap to the device's, never above the plan's", async () => {
    const { token } = await viewerToken();
    expect((await started(token, { deviceMaxHeight: 720 })).maxHeight).toBe(720);
    const basic = await viewerOn("basic");
    expect((await started(basic.token, { deviceMaxHeight: 2160 })).maxHeight).toBe(480);
  });

  it("refuses a title above a kids profile's level as if it did not exist", async () => {
    const viewer = await viewerToken();
    const kids = await kidsSessionToken(viewer.token);
    // A film of its own, rated R before anyone reads it (so no cache holds the old rating).
    const restricted = await playableFilm(admin);
    await env.DB.prepare("update titles set rating = 'R', maturity_rank = 3 where id = ?")
      .bind(restricted.titleId)
      .run();
    await expectError(await start(kids, { titleId: restricted.titleId }), 404, "not_found");
    expect((await start(viewer.token, { titleId: restricted.titleId })).status).toBe(201);
  });

  it("answers 409 for a title with no video yet, and 404 for one that does not exist", async () => {
    const { token } = await viewerToken();
    const titleId = await createMovie(admin);
    await request(`/api/admin/catalog/titles/${titleId}/publish`, { method: "POST", token: admin });
    await expectError(await start(token, { titleId }), 409, "not_playable");
    await expectError(await start(token, { titleId: crypto.randomUUID() }), 404, "not_found");
  });
});

describe("startPlayback and experiments", () => {
  const CAREFUL = { policy: "careful", params: { rebufferPenalty: 8, horizon: 30 } };
  let experiments: string;

  beforeAll(async () => {
    experiments = await experimentAdmin();
  });
  afterEach(async () => {
    await stopRunningExperiments(experiments);
  });

  async function startOnPhone(token: string) {
    const response = await request("/api/playback", {
      token,
      headers: { "user-agent": IPHONE },
      body: { titleId: film.titleId, deviceId: device() },
    });
    expect(response.status).toBe(201);
    return (await response.json()) as {
      sessionId: string;
      abr: { policy: string; params: Record<string, number> };
      viewToken: string;
    };
  }

  const viewOf = async (token: string) =>
    verifyViewToken(await tokenKeys(env.JWT_SIGNING_KEYS), token);

  it("gives a profile in no experiment the default policy, and a view token for this view", async () => {
    const viewer = await viewerToken();
    const session = await startOnPhone(viewer.token);
    expect(session.abr).toEqual({ policy: "hybrid-default", params: {} });
    expect(await viewOf(session.viewToken)).toEqual({
      viewId: session.sessionId,
      profileId: viewer.profileId,
      accountId: viewer.account.accountId,
      titleId: film.titleId,
      episodeId: null,
      deviceType: "mobile",
      country: "XX",
      abrPolicy: "hybrid-default",
      variants: [],
    });
  });

  it("gives a profile in an ABR variant its policy and parameters; the view token names the variant", async () => {
    const experiment = await runExperiment(experiments, {
      variants: variants({}, { abr: CAREFUL }),
    });
    const { control, "treatment-1": treated } = await viewersIn(experiment, [
      "control",
      "treatment-1",
    ]);
    const careful = await startOnPhone(treated.token);
    expect(careful.abr).toEqual(CAREFUL);
    expect(await viewOf(careful.viewToken)).toMatchObject({
      abrPolicy: "careful",
      variants: [`${experiment.id}:treatment-1`],
    });
    const usual = await startOnPhone(control.token);
    expect(usual.abr).toEqual({ policy: "hybrid-default", params: {} });
    expect(await viewOf(usual.viewToken)).toMatchObject({
      abrPolicy: "hybrid-default",
      variants: [`${experiment.id}:control`],
    });
    // Playing read the ABR config: both profiles count as exposed.
    await vi.waitFor(async () =>
      expect(await exposureCounts(env, experiment.id)).toEqual({ control: 1, "treatment-1": 1 }),
    );
  });

  it("tags views with every experiment the profile is in, exposing only those playback reads", async () => {
    const artwork = await runExperiment(experiments, {
      variants: variants({}, { artwork: "backdrop" }),
    });
    const abr = await runExperiment(experiments, { variants: variants({}, { abr: CAREFUL }) });
    const viewer = await viewerToken();
    const session = await startOnPhone(viewer.token);
    const tagged = (await viewOf(session.viewToken)).variants.map((v) => v.split(":")[0]);
    expect(tagged.sort()).toEqual([artwork.id, abr.id].sort());
    // The same request reports the ABR experiment's exposure; once that has landed,
    // a report for the artwork experiment would have too. Nothing on this path shows artwork.
    await vi.waitFor(async () =>
      expect(await exposureOf(env, abr.id, viewer.profileId)).not.toBeNull(),
    );
    expect(await exposureOf(env, artwork.id, viewer.profileId)).toBeNull();
  });
});

describe("the stream limit", () => {
  it("refuses a third device on a two-stream plan, naming the others, or ends the oldest", async () => {
    const viewer = await viewerOn("standard");
    const first = await started(viewer.token, {
      deviceId: "device-one",
      deviceName: "Living-room TV",
    });
    // No name given: the browser and system, from the User-Agent.
    await request("/api/playback", {
      token: viewer.token,
      headers: { "user-agent": ANDROID_CHROME },
      body: { titleId: film.titleId, deviceId: "device-two" },
    }).then((response) => expect(response.status).toBe(201));
    const refused = await start(viewer.token, { deviceId: "device-three" });
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as {
      error: { code: string; message: string; details: { message: string }[] };
    };
    expect(body.error.code).toBe("stream_limit_reached");
    // Each named so a person can tell them apart, with when it started.
    expect(body.error.details.map((d) => d.message)).toEqual([
      "Living-room TV, started just now",
      "Chrome on Android, started just now",
    ]);
    expect(body.error.message).toContain(
      "“Living-room TV, started just now” and “Chrome on Android, started just now” are playing",
    );

    const third = await started(viewer.token, { deviceId: "device-three", endOldest: true });
    expect((await fetchStream(third.hlsUrl)).status).toBe(200);
    // The first device's stream stops: its session has ended.
    await expectError(await fetchStream(first.hlsUrl), 403, "stream_forbidden");
  });

  it("lets a device that starts again replace its own stream", async () => {
    const basic = await viewerOn("basic");
    await started(basic.token, { deviceId: "the-only-tv" });
    await started(basic.token, { deviceId: "the-only-tv" });
  });
});

describe("the stream route refuses", () => {
  let session: Session;
  let viewer: Awaited<ReturnType<typeof viewerToken>>;
  beforeAll(async () => {
    viewer = await viewerToken();
    session = await started(viewer.token);
  });
  const segment = (grant: string) => `/api/stream/${grant}/video/240p/seg-00000.m4s`;

  it("a forged signature", async () => {
    const [header, payload] = session.token.split(".");
    const forged = `${header}.${payload}.${"A".repeat(86)}`;
    await expectError(await fetchStream(segment(forged)), 403, "stream_forbidden");
  });

  it("a grant signed with a key we do not hold (a wrong key id)", async () => {
    const stranger = await tokenKeys(JSON.stringify([await generateSigningKey("stranger")]));
    const grant = await verifyPlaybackGrant(await tokenKeys(env.JWT_SIGNING_KEYS), session.token);
    const foreign = await signPlaybackGrant(stranger, grant, 600);
    await expectError(await fetchStream(segment(foreign)), 403, "stream_forbidden");
  });

  it("an expired grant", async () => {
    const keys = await tokenKeys(env.JWT_SIGNING_KEYS);
    const grant = await verifyPlaybackGrant(keys, session.token);
    const expired = await new SignJWT({
      acc: grant.accountId,
      ast: grant.assetId,
      psid: grant.playbackSessionId,
      mat: grant.maturityRank,
      mh: grant.maxHeight,
    })
      .setProtectedHeader({ alg: "ES256", kid: keys.kid })
      .setIssuer("marquee")
      .setAudience("marquee:playback")
      .setSubject(grant.profileId)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 700)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 100)
      .sign(keys.signingKey);
    await expectError(await fetchStream(segment(expired)), 403, "stream_forbidden");
  });

  it("an access token in place of a grant", async () => {
    await expectError(await fetchStream(segment(viewer.token)), 403, "stream_forbidden");
  });

  it("another asset's path: a grant only reaches its own asset's folder", async () => {
    const other = await playableFilm(admin);
    // The grant names its asset; a path can't climb out of it, spelled out or encoded.
    await expectError(
      await fetchStream(`/api/stream/${session.token}/../${other.assetId}/master.m3u8`),
      403,
      "stream_forbidden",
    );
    await expectError(
      await fetchStream(`/api/stream/${session.token}/..%2F${other.assetId}%2Fmaster.m3u8`),
      404,
    );
    const own = await fetchStream(`/api/stream/${session.token}/video/240p/seg-00000.m4s`);
    expect(await own.text()).toBe("segment 0 of 240p");
  });

  it("another profile's session: refresh and stop answer 404", async () => {
    const stranger = await viewerToken();
    await expectError(
      await request(`/api/playback/${session.sessionId}/refresh`, {
        token: stranger.token,
        body: {},
      }),
      404,
    );
    await expectError(
      await request(`/api/playback/${session.sessionId}`, {
        method: "DELETE",
        token: stranger.token,
      }),
      404,
    );
  });

  it("a revoked session: signing out stops the stream", async () => {
    const signedIn = await viewerToken();
    const own = await started(signedIn.token);
    expect((await fetchStream(own.hlsUrl)).status).toBe(200);
    const out = await request("/api/auth/logout", {
      body: { refreshToken: signedIn.account.refreshToken },
    });
    expect(out.status).toBe(204);
    // The stream route remembers a live session for at most 2 s.
    await new Promise((wait) => setTimeout(wait, 2_100));
    await expectError(await fetchStream(own.hlsUrl), 403, "stream_forbidden");
  });

  it("a password reset signs out every session and stops its streams", async () => {
    const signedIn = await viewerToken();
    const own = await started(signedIn.token);
    expect((await fetchStream(own.hlsUrl)).status).toBe(200);
    await request("/api/auth/password-reset", { body: { email: signedIn.account.email } });
    const reset = await request("/api/auth/password-reset/confirm", {
      body: {
        token: await resetTokenFor(signedIn.account.email),
        password: "cobalt-meadow-lantern-9",
      },
    });
    expect(reset.status).toBe(204);
    // The stream route remembers a live session for at most 2 s.
    await new Promise((wait) => setTimeout(wait, 2_100));
    await expectError(await fetchStream(own.hlsUrl), 403, "stream_forbidden");
  });
});

describe("refreshPlayback and stopPlayback", () => {
  it("renews the grant of a live session and refuses an ended one", async () => {
    const { token } = await viewerToken();
    const session = await started(token);
    const refreshed = await request(`/api/playback/${session.sessionId}/refresh`, {
      token,
      body: {},
    });
    expect(refreshed.status).toBe(200);
    const grant = (await refreshed.json()) as { token: string; hlsUrl: string };
    expect(grant.token).not.toBe(session.token);
    expect((await fetchStream(grant.hlsUrl)).status).toBe(200);

    const stopped = await request(`/api/playback/${session.sessionId}`, {
      method: "DELETE",
      token,
    });
    expect(stopped.status).toBe(204);
    await new Promise((wait) => setTimeout(wait, 2_100));
    await expectError(await fetchStream(grant.hlsUrl), 403, "stream_forbidden");
    await expectError(
      await request(`/api/playback/${session.sessionId}/refresh`, { token, body: {} }),
      404,
    );
  });
});

describe("a renewal checks again what a start checked", () => {
  const refresh = (token: string, sessionId: string) =>
    request(`/api/playback/${sessionId}/refresh`, { token, body: {} });

  it("a profile lowered below the title's rating mid-play: refused, and the stream stops", async () => {
    const viewer = await viewerToken();
    const session = await started(viewer.token);
    const lowered = await request(`/api/profiles/${viewer.profileId}`, {
      method: "PATCH",
      token: viewer.token,
      body: { maturityLevel: "G" },
    });
    expect(lowered.status).toBe(200);
    await expectError(await refresh(viewer.token, session.sessionId), 403, "playback_not_allowed");
    await new Promise((wait) => setTimeout(wait, 2_100));
    await expectError(await fetchStream(session.hlsUrl), 403, "stream_forbidden");
  });

  it("a plan lowered to one stream: the stream started last is refused and ends", async () => {
    const viewer = await viewerOn("standard");
    const first = await started(viewer.token, { deviceId: "living-room-tv" });
    const second = await started(viewer.token, { deviceId: "bedroom-tv" });
    // The plan changes under a token that still says "standard": the account is read again.
    await setPlan(viewer.account, "basic");
    const refused = await refresh(viewer.token, second.sessionId);
    await expectError(refused, 409, "stream_limit_reached");
    expect(await refresh(viewer.token, first.sessionId).then((r) => r.status)).toBe(200);
    await expectError(await refresh(viewer.token, second.sessionId), 404);
  });

  it("a plan lowered to SD: the renewed grant's cap is SD", async () => {
    const viewer = await viewerOn("premium");
    const session = await started(viewer.token);
    expect(session.maxHeight).toBe(2160);
    await setPlan(viewer.account, "basic");
    const renewed = await refresh(viewer.token, session.sessionId);
    expect(renewed.status).toBe(200);
    const { token } = (await renewed.json()) as { token: string };
    const keys = await tokenKeys(env.JWT_SIGNING_KEYS);
    expect((await verifyPlaybackGrant(keys, token)).maxHeight).toBe(480);
  });

  it("an unpublished title: refused", async () => {
    const own = await playableFilm(admin);
    const viewer = await viewerToken();
    const session = await started(viewer.token, { titleId: own.titleId });
    const unpublished = await request(`/api/admin/catalog/titles/${own.titleId}/unpublish`, {
      token: admin,
      body: {},
    });
    expect(unpublished.status).toBe(200);
    await expectError(await refresh(viewer.token, session.sessionId), 403, "playback_not_allowed");
  });
});

describe("progress", () => {
  const report = (token: string, body: Record<string, unknown>) =>
    request("/api/progress", {
      method: "PUT",
      token,
      body: { titleId: film.titleId, durationSeconds: 1000, deviceId: "device-a", ...body },
    });

  it("keeps the latest report by client time across devices, whatever the arrival order", async () => {
    const { token } = await viewerToken();
    const now = Date.now();
    expect(
      (
        await report(token, {
          positionSeconds: 300,
          clientTimestamp: now + 20_000,
          deviceId: "phone-1234",
        })
      ).status,
    ).toBe(200);
    const late = await report(token, {
      positionSeconds: 100,
      clientTimestamp: now + 10_000,
      deviceId: "tv-12345678",
    });
    expect(((await late.json()) as { accepted: boolean }).accepted).toBe(false);
    const stored = await request(`/api/progress/${film.titleId}`, { token });
    expect(((await stored.json()) as { positionSeconds: number }).positionSeconds).toBe(300);
    // Equal client times: the later arrival wins.
    await report(token, {
      positionSeconds: 310,
      clientTimestamp: now + 20_000,
      deviceId: "tv-12345678",
    });
    const tie = await request(`/api/progress/${film.titleId}`, { token });
    expect(((await tie.json()) as { deviceId: string }).deviceId).toBe("tv-12345678");
  });

  it("resumes a new session where the profile stopped, and lists it in Continue Watching", async () => {
    const { token } = await viewerToken();
    await report(token, { positionSeconds: 400, clientTimestamp: Date.now() });
    const session = await started(token);
    expect(session.resumePositionSeconds).toBe(400);
    const list = await request("/api/continue-watching", { token });
    const { items } = (await list.json()) as { items: { titleId: string }[] };
    expect(items.map((item) => item.titleId)).toEqual([film.titleId]);

    await request(`/api/playback/${session.sessionId}`, { method: "DELETE", token });
  });

  it("the title page and the home row show the position reported a moment ago, mid-session", async () => {
    const { token } = await viewerToken();
    const session = await started(token);
    await report(token, { positionSeconds: 400, clientTimestamp: Date.now() });
    // Another device pauses 12 s later, without stopping: the next read shows it.
    await report(token, {
      positionSeconds: 412,
      clientTimestamp: Date.now() + 1,
      deviceId: "phone-1234",
    });
    const title = await request(`/api/titles/${film.titleId}`, { token });
    const { viewer } = (await title.json()) as {
      viewer: { resumeAt: { positionSeconds: number } | null };
    };
    expect(viewer.resumeAt?.positionSeconds).toBe(412);
    const home = (await (await request("/api/home", { token })).json()) as {
      rows: { kind: string; titleIds: string[] }[];
    };
    const row = home.rows.find((candidate) => candidate.kind === "continue_watching");
    expect(row?.titleIds).toEqual([film.titleId]);
    await request(`/api/playback/${session.sessionId}`, { method: "DELETE", token });
  });

  it("marks a title complete at 95% and leaves it out of Continue Watching", async () => {
    const { token } = await viewerToken();
    const done = await report(token, { positionSeconds: 960, clientTimestamp: Date.now() });
    expect(((await done.json()) as { progress: { completed: boolean } }).progress.completed).toBe(
      true,
    );
    const list = await request("/api/continue-watching", { token });
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
    expect((await started(token)).resumePositionSeconds).toBe(0);
  });

  it("refuses a position past the end, and a barely started title is not listed", async () => {
    const { token } = await viewerToken();
    await expectError(
      await report(token, { positionSeconds: 1001, clientTimestamp: Date.now() }),
      400,
    );
    await report(token, { positionSeconds: 20, clientTimestamp: Date.now() });
    const list = await request("/api/continue-watching", { token });
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
    // Nor offered to resume on its title page.
    const title = await request(`/api/titles/${film.titleId}`, { token });
    expect(((await title.json()) as { viewer: { resumeAt: unknown } }).viewer.resumeAt).toBeNull();
  });
});
