/**
 * The admin side of ingest, as an admin's requests reach the ingest Worker:
 * jobs listed newest first (filters, pages), one job with its run, upload,
 * asset, timings and task grid (the grid on a single job only, null in
 * lists), cancel and retry and what each state allows, who may call; and
 * the webhooks admin API (register, the secret shown once, list, remove,
 * which URLs and events are taken). Jobs are made the real way, by creating
 * uploads; where a test needs a state a run would take long to reach, it
 * sets it in D1 and says so.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../../../lib/db/database.ts";
import type { TaskAssignment } from "../../../lib/ingest/task-protocol.ts";
import type { Caller } from "../src/app-env.ts";
import { config } from "../src/config.ts";
import { createWebhook } from "../src/services/webhooks.ts";
import {
  assignment,
  assignmentOfRun,
  caller,
  env,
  eventually,
  expectError,
  failedJob,
  fakeVideo,
  fastStartVideo,
  firstDifference,
  ingest,
  jobOfUpload,
  MIB,
  movie,
  patch,
  runOpened,
  series,
  sourceParts,
  startUpload,
  transcoder,
  uploadIdOf,
  uploadAll,
} from "./helpers.ts";
import { audioTrack, DURATION, markersResult, probeResult, videoResult } from "./task-results.ts";

let admin: Caller;
beforeAll(async () => {
  admin = await caller("content_admin");
});

interface TaskView {
  state: string;
  attempt: number;
  instance: string | null;
  error: string | null;
}

interface Job {
  id: string;
  state: string;
  stage: string | null;
  progress: number;
  run: number;
  error: { code: string; message: string } | null;
  upload: {
    id: string;
    filename: string;
    byteLength: number;
    state: string;
    completedAt: string | null;
  };
  target: { titleId: string | null; episodeId: string | null; name: string | null };
  asset: { id: string; state: string; renditions: string[]; durationSeconds: number | null };
  createdAt: string;
  startedAt: string | null;
  playableAt: string | null;
  finishedAt: string | null;
  secondsToPlayable: number | null;
  secondsToReady: number | null;
  tasks: {
    run: number | null;
    instances: number;
    waitingForTranscoder: number;
    probe: TaskView | null;
    analyse: TaskView | null;
    audio: TaskView | null;
    markers: TaskView | null;
    chunks: {
      count: number;
      segmentsPerChunk: number;
      rows: { rung: string; cells: string[] }[];
    } | null;
  } | null;
}

interface JobList {
  jobs: Job[];
  nextCursor: string | null;
}

/** A job made by creating a video upload (nothing sent yet, unless `bytes` are given). */
async function newJob(
  target: { titleId: string } | { episodeId: string },
  options: { filename?: string; bytes?: Uint8Array; length?: number } = {},
) {
  const length = options.bytes?.length ?? options.length ?? 4096;
  const location = await startUpload(admin, length, {
    filename: options.filename ?? "film.mp4",
    ...target,
  });
  if (options.bytes) await uploadAll(admin, location, options.bytes, 2 * MIB);
  const job = (await jobOfUpload(location))!;
  return { location, jobId: job.id, assetId: job.asset_id, uploadId: uploadIdOf(location) };
}

async function getJob(jobId: string): Promise<Job> {
  const response = await ingest(`/api/ingest/jobs/${jobId}`, { caller: admin });
  expect(response.status).toBe(200);
  return (await response.json()) as Job;
}

async function list(query: string): Promise<JobList> {
  const response = await ingest(`/api/ingest/jobs?${query}`, { caller: admin });
  expect(response.status).toBe(200);
  return (await response.json()) as JobList;
}

const action = (jobId: string, verb: "cancel" | "retry", who: Caller | null = admin) =>
  ingest(`/api/ingest/jobs/${jobId}/${verb}`, { method: "POST", caller: who });

