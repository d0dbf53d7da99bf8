/**
 * The transcoder's storage endpoints, reached with a job token exactly as
 * the transcoder reaches them: read the source, write outputs, report
 * progress, publish. A job becomes "processing" the way the queue consumer
 * claims it (a conditional update in D1); the token is signed as the ingest
 * Worker signs it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { issueAccessToken } from "../../../lib/auth/access-token.ts";
import { tokenKeys } from "../../../lib/auth/signed-token.ts";
import { issueJobToken } from "../../../lib/ingest/job-token.ts";
import type { Presentation } from "../../../lib/media/presentation.ts";
import { forgetAll } from "../src/cache/isolate-memory.ts";
import { loadDemoCatalog } from "./demo-catalog.ts";
import { env, expectError, request, staffToken, viewerToken } from "./helpers.ts";
import { createMovie, fakeVideo, jobsOfUpload, patch, startUpload, VTT } from "./uploads.ts";

let admin: string;
beforeAll(async () => {
  await loadDemoCatalog();
  admin = (await staffToken("content_admin")).token;
});

interface RunningJob {
  jobId: string;
  assetId: string;
  movieId: string;
  source: Uint8Array;
  token: string;
  base: string;
}

/** A completed upload whose job a transcoder has claimed (attempt 1), with subtitles alongside. */
async function runningJob(): Promise<RunningJob> {
  const movieId = await createMovie(admin);
  const subtitles = await startUpload(admin, VTT.length, {
    kind: "subtitles",
    filename: "en.vtt",
    language: "en",
  });
  expect((await patch(admin, subtitles, 0, VTT)).status).toBe(204);
  const source = fakeVideo(300_000);
  const location = await startUpload(admin, source.length, {
    filename: "film.mp4",
    titleId: movieId,
    subtitles: subtitles.split("/").pop()!,
  });
  expect((await patch(admin, location, 0, source)).status).toBe(204);
  const [job] = await jobsOfUpload(location);
  await env.DB.prepare(
    "update ingest_jobs set state = 'processing', attempt = 1, lease_expires_at = ? where id = ?",
  )
    .bind(Date.now() + 600_000, job!.id)
    .run();
  const grant = { jobId: job!.id, attempt: 1, assetId: job!.asset_id };
  const token = await issueJobToken(await tokenKeys(env.JWT_SIGNING_KEYS), grant, 600);
  return {
    jobId: job!.id,
    assetId: job!.asset_id,
    movieId,
    source,
    token,
    base: `/api/ingest/transcoder/jobs/${job!.id}`,
  };
}

const put = (job: RunningJob, path: string, body: Uint8Array | string, token = job.token) =>
  request(`${job.base}/outputs/${encodeURIComponent(path)}`, {
    method: "PUT",
    token,
    body: typeof body === "string" ? new TextEncoder().encode(body) : body,
    headers: { "content-type": "application/octet-stream" },
  });

function presentation(complete: boolean): Presentation {
  const rendition = (id: string, height: number) => ({
    id,
    width: Math.round((height * 16) / 9 / 2) * 2,
    height,
    frameRate: 30,
    bandwidth: height * 2000,
    averageBandwidth: height * 1500,
    codecs: "avc1.64001f",
    playlist: `video/${id}/index.m3u8`,
  });
  return {
    durationSeconds: 12.5,
    video: complete ? [rendition("240p", 240), rendition("720p", 720)] : [rendition("240p", 240)],
    audio: [],
    subtitles: [],
    poster: "poster.jpg",
    trickplay: null,
    hls: "master.m3u8",
    dash: "manifest.mpd",
    complete,
  };
}

