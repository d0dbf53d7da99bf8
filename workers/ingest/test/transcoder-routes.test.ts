/**
 * The routes a transcoder calls with its task token, played as a
 * transcoder plays them (the token a scripted slot was handed): who may
 * call (a token, of this job, of this task, for the attempt that is still
 * current, of a job not cancelled); outputs stored under the job's asset
 * with their content types and cache headers, and the paths and sizes
 * refused; the subtitle files uploaded with the video, by index; and
 * reports (heartbeat, complete, fail) that are malformed, of the wrong
 * kind or too large, none of which changes anything.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { issueAccessToken } from "../../../lib/auth/access-token.ts";
import {
  AUDIENCES,
  generateSigningKey,
  signToken,
  tokenKeys,
} from "../../../lib/auth/signed-token.ts";
import type { TaskAssignment } from "../../../lib/ingest/task-protocol.ts";
import { issueTaskToken, type TaskGrant } from "../../../lib/ingest/task-token.ts";
import { assetKey, assetPrefix } from "../../../lib/media/asset-layout.ts";
import type { Caller } from "../src/app-env.ts";
import {
  assignment,
  boardOf,
  caller,
  env,
  expectError,
  fakeVideo,
  ingest,
  jobOfUpload,
  jobRow,
  MIB,
  movie,
  patch,
  startUpload,
  transcoder,
  uploadSubtitles,
  VTT,
} from "./helpers.ts";
import { audioTrack, probeResult } from "./task-results.ts";

let admin: Caller;
beforeAll(async () => {
  admin = await caller("content_admin");
});

/**
 * A completed upload whose probe a transcoder holds (it has heartbeated
 * once, so its lease is fresh), optionally with subtitle files alongside.
 */
async function heldProbe(subtitles: Uint8Array[] = []) {
  const subtitleIds: string[] = [];
  for (const [n, file] of subtitles.entries()) {
    subtitleIds.push(await uploadSubtitles(admin, file, { language: n === 0 ? "en" : "fr" }));
  }
  const bytes = fakeVideo(MIB + 1000);
  const location = await startUpload(admin, bytes.length, {
    filename: "film.mp4",
    titleId: await movie(),
    ...(subtitleIds.length > 0 ? { subtitles: subtitleIds.join(",") } : {}),
  });
  expect((await patch(admin, location, 0, bytes)).status).toBe(204);
  const job = (await jobOfUpload(location))!;
  const probe = await assignment(job.id, "probe");
  expect((await transcoder.heartbeat(probe, { progress: 0 })).status).toBe(200);
  return { job, probe, base: `/api/ingest/transcoder/jobs/${job.id}` };
}

const grantOf = (a: TaskAssignment, assetId: string): TaskGrant => ({
  jobId: a.jobId,
  run: 1,
  taskId: a.taskId,
  attempt: a.attempt,
  assetId,
});

/** A task token signed with the Worker's own keys. */
async function tokenFor(grant: TaskGrant, ttlSeconds = 600) {
  return issueTaskToken(await tokenKeys(env.JWT_SIGNING_KEYS), grant, ttlSeconds);
}

/** Every transcoder route of a job, called with `token` (or none); the answers. */
function callEveryRoute(base: string, taskId: string, token?: string) {
  const report = (action: string, body: unknown) =>
    ingest(`${base}/tasks/${taskId}/${action}`, { token, body });
  return Promise.all([
    ingest(`${base}/source`, { token }),
    ingest(`${base}/subtitles/0`, { token }),
    ingest(`${base}/outputs/poster.jpg`, {
      method: "PUT",
      token,
      body: new Uint8Array(8),
      headers: { "content-type": "application/octet-stream", "content-length": "8" },
    }),
    report("heartbeat", { progress: 0.5 }),
    report("complete", probeResult()),
    report("fail", { error: { code: "x", message: "y" }, retryable: true }),
  ]);
}

async function expectAllErrors(responses: Response[], status: number, code: string) {
  for (const response of responses) await expectError(response, status, code);
}

/** The probe task as the job's TaskBoard has it. */
const probeOnBoard = async (jobId: string) => (await boardOf(jobId).grid()).probe;