/** Sets a job's state directly in D1: a state its run would take long to reach. */
const setState = (jobId: string, state: string) =>
  env.DB.prepare("update ingest_jobs set state = ? where id = ?").bind(state, jobId).run();

const isoDate = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
const pause = () => new Promise((wait) => setTimeout(wait, 5));

describe("one job", () => {
  it("shows a new job with its upload, title, asset, run and task grid", async () => {
    const movieId = await movie();
    const { jobId, assetId, uploadId } = await newJob(
      { titleId: movieId },
      { filename: "the-master.mov" },
    );
    // The grid appears once the job's Workflow has opened its run on the TaskBoard.
    await runOpened(jobId);
    expect(await getJob(jobId)).toEqual({
      id: jobId,
      state: "queued",
      stage: "uploading",
      progress: 0,
      run: 1,
      error: null,
      upload: {
        id: uploadId,
        filename: "the-master.mov",
        byteLength: 4096,
        state: "uploading",
        completedAt: null,
      },
      target: { titleId: movieId, episodeId: null, name: "The Upload Test" },
      asset: { id: assetId, state: "processing", renditions: [], durationSeconds: null },
      createdAt: isoDate,
      startedAt: null,
      playableAt: null,
      finishedAt: null,
      secondsToPlayable: null,
      secondsToReady: null,
      tasks: {
        run: 1,
        instances: 0,
        waitingForTranscoder: 0,
        probe: { state: "waiting", attempt: 0, instance: null, error: null },
        analyse: null,
        audio: null,
        markers: null,
        chunks: null,
      },
    });
  });

  it("names an episode's job after its series and episode", async () => {
    const { episodeId } = await series();
    const { jobId } = await newJob({ episodeId });
    expect((await getJob(jobId)).target).toEqual({
      titleId: null,
      episodeId,
      name: "The Upload Series · Pilot",
    });
  });

  it("shows a finished run with its timings from the upload's last byte, and its grid all done", async () => {
    const { jobId } = await newJob({ titleId: await movie() }, { bytes: fastStartVideo(2 * MIB) });
    const probe = await assignment(jobId, "probe");
    expect((await transcoder.complete(probe, probeResult())).status).toBe(200);
    const ids = ["audio", "video-0-low", "video-0-up", "video-1-all", "video-2-all"];
    const tasks = await Promise.all(ids.map((id) => assignment(jobId, id)));
    for (const task of tasks.slice(1)) {
      expect((await transcoder.complete(task, videoResult(task))).status).toBe(200);
    }
    const markers = await assignment(jobId, "markers");
    expect((await transcoder.complete(markers, markersResult())).status).toBe(200);
    const audio = tasks[0] as TaskAssignment;
    expect(
      (await transcoder.complete(audio, { kind: "audio", tracks: [audioTrack(5)] })).status,
    ).toBe(200);
    const job = await eventually(async () => {
      const seen = await getJob(jobId);
      return seen.state === "ready" && seen;
    }, "the job to be ready");

    expect(job).toMatchObject({
      stage: null,
      progress: 100,
      run: 1,
      error: null,
      upload: { state: "complete", completedAt: isoDate },
      asset: { state: "ready", renditions: ["240p", "360p"], durationSeconds: DURATION },
      startedAt: isoDate,
      playableAt: isoDate,
      finishedAt: isoDate,
    });
    const since = (at: string) =>
      Math.round((Date.parse(at) - Date.parse(job.upload.completedAt!)) / 100) / 10;
    expect(job.secondsToPlayable).toBe(since(job.playableAt!));
    expect(job.secondsToReady).toBe(since(job.finishedAt!));
    expect(job.secondsToReady!).toBeGreaterThanOrEqual(job.secondsToPlayable!);
    expect(job.tasks).toMatchObject({
      run: 1,
      probe: { state: "done", attempt: 1 },
      audio: { state: "done" },
      markers: { state: "done" },
      chunks: {
        count: 3,
        segmentsPerChunk: 2,
        rows: [
          { rung: "240p", cells: ["done", "done", "done"] },
          { rung: "360p", cells: ["done", "done", "done"] },
        ],
      },
    });
  });

  it("answers 404 for a job that does not exist and 400 for a malformed id", async () => {
    for (const path of ["", "/cancel", "/retry"]) {
      const method = path ? "POST" : "GET";
      await expectError(
        await ingest(`/api/ingest/jobs/${crypto.randomUUID()}${path}`, { method, caller: admin }),
        404,
        "not_found",
      );
      await expectError(
        await ingest(`/api/ingest/jobs/not-a-job${path}`, { method, caller: admin }),
        400,
        "validation_failed",
      );
    }
  });
});