describe("reading the job's files", () => {
  it("serves the source whole and by range, and the subtitles uploaded with it", async () => {
    const job = await runningJob();
    const whole = await request(`${job.base}/source`, { token: job.token });
    expect(whole.status).toBe(200);
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(job.source);
    const part = await request(`${job.base}/source`, {
      token: job.token,
      headers: { range: "bytes=1000-1999" },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 1000-1999/${job.source.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(job.source.subarray(1000, 2000));
    const subtitles = await request(`${job.base}/subtitles/0`, { token: job.token });
    expect(new Uint8Array(await subtitles.arrayBuffer())).toEqual(VTT);
    await expectError(await request(`${job.base}/subtitles/1`, { token: job.token }), 404);
  });
});

describe("writing outputs", () => {
  it("stores outputs under the job's asset with their types and caching", async () => {
    const job = await runningJob();
    expect((await put(job, "video/240p/init.mp4", new Uint8Array(64))).status).toBe(204);
    expect((await put(job, "master.m3u8", "#EXTM3U\n")).status).toBe(204);
    const segment = await env.MEDIA.head(`media/${job.assetId}/video/240p/init.mp4`);
    expect(segment?.httpMetadata).toMatchObject({
      contentType: "video/mp4",
      cacheControl: "public, max-age=31536000, immutable",
    });
    const manifest = await env.MEDIA.head(`media/${job.assetId}/master.m3u8`);
    expect(manifest?.httpMetadata).toMatchObject({
      contentType: "application/vnd.apple.mpegurl",
      cacheControl: "no-cache",
    });
  });

  it("refuses paths outside the asset and files it does not make", async () => {
    const job = await runningJob();
    for (const path of ["../sources/x.mp4", "/etc/passwd", "video/../../x.m4s", "Video/A.mp4"]) {
      await expectError(await put(job, path, "x"), 400, "validation_failed");
    }
    await expectError(await put(job, "tool.exe", "x"), 400, "validation_failed");
  });
});

describe("who may call", () => {
  it("refuses no token, a user's token, an expired job token and another job's token", async () => {
    const job = await runningJob();
    const other = await runningJob();
    await expectError(await request(`${job.base}/source`), 401, "unauthenticated");
    await expectError(
      await request(`${job.base}/source`, { token: (await viewerToken()).token }),
      401,
      "invalid_token",
    );
    await expectError(await request(`${job.base}/source`, { token: admin }), 401, "invalid_token");
    const keys = await tokenKeys(env.JWT_SIGNING_KEYS);
    const expired = await issueJobToken(
      keys,
      { jobId: job.jobId, attempt: 1, assetId: job.assetId },
      -1,
    );
    await expectError(
      await request(`${job.base}/source`, { token: expired }),
      401,
      "invalid_token",
    );
    // An access token is never a job token, even one signed with the same keys.
    const access = await issueAccessToken(
      keys,
      {
        accountId: job.jobId,
        sessionId: job.jobId,
        profileId: null,
        roles: ["admin"],
        plan: "premium",
      },
      600,
    );
    await expectError(await request(`${job.base}/source`, { token: access }), 401, "invalid_token");
    await expectError(
      await request(`${job.base}/source`, { token: other.token }),
      403,
      "forbidden",
    );
    await expectError(await put(job, "poster.jpg", "x", other.token), 403, "forbidden");
  });

  it("stops an attempt that is over: a later attempt, a cancelled job, a finished one", async () => {
    const job = await runningJob();
    await env.DB.prepare("update ingest_jobs set attempt = 2 where id = ?").bind(job.jobId).run();
    await expectError(await put(job, "poster.jpg", "x"), 409, "attempt_superseded");

    const cancelled = await runningJob();
    const cancel = await request(`/api/ingest/jobs/${cancelled.jobId}/cancel`, {
      method: "POST",
      token: admin,
    });
    expect(cancel.status).toBe(200);
    await expectError(
      await request(`${cancelled.base}/progress`, {
        token: cancelled.token,
        body: { stage: "encoding", percent: 10, rung: "240p" },
      }),
      409,
      "job_cancelled",
    );

    const finished = await runningJob();
    await env.DB.prepare("update ingest_jobs set state = 'ready' where id = ?")
      .bind(finished.jobId)
      .run();
    await expectError(await put(finished, "poster.jpg", "x"), 409, "attempt_superseded");
  });
});

describe("progress and publishing", () => {
  it("records progress for admins to see", async () => {
    const job = await runningJob();
    const report = await request(`${job.base}/progress`, {
      token: job.token,
      body: { stage: "encoding", percent: 42.5, rung: "360p–1080p" },
    });
    expect(report.status).toBe(200);
    const seen = await request(`/api/ingest/jobs/${job.jobId}`, { token: admin });
    expect(await seen.json()).toMatchObject({
      state: "processing",
      stage: "encoding",
      progress: 42.5,
      currentRung: "360p–1080p",
    });
    await expectError(
      await request(`${job.base}/progress`, {
        token: job.token,
        body: { stage: "dancing", percent: 142, rung: null },
      }),
      400,
      "validation_failed",
    );
  });

  it("publishes only manifests that exist; the title plays from the first rung on", async () => {
    const job = await runningJob();
    await expectError(
      await request(`${job.base}/publish`, {
        token: job.token,
        body: { presentation: presentation(false) },
      }),
      409,
      "manifests_missing",
    );
    await put(job, "master.m3u8", "#EXTM3U\n");
    await put(job, "manifest.mpd", "<MPD/>");
    const first = await request(`${job.base}/publish`, {
      token: job.token,
      body: { presentation: presentation(false) },
    });
    expect(first.status).toBe(200);
    const asset = await env.DB.prepare(
      "select state, duration_seconds from media_assets where id = ?",
    )
      .bind(job.assetId)
      .first();
    expect(asset).toEqual({ state: "playable", duration_seconds: 12.5 });
    const title = await env.DB.prepare("select video_asset_id from titles where id = ?")
      .bind(job.movieId)
      .first();
    expect(title).toEqual({ video_asset_id: job.assetId });

    // Viewers see it as playable once the title is published.
    const published = await request(`/api/admin/catalog/titles/${job.movieId}/publish`, {
      method: "POST",
      token: admin,
    });
    expect(published.status).toBe(200);
    forgetAll();
    const viewer = (await viewerToken()).token;
    const details = await request(`/api/titles/${job.movieId}`, { token: viewer });
    expect(await details.json()).toMatchObject({ id: job.movieId, playable: true });

    const complete = await request(`${job.base}/publish`, {
      token: job.token,
      body: { presentation: presentation(true) },
    });
    expect(complete.status).toBe(200);
    const ready = await request(`/api/ingest/jobs/${job.jobId}`, { token: admin });
    expect(await ready.json()).toMatchObject({
      asset: { state: "ready", renditions: ["240p", "720p"] },
    });
  });

  it("refuses a presentation that does not follow the contract", async () => {
    const job = await runningJob();
    const broken = { ...presentation(false), video: [], hls: "../master.m3u8" };
    await expectError(
      await request(`${job.base}/publish`, { token: job.token, body: { presentation: broken } }),
      400,
      "validation_failed",
    );
  });
});

describe("sharing an asset between catalog entries", () => {
  it("attaches a playable asset to another movie and an episode, audited; takes it down again", async () => {
    const job = await runningJob();
    await put(job, "master.m3u8", "#EXTM3U\n");
    await put(job, "manifest.mpd", "<MPD/>");
    await request(`${job.base}/publish`, {
      token: job.token,
      body: { presentation: presentation(false) },
    });
    const otherMovie = await createMovie(admin);
    const attach = (path: string, assetId: string | null) =>
      request(`/api/admin/catalog/${path}/video`, {
        method: "PUT",
        token: admin,
        body: { assetId },
      });
    const attached = await attach(`titles/${otherMovie}`, job.assetId);
    expect(attached.status).toBe(200);
    expect(await attached.json()).toEqual({ videoAssetId: job.assetId });
    const episode = await env.DB.prepare("select id from episodes limit 1").first<{ id: string }>();
    expect((await attach(`episodes/${episode!.id}`, job.assetId)).status).toBe(200);
    const audit = await request(`/api/admin/catalog/audit-log?entityId=${otherMovie}`, {
      token: admin,
    });
    const { entries } = (await audit.json()) as { entries: { before: unknown; after: unknown }[] };
    expect(entries[0]).toMatchObject({
      before: { videoAssetId: null },
      after: { videoAssetId: job.assetId },
    });

    expect((await attach(`titles/${otherMovie}`, null)).status).toBe(200);
    const row = await env.DB.prepare("select video_asset_id from titles where id = ?")
      .bind(otherMovie)
      .first();
    expect(row).toEqual({ video_asset_id: null });
  });

  it("refuses an unknown asset, one not playable yet, and a series", async () => {
    const job = await runningJob();
    const movie = await createMovie(admin);
    const attach = (path: string, assetId: string) =>
      request(`/api/admin/catalog/${path}/video`, {
        method: "PUT",
        token: admin,
        body: { assetId },
      });
    await expectError(await attach(`titles/${movie}`, crypto.randomUUID()), 400, "unknown_asset");
    await expectError(await attach(`titles/${movie}`, job.assetId), 409, "asset_not_playable");
    await env.DB.prepare("update media_assets set state = 'ready' where id = ?")
      .bind(job.assetId)
      .run();
    const series = await env.DB.prepare(
      "select id from titles where type = 'series' limit 1",
    ).first<{
      id: string;
    }>();
    await expectError(await attach(`titles/${series!.id}`, job.assetId), 409, "not_a_movie");
  });
});