describe("who may call", () => {
  it("refuses no token, and a token that is malformed, expired, forged or for another purpose", async () => {
    const { job, probe, base } = await heldProbe();
    await expectAllErrors(await callEveryRoute(base, "probe"), 401, "unauthenticated");
    const basic = await ingest(`${base}/source`, {
      headers: { authorization: `Basic ${probe.token}` },
    });
    await expectError(basic, 401, "unauthenticated");

    const keys = await tokenKeys(env.JWT_SIGNING_KEYS);
    const grant = grantOf(probe, job.asset_id);
    const claims = { run: 1, task: "probe", attempt: probe.attempt, asset: job.asset_id };
    const refused = {
      malformed: "not-a-token",
      truncated: probe.token.slice(0, -10),
      expired: await tokenFor(grant, -1),
      // The same key id, another key: a forgery.
      forged: await issueTaskToken(
        await tokenKeys(JSON.stringify([await generateSigningKey("test-key-1")])),
        grant,
        600,
      ),
      "for playback": await signToken(keys, {
        audience: AUDIENCES.playback,
        subject: job.id,
        ttlSeconds: 600,
        claims,
      }),
      "a user's access token": await issueAccessToken(
        keys,
        {
          accountId: job.id,
          sessionId: job.id,
          profileId: null,
          roles: ["admin"],
          plan: "premium",
        },
        600,
      ),
      "without its asset claim": await signToken(keys, {
        audience: AUDIENCES.transcoderTask,
        subject: job.id,
        ttlSeconds: 600,
        claims: { run: 1, task: "probe", attempt: probe.attempt },
      }),
    };
    for (const [what, token] of Object.entries(refused)) {
      for (const response of await callEveryRoute(base, "probe", token)) {
        expect(response.status, what).toBe(401);
        expect(await response.json(), what).toMatchObject({ error: { code: "invalid_token" } });
      }
    }
    // None of it touched the task.
    expect(await probeOnBoard(job.id)).toMatchObject({ state: "running", attempt: probe.attempt });
  });

  it("refuses a token of another job (403), for every route", async () => {
    const { job, probe, base } = await heldProbe();
    const otherJob = await tokenFor({
      ...grantOf(probe, job.asset_id),
      jobId: crypto.randomUUID(),
    });
    await expectAllErrors(await callEveryRoute(base, "probe", otherJob), 403, "forbidden");
    expect(await env.MEDIA.head(assetKey(job.asset_id, "poster.jpg"))).toBeNull();
    await expectError(
      await ingest("/api/ingest/transcoder/jobs/not-a-job/source", { token: probe.token }),
      400,
      "validation_failed",
    );
  });

  it("refuses a token of another task on the task routes (403), and changes nothing", async () => {
    const { job, probe, base } = await heldProbe();
    for (const taskId of ["audio", "video-0-low"]) {
      const report = (action: string, body: unknown) =>
        ingest(`${base}/tasks/${taskId}/${action}`, { token: probe.token, body });
      await expectError(await report("heartbeat", { progress: 0.5 }), 403, "forbidden");
      await expectError(await report("complete", probeResult()), 403, "forbidden");
      await expectError(
        await report("fail", { error: { code: "x", message: "y" }, retryable: false }),
        403,
        "forbidden",
      );
    }
    expect(await probeOnBoard(job.id)).toMatchObject({ state: "running", error: null });
    expect((await jobRow(job.id))?.error_code).toBeNull();
  });

  it("answers 409 attempt_superseded to an attempt that is over: a later attempt's, another run's, a finished task's", async () => {
    const { job, probe, base } = await heldProbe();
    const grant = grantOf(probe, job.asset_id);
    const later = await tokenFor({ ...grant, attempt: probe.attempt + 1 });
    await expectAllErrors(await callEveryRoute(base, "probe", later), 409, "attempt_superseded");
    const otherRun = await tokenFor({ ...grant, run: 2 });
    await expectAllErrors(await callEveryRoute(base, "probe", otherRun), 409, "attempt_superseded");
    expect(await probeOnBoard(job.id)).toMatchObject({ state: "running", attempt: probe.attempt });

    // Once its task is done, the token that did it is worth nothing.
    expect((await transcoder.complete(probe, probeResult())).status).toBe(200);
    await expectError(
      await transcoder.heartbeat(probe, { progress: 1 }),
      409,
      "attempt_superseded",
    );
    await expectError(
      await transcoder.write(probe, "poster.jpg", "late"),
      409,
      "attempt_superseded",
    );
    await expectError(await transcoder.source(probe), 409, "attempt_superseded");
    expect(await probeOnBoard(job.id)).toMatchObject({ state: "done" });
  });

  it("answers 409 job_cancelled once the job is cancelled, on every route", async () => {
    const { job, probe, base } = await heldProbe();
    const cancelled = await ingest(`/api/ingest/jobs/${job.id}/cancel`, {
      method: "POST",
      caller: admin,
    });
    expect(cancelled.status).toBe(200);
    await expectAllErrors(await callEveryRoute(base, "probe", probe.token), 409, "job_cancelled");
    expect((await jobRow(job.id))?.state).toBe("cancelled");
  });
});