describe("the list", () => {
  it("lists jobs newest first, filtered, a page at a time, without their grids", async () => {
    const movieId = await movie();
    const ids: string[] = [];
    for (let n = 0; n < 3; n++) {
      ids.push((await newJob({ titleId: movieId })).jobId);
      await pause();
    }
    // A failed job, as a run would leave it.
    await setState(ids[0]!, "failed");

    const first = await list(`titleId=${movieId}&limit=2`);
    expect(first.jobs.map((job) => job.id)).toEqual([ids[2], ids[1]]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(`titleId=${movieId}&limit=2&cursor=${first.nextCursor}`);
    expect(second.jobs.map((job) => job.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
    for (const job of [...first.jobs, ...second.jobs]) {
      expect(job.tasks).toBeNull();
      expect(job.target.titleId).toBe(movieId);
    }

    const failed = await list(`state=failed&titleId=${movieId}`);
    expect(failed.jobs.map((job) => job.id)).toEqual([ids[0]]);
    const queued = await list(`state=queued&titleId=${movieId}`);
    expect(queued.jobs.map((job) => job.id)).toEqual([ids[2], ids[1]]);
    const everyone = await list("limit=100");
    expect(everyone.jobs.map((job) => job.id)).toEqual(expect.arrayContaining(ids));
  });

  it("pages through jobs created in the same millisecond without skipping or repeating one", async () => {
    const movieId = await movie();
    const ids: string[] = [];
    for (let n = 0; n < 3; n++) ids.push((await newJob({ titleId: movieId })).jobId);
    // Three uploads started at once (a bulk upload script): set in D1, as the clock cannot be.
    await env.DB.prepare("update ingest_jobs set created_at = ? where title_id = ?")
      .bind(Date.now(), movieId)
      .run();
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const body: JobList = await list(
        `titleId=${movieId}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...body.jobs.map((job) => job.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen.toSorted()).toEqual(ids.toSorted());
  });

  it("refuses a malformed query", async () => {
    for (const query of [
      "limit=0",
      "limit=101",
      "state=sleeping",
      "cursor=yesterday",
      "titleId=42",
    ]) {
      await expectError(
        await ingest(`/api/ingest/jobs?${query}`, { caller: admin }),
        400,
        "validation_failed",
      );
    }
  });
});

describe("cancel and retry", () => {
  it("cancels a job in progress, runs it again as its next run, and refuses what a state does not allow", async () => {
    const { jobId, assetId } = await newJob({ titleId: await movie() }, { bytes: fakeVideo(4096) });
    await expectError(await action(jobId, "retry"), 409, "invalid_job_state");

    const cancelled = await action(jobId, "cancel");
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({
      id: jobId,
      state: "cancelled",
      stage: null,
      run: 1,
      finishedAt: isoDate,
      asset: { id: assetId, state: "failed" },
    });
    await expectError(await action(jobId, "cancel"), 409, "invalid_job_state");

    const retried = await action(jobId, "retry");
    expect(retried.status).toBe(202);
    expect(await retried.json()).toMatchObject({
      state: "queued",
      run: 2,
      error: null,
      progress: 0,
      finishedAt: null,
      playableAt: null,
      asset: { state: "processing" },
    });
    // The second run opens on the board and probes the kept master again.
    await runOpened(jobId, 2);
    expect((await getJob(jobId)).tasks?.run).toBe(2);
    await assignmentOfRun(jobId, "probe", 2);

    // A finished job, as its run would leave it.
    await setState(jobId, "ready");
    await expectError(await action(jobId, "cancel"), 409, "invalid_job_state");
    await expectError(await action(jobId, "retry"), 409, "invalid_job_state");
  });

  it("retries a failed job from its kept master", async () => {
    const bytes = fastStartVideo(MIB + 500);
    const { jobId, uploadId } = await newJob({ titleId: await movie() }, { bytes });
    const probe = await assignment(jobId, "probe");
    const error = { code: "corrupt_input", message: "The file ends early." };
    expect((await transcoder.fail(probe, { error, retryable: false })).status).toBe(200);
    await failedJob(jobId);
    expect(await getJob(jobId)).toMatchObject({ state: "failed", error, finishedAt: isoDate });

    const retried = await action(jobId, "retry");
    expect(retried.status).toBe(202);
    expect(await retried.json()).toMatchObject({ state: "queued", run: 2, error: null });
    expect((await sourceParts(uploadId)).map((part) => part.size)).toEqual([MIB, 500]);
    // The second run's probe reads the same master.
    const again = await assignmentOfRun(jobId, "probe", 2);
    expect(again.spec).toMatchObject({ kind: "probe", availableBytes: bytes.length });
    const source = await transcoder.source(again);
    expect(source.status).toBe(200);
    expect(firstDifference(new Uint8Array(await source.arrayBuffer()), bytes)).toBe(-1);
  });

  it("will not retry a job whose upload never completed: there is no master", async () => {
    const cancelledEarly = await newJob({ titleId: await movie() }, { length: 3 * MIB });
    expect((await patch(admin, cancelledEarly.location, 0, fakeVideo(MIB))).status).toBe(204);
    expect((await action(cancelledEarly.jobId, "cancel")).status).toBe(200);
    await expectError(await action(cancelledEarly.jobId, "retry"), 409, "upload_incomplete");
    expect(await getJob(cancelledEarly.jobId)).toMatchObject({ state: "cancelled", run: 1 });

    const abandoned = await newJob({ titleId: await movie() }, { length: 3 * MIB });
    await runOpened(abandoned.jobId);
    const terminated = await ingest(abandoned.location, {
      method: "DELETE",
      caller: admin,
      headers: { "tus-resumable": "1.0.0" },
    });
    expect(terminated.status).toBe(204);
    expect((await failedJob(abandoned.jobId)).error_code).toBe("upload_abandoned");
    await expectError(await action(abandoned.jobId, "retry"), 409, "upload_incomplete");
    expect(await getJob(abandoned.jobId)).toMatchObject({
      state: "failed",
      run: 1,
      upload: { state: "terminated", completedAt: null },
      error: { code: "upload_abandoned" },
    });
  });
});

describe("who may manage jobs", () => {
  it("content admins and admins; a viewer gets 403, nobody signed in 401", async () => {
    const { jobId } = await newJob({ titleId: await movie() });
    const viewer = await caller("viewer");
    for (const who of [viewer, null]) {
      const status = who ? 403 : 401;
      const code = who ? "forbidden" : "unauthenticated";
      await expectError(await ingest("/api/ingest/jobs", { caller: who }), status, code);
      await expectError(await ingest(`/api/ingest/jobs/${jobId}`, { caller: who }), status, code);
      await expectError(await action(jobId, "cancel", who), status, code);
      await expectError(await action(jobId, "retry", who), status, code);
    }
    expect((await getJob(jobId)).state).toBe("queued");
    const superuser = await caller("admin");
    expect((await ingest(`/api/ingest/jobs/${jobId}`, { caller: superuser })).status).toBe(200);
  });
});

describe("webhooks", () => {
  const WEBHOOKS = "/api/ingest/webhooks";

  it("registers an endpoint, shows its secret once, lists and removes it", async () => {
    const created = await ingest(WEBHOOKS, {
      caller: admin,
      body: { url: "https://hooks.example.com/marquee", events: ["asset.ready", "asset.errored"] },
    });
    expect(created.status).toBe(201);
    const { webhook, secret } = (await created.json()) as {
      webhook: { id: string; url: string; events: string[]; createdAt: string };
      secret: string;
    };
    expect(webhook).toMatchObject({
      url: "https://hooks.example.com/marquee",
      events: ["asset.ready", "asset.errored"],
      createdAt: isoDate,
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);

    const listed = await ingest(WEBHOOKS, { caller: admin });
    expect(listed.status).toBe(200);
    const text = await listed.text();
    expect(text).not.toContain(secret);
    const { webhooks } = JSON.parse(text) as { webhooks: { id: string }[] };
    expect(webhooks).toContainEqual(webhook);
    // Stored sealed, never in the clear.
    const row = await env.DB.prepare("select sealed_secret from webhooks where id = ?")
      .bind(webhook.id)
      .first<{ sealed_secret: string }>();
    expect(row!.sealed_secret).not.toContain(secret.slice("whsec_".length));

    const deliveries = await ingest(`${WEBHOOKS}/${webhook.id}/deliveries`, { caller: admin });
    expect(await deliveries.json()).toEqual({ deliveries: [] });
    const removed = await ingest(`${WEBHOOKS}/${webhook.id}`, { method: "DELETE", caller: admin });
    expect(removed.status).toBe(204);
    const after = (await (await ingest(WEBHOOKS, { caller: admin })).json()) as {
      webhooks: { id: string }[];
    };
    expect(after.webhooks.map((entry) => entry.id)).not.toContain(webhook.id);
    await expectError(
      await ingest(`${WEBHOOKS}/${webhook.id}`, { method: "DELETE", caller: admin }),
      404,
      "not_found",
    );
    await expectError(
      await ingest(`${WEBHOOKS}/${webhook.id}/deliveries`, { caller: admin }),
      404,
      "not_found",
    );
  });

  it("takes only https endpoints (a local one outside production) and known events", async () => {
    for (const body of [
      { url: "http://hooks.example.com/x", events: ["asset.ready"] },
      { url: "ftp://hooks.example.com/x", events: ["asset.ready"] },
      { url: "not a url", events: ["asset.ready"] },
      { url: "https://hooks.example.com/x", events: [] },
      { url: "https://hooks.example.com/x", events: ["asset.deleted"] },
      { url: "https://hooks.example.com/x" },
    ]) {
      await expectError(await ingest(WEBHOOKS, { caller: admin, body }), 400, "validation_failed");
    }
    const local = await ingest(WEBHOOKS, {
      caller: admin,
      body: { url: "http://127.0.0.1:9999/hook", events: ["asset.ready"] },
    });
    expect(local.status).toBe(201);

    // In production a local endpoint is refused like any other plain-http one.
    const production = { ...config(env), ENVIRONMENT: "production" as const };
    await expect(
      createWebhook(
        { db: database(env.DB), config: production, caller: admin },
        { url: "http://127.0.0.1:9999/hook", events: ["asset.ready"] },
      ),
    ).rejects.toMatchObject({ status: 400 });
  });

  it("is for content admins only", async () => {
    const viewer = await caller("viewer");
    const body = { url: "https://hooks.example.com/x", events: ["asset.ready"] };
    await expectError(await ingest(WEBHOOKS, { caller: viewer }), 403, "forbidden");
    await expectError(await ingest(WEBHOOKS, { caller: viewer, body }), 403, "forbidden");
    await expectError(await ingest(WEBHOOKS), 401, "unauthenticated");
    await expectError(await ingest(WEBHOOKS, { body }), 401, "unauthenticated");
  });
});
