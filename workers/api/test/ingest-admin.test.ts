/**
 * The admin side of ingest: jobs (list, read, retry, cancel) and webhook
 * endpoints. Jobs are made the real way, by completing an upload; states a
 * transcoder would reach are set in D1.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadDemoCatalog } from "./demo-catalog.ts";
import { env, expectError, request, staffToken, viewerToken } from "./helpers.ts";
import { createMovie, fakeVideo, jobsOfUpload, patch, startUpload } from "./uploads.ts";

let admin: string;
let movieId: string;
beforeAll(async () => {
  await loadDemoCatalog();
  admin = (await staffToken("content_admin")).token;
  movieId = await createMovie(admin);
});

interface Job {
  id: string;
  state: string;
  progress: number;
  error: { code: string; message: string } | null;
  upload: { filename: string; byteLength: number };
  target: { titleId: string | null; name: string | null };
  asset: { id: string; state: string; renditions: string[] };
}

async function newJob(filename = "film.mp4"): Promise<string> {
  const bytes = fakeVideo(4096);
  const location = await startUpload(admin, bytes.length, { filename, titleId: movieId });
  expect((await patch(admin, location, 0, bytes)).status).toBe(204);
  return (await jobsOfUpload(location))[0]!.id;
}

const setState = (jobId: string, state: string) =>
  env.DB.prepare("update ingest_jobs set state = ? where id = ?").bind(state, jobId).run();

async function getJob(jobId: string): Promise<Job> {
  const response = await request(`/api/ingest/jobs/${jobId}`, { token: admin });
  expect(response.status).toBe(200);
  return (await response.json()) as Job;
}

describe("jobs", () => {
  it("shows a new job with its file, its title and its asset", async () => {
    const jobId = await newJob("the-master.mov");
    const job = await getJob(jobId);
    expect(job).toMatchObject({
      id: jobId,
      state: "queued",
      progress: 0,
      error: null,
      upload: { filename: "the-master.mov", byteLength: 4096 },
      target: { titleId: movieId, name: "The Upload Test" },
      asset: { state: "processing", renditions: [] },
    });
  });

  it("lists jobs newest first, filtered, a page at a time", async () => {
    const ids = [await newJob(), await newJob(), await newJob()];
    await setState(ids[0]!, "failed");
    const firstPage = await request(`/api/ingest/jobs?titleId=${movieId}&limit=2`, {
      token: admin,
    });
    const page = (await firstPage.json()) as { jobs: Job[]; nextCursor: string | null };
    expect(page.jobs.map((job) => job.id).slice(0, 2)).toEqual([ids[2], ids[1]]);
    expect(page.nextCursor).not.toBeNull();
    const next = await request(
      `/api/ingest/jobs?titleId=${movieId}&limit=100&cursor=${page.nextCursor}`,
      { token: admin },
    );
    const rest = ((await next.json()) as { jobs: Job[] }).jobs.map((job) => job.id);
    expect(rest).toContain(ids[0]);
    expect(rest).not.toContain(ids[1]);
    const failed = await request("/api/ingest/jobs?state=failed", { token: admin });
    const failedIds = ((await failed.json()) as { jobs: Job[] }).jobs.map((job) => job.id);
    expect(failedIds).toContain(ids[0]);
    expect(failedIds).not.toContain(ids[2]);
  });

  it("cancels a queued job, retries it, and refuses what its state does not allow", async () => {
    const jobId = await newJob();
    await expectError(
      await request(`/api/ingest/jobs/${jobId}/retry`, { method: "POST", token: admin }),
      409,
      "invalid_job_state",
    );
    const cancelled = await request(`/api/ingest/jobs/${jobId}/cancel`, {
      method: "POST",
      token: admin,
    });
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as Job).state).toBe("cancelled");
    await expectError(
      await request(`/api/ingest/jobs/${jobId}/cancel`, { method: "POST", token: admin }),
      409,
      "invalid_job_state",
    );
    const retried = await request(`/api/ingest/jobs/${jobId}/retry`, {
      method: "POST",
      token: admin,
    });
    expect(retried.status).toBe(202);
    expect(await retried.json()).toMatchObject({ state: "queued", error: null });

    await setState(jobId, "ready");
    await expectError(
      await request(`/api/ingest/jobs/${jobId}/cancel`, { method: "POST", token: admin }),
      409,
      "invalid_job_state",
    );
  });

  it("retries a failed job from scratch, keeping its source", async () => {
    const jobId = await newJob();
    await env.DB.prepare(
      "update ingest_jobs set state = 'failed', error_code = 'corrupt_input', error_message = 'bad' where id = ?",
    )
      .bind(jobId)
      .run();
    const retried = await request(`/api/ingest/jobs/${jobId}/retry`, {
      method: "POST",
      token: admin,
    });
    expect(await retried.json()).toMatchObject({ state: "queued", error: null, progress: 0 });
    const upload = await env.DB.prepare(
      "select u.id from uploads u join ingest_jobs j on j.upload_id = u.id where j.id = ?",
    )
      .bind(jobId)
      .first<{ id: string }>();
    expect(await env.MEDIA.head(`sources/${upload!.id}`)).not.toBeNull();
  });

  it("is for content admins only", async () => {
    const viewer = (await viewerToken()).token;
    await expectError(await request("/api/ingest/jobs", { token: viewer }), 403, "forbidden");
    await expectError(await request("/api/ingest/jobs"), 401, "unauthenticated");
  });
});

describe("webhooks", () => {
  it("registers an endpoint, shows its secret once, lists and removes it", async () => {
    const created = await request("/api/ingest/webhooks", {
      token: admin,
      body: { url: "https://hooks.example.com/marquee", events: ["asset.ready", "asset.errored"] },
    });
    expect(created.status).toBe(201);
    const { webhook, secret } = (await created.json()) as {
      webhook: { id: string; url: string; events: string[] };
      secret: string;
    };
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const list = (await (await request("/api/ingest/webhooks", { token: admin })).json()) as {
      webhooks: Record<string, unknown>[];
    };
    const listed = list.webhooks.find((entry) => entry.id === webhook.id);
    expect(listed).toMatchObject({ url: "https://hooks.example.com/marquee" });
    expect(JSON.stringify(list)).not.toContain(secret);
    // Stored sealed, never in the clear.
    const row = await env.DB.prepare("select sealed_secret from webhooks where id = ?")
      .bind(webhook.id)
      .first<{ sealed_secret: string }>();
    expect(row!.sealed_secret).not.toContain(secret.slice(6));

    const deliveries = await request(`/api/ingest/webhooks/${webhook.id}/deliveries`, {
      token: admin,
    });
    expect(await deliveries.json()).toEqual({ deliveries: [] });
    const removed = await request(`/api/ingest/webhooks/${webhook.id}`, {
      method: "DELETE",
      token: admin,
    });
    expect(removed.status).toBe(204);
    await expectError(
      await request(`/api/ingest/webhooks/${webhook.id}`, { method: "DELETE", token: admin }),
      404,
      "not_found",
    );
  });

  it("takes only https endpoints (or a local one outside production) and known events", async () => {
    for (const body of [
      { url: "http://hooks.example.com/x", events: ["asset.ready"] },
      { url: "ftp://hooks.example.com/x", events: ["asset.ready"] },
      { url: "https://hooks.example.com/x", events: [] },
      { url: "https://hooks.example.com/x", events: ["asset.deleted"] },
    ]) {
      await expectError(
        await request("/api/ingest/webhooks", { token: admin, body }),
        400,
        "validation_failed",
      );
    }
    const local = await request("/api/ingest/webhooks", {
      token: admin,
      body: { url: "http://127.0.0.1:9999/hook", events: ["asset.ready"] },
    });
    expect(local.status).toBe(201);
  });
});