describe("outputs", () => {
  it("stores each output under the job's asset, as sent, with its content type and caching", async () => {
    const { job, probe } = await heldProbe();
    const immutable = "public, max-age=31536000, immutable";
    const outputs = [
      ["video/240p/init.mp4", "video/mp4", immutable],
      ["video/240p/seg-00000.m4s", "video/iso.segment", immutable],
      ["audio/a0-en/seg-00003.m4s", "audio/mp4", immutable],
      ["subtitles/s0-en.vtt", "text/vtt; charset=utf-8", immutable],
      ["poster.jpg", "image/jpeg", immutable],
      ["trickplay/sprite-00000.jpg", "image/jpeg", immutable],
      ["master.m3u8", "application/vnd.apple.mpegurl", "no-cache"],
      ["video/240p/index.m3u8", "application/vnd.apple.mpegurl", "no-cache"],
      ["manifest.mpd", "application/dash+xml", "no-cache"],
    ] as const;
    for (const [path, contentType, cacheControl] of outputs) {
      const body = crypto.getRandomValues(new Uint8Array(300));
      expect((await transcoder.write(probe, path, body)).status, path).toBe(204);
      const stored = await env.MEDIA.get(assetKey(job.asset_id, path));
      expect(stored?.httpMetadata, path).toEqual({ contentType, cacheControl });
      expect(new Uint8Array(await stored!.arrayBuffer()), path).toEqual(body);
    }
    const listed = await env.MEDIA.list({ prefix: assetPrefix(job.asset_id) });
    expect(listed.objects.map((object) => object.key).toSorted()).toEqual(
      outputs.map(([path]) => assetKey(job.asset_id, path)).toSorted(),
    );
  });

  it("refuses paths outside the asset, upper case and files it does not make", async () => {
    const { job, probe, base } = await heldProbe();
    const refused = [
      "../sources/x.mp4",
      "/etc/passwd",
      "video/../../x.m4s",
      "video//init.mp4",
      "Video/A.mp4",
      "poster.JPG",
      ".hidden.jpg",
      "video/240p/",
      "tool.exe",
      "video/240p/seg-00000.ts",
      "notes.txt",
    ];
    for (const path of refused) {
      const response = await transcoder.write(probe, path, "x");
      expect(response.status, path).toBe(400);
      expect(await response.json(), path).toMatchObject({ error: { code: "validation_failed" } });
    }
    // A bare `..` is resolved away by the URL itself: no route of ours is left.
    const dots = await ingest(`${base}/outputs/..`, {
      method: "PUT",
      token: probe.token,
      body: new Uint8Array(1),
      headers: { "content-type": "application/octet-stream" },
    });
    await expectError(dots, 404, "not_found");
    expect((await env.MEDIA.list({ prefix: assetPrefix(job.asset_id) })).objects).toEqual([]);
    expect(await env.MEDIA.list({ prefix: "sources/x.mp4" })).toMatchObject({ objects: [] });
  });

  it("refuses a name whose last part is not an extension it writes (a bare `mp4`, `.constructor`)", async () => {
    const { job, probe } = await heldProbe();
    const names = ["mp4", "m3u8", "poster.constructor"];
    const answers: Record<string, number> = {};
    for (const path of names) answers[path] = (await transcoder.write(probe, path, "x")).status;
    expect(answers).toEqual(Object.fromEntries(names.map((path) => [path, 400])));
    expect((await env.MEDIA.list({ prefix: assetPrefix(job.asset_id) })).objects).toEqual([]);
  });

  it("refuses an output over 64 MiB from its Content-Length, and one without a length", async () => {
    const { job, probe, base } = await heldProbe();
    const put = (body: ReadableStream<Uint8Array>, headers: Record<string, string>) =>
      ingest(`${base}/outputs/${encodeURIComponent("video/240p/seg-00000.m4s")}`, {
        method: "PUT",
        token: probe.token,
        body,
        headers: { "content-type": "application/octet-stream", ...headers },
      });
    // Made only as far as it is read: a refusal reads none of it.
    const total = 64 * MIB + 1;
    let produced = 0;
    const huge = new ReadableStream<Uint8Array>({
      pull(controller) {
        const size = Math.min(MIB, total - produced);
        if (size === 0) return controller.close();
        produced += size;
        controller.enqueue(new Uint8Array(size));
      },
    });
    await expectError(
      await put(huge, { "content-length": String(total) }),
      413,
      "payload_too_large",
    );
    expect(produced).toBeLessThan(total);
    const unsized = new Blob([new Uint8Array(10)]).stream();
    await expectError(await put(unsized, {}), 400, "validation_failed");
    expect((await env.MEDIA.list({ prefix: assetPrefix(job.asset_id) })).objects).toEqual([]);
  });
});

describe("subtitle files", () => {
  it("are read back by their index in the video's list, as uploaded", async () => {
    const french = new TextEncoder().encode("WEBVTT\n\n00:00:02.000 --> 00:00:03.000\nBonjour.\n");
    const { probe, base } = await heldProbe([VTT, french]);
    expect(probe.spec).toMatchObject({
      subtitles: [
        { index: 0, language: "en" },
        { index: 1, language: "fr" },
      ],
    });
    for (const [index, file] of [VTT, french].entries()) {
      const response = await ingest(`${base}/subtitles/${index}`, { token: probe.token });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-length")).toBe(String(file.length));
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(file);
    }
    await expectError(
      await ingest(`${base}/subtitles/2`, { token: probe.token }),
      404,
      "not_found",
    );
    for (const index of ["32", "-1", "first"]) {
      await expectError(
        await ingest(`${base}/subtitles/${index}`, { token: probe.token }),
        400,
        "validation_failed",
      );
    }
  });

  it("answers 404 for a job with none", async () => {
    const { probe, base } = await heldProbe();
    await expectError(
      await ingest(`${base}/subtitles/0`, { token: probe.token }),
      404,
      "not_found",
    );
  });
});

describe("reports", () => {
  it("refuses malformed heartbeats, results and failures with 400, changing nothing", async () => {
    const { job, probe, base } = await heldProbe();
    const report = (action: string, body: unknown) =>
      ingest(`${base}/tasks/probe/${action}`, { token: probe.token, body });
    const malformed: [string, unknown][] = [
      ["heartbeat", {}],
      ["heartbeat", { progress: 2 }],
      ["heartbeat", { progress: "half" }],
      ["heartbeat", { progress: 0.5, tracks: [{ id: "a0-en" }] }],
      ["heartbeat", []],
      ["complete", {}],
      ["complete", { kind: "probe" }],
      ["complete", { kind: "teleport" }],
      ["complete", { ...probeResult(), poster: "../poster.jpg" }],
      ["complete", { kind: "video", tracks: [], sprite: null }],
      ["fail", {}],
      ["fail", { error: { code: "x", message: "y" } }],
      ["fail", { error: { code: "", message: "y" }, retryable: false }],
      ["fail", { error: "it broke", retryable: false }],
    ];
    for (const [action, body] of malformed) {
      const response = await report(action, body);
      expect(response.status, `${action} ${JSON.stringify(body)}`).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "validation_failed" } });
    }
    for (const action of ["heartbeat", "complete", "fail"]) {
      const notJson = await ingest(`${base}/tasks/probe/${action}`, {
        token: probe.token,
        body: "{progress: 0.5",
        headers: { "content-type": "application/json" },
      });
      expect(notJson.status, action).toBe(400);
    }

    expect(await probeOnBoard(job.id)).toMatchObject({
      state: "running",
      attempt: probe.attempt,
      error: null,
    });
    expect(await jobRow(job.id)).toMatchObject({ state: "processing", error_code: null });
    expect((await transcoder.heartbeat(probe, { progress: 0.2 })).status).toBe(200);
  });

  it("answers 409 to a result of the wrong kind for the task, and keeps the task", async () => {
    const { job, probe } = await heldProbe();
    const video = {
      kind: "video" as const,
      tracks: [{ ...audioTrack(1), id: "240p" }],
      sprite: null,
    };
    await expectError(await transcoder.complete(probe, video), 409, "attempt_superseded");
    await expectError(
      await transcoder.complete(probe, { kind: "analyse", complexity: probeResult().complexity }),
      409,
      "attempt_superseded",
    );
    expect(await probeOnBoard(job.id)).toMatchObject({ state: "running", attempt: probe.attempt });
    expect((await jobRow(job.id))?.error_code).toBeNull();
  });

  it("refuses a report over 8 MiB with 413, whether its length is declared or not", async () => {
    const { job, probe, base } = await heldProbe();
    const oversized = new TextEncoder().encode(
      `{"progress":0.5,"padding":"${"x".repeat(8 * MIB)}"}`,
    );
    const declared = await ingest(`${base}/tasks/probe/heartbeat`, {
      token: probe.token,
      body: oversized,
      headers: { "content-type": "application/json" },
    });
    await expectError(declared, 413, "payload_too_large");
    const streamed = await ingest(`${base}/tasks/probe/complete`, {
      token: probe.token,
      body: new Blob([oversized]).stream(),
      headers: { "content-type": "application/json" },
    });
    await expectError(streamed, 413, "payload_too_large");
    expect(await probeOnBoard(job.id)).toMatchObject({ state: "running", attempt: probe.attempt });
  });
});
