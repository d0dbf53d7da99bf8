/**
 * The transcode queue's consumer and its dead-letter queue, with a
 * transcoder that is made to fail (nothing listens at TRANSCODER_URL, as
 * after a crash): retries with backoff, the error kept on the job, leases
 * that keep two deliveries from running one job, duplicates that change
 * nothing, and giving up for good once the retries have run out.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../../lib/db/database.ts";
import { createLogger } from "../../../lib/http/logger.ts";
import { config } from "../src/config.ts";
import { consume, QUEUES } from "../src/consumers.ts";
import { transcode } from "../src/services/transcoding.ts";

interface JobRow {
  state: string;
  attempt: number;
  error_code: string | null;
  error_message: string | null;
  lease_expires_at: number | null;
}

/** A completed upload with its asset and job, as an upload session records them. */
async function job(state = "queued", extra: Record<string, unknown> = {}) {
  const uploadId = crypto.randomUUID();
  const assetId = crypto.randomUUID();
  const jobId = crypto.randomUUID();
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare(
      "insert into uploads (id, kind, filename, byte_length, state, created_at, updated_at, expires_at) values (?, 'video', 'film.mp4', 10, 'complete', ?, ?, ?)",
    ).bind(uploadId, now, now, now + 86_400_000),
    env.DB.prepare(
      "insert into media_assets (id, state, created_at, updated_at) values (?, 'processing', ?, ?)",
    ).bind(assetId, now, now),
    env.DB.prepare(
      "insert into ingest_jobs (id, upload_id, asset_id, state, attempt, lease_expires_at, error_code, error_message, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ).bind(
      jobId,
      uploadId,
      assetId,
      state,
      extra.attempt ?? 0,
      extra.leaseExpiresAt ?? null,
      extra.errorCode ?? null,
      extra.errorMessage ?? null,
      now,
      now,
    ),
  ]);
  await env.MEDIA.put(`sources/${uploadId}`, "the master");
  return { jobId, assetId, uploadId };
}

const row = (jobId: string) =>
  env.DB.prepare(
    "select state, attempt, error_code, error_message, lease_expires_at from ingest_jobs where id = ?",
  )
    .bind(jobId)
    .first<JobRow>();

async function deliver(queue: string, body: unknown, attempts = 1) {
  const batch = createMessageBatch(queue, [
    { id: crypto.randomUUID(), timestamp: new Date(), attempts, body },
  ]);
  await consume(batch, env);
  return getQueueResult(batch, createExecutionContext());
}

/** One delivery through the consumer's logic, to see the delay it asks for (the test queue drops it). */
const runDelivery = (jobId: string, delivery: number) =>
  transcode(
    {
      env,
      db: database(env.DB),
      config: config(env),
      logger: createLogger({ worker: "ingest", requestId: "test" }),
    },
    jobId,
    delivery,
  );

describe("transcode queue", () => {
  it("retries a crashed transcoder's job, keeping the error on the job", async () => {
    const { jobId } = await job();
    const result = await deliver(QUEUES.transcode, { jobId }, 1);
    expect(result.retryMessages).toHaveLength(1);
    expect(result.explicitAcks).toHaveLength(0);
    expect(await row(jobId)).toMatchObject({
      state: "queued",
      attempt: 1,
      error_code: "transcoder_unreachable",
      lease_expires_at: null,
    });
  });

  it("backs off exponentially from TRANSCODE_RETRY_DELAY_SECONDS (30 s), up to 15 minutes", async () => {
    const { jobId } = await job();
    const delays = [];
    for (const delivery of [1, 2, 3, 4, 7]) delays.push(await runDelivery(jobId, delivery));
    expect(delays).toEqual(
      [30, 60, 120, 240, 900].map((delaySeconds) => ({ ack: false, delaySeconds })),
    );
    expect((await row(jobId))!.attempt).toBe(5);
  });

  it("acknowledges a duplicate or late message without touching the job", async () => {
    for (const state of ["ready", "failed", "cancelled"]) {
      const { jobId } = await job(state);
      const result = await deliver(QUEUES.transcode, { jobId });
      expect(result.retryMessages).toHaveLength(0);
      expect(result.explicitAcks).toHaveLength(1);
      expect(await row(jobId)).toMatchObject({ state, attempt: 0 });
    }
    const unknown = await deliver(QUEUES.transcode, { jobId: crypto.randomUUID() });
    expect(unknown.explicitAcks).toHaveLength(1);
    const malformed = await deliver(QUEUES.transcode, { job: "nope" });
    expect(malformed.explicitAcks).toHaveLength(1);
  });

  it("leaves a job another delivery holds alone, and retries after its lease", async () => {
    const leaseExpiresAt = Date.now() + 200_000;
    const { jobId } = await job("processing", { attempt: 1, leaseExpiresAt });
    expect((await deliver(QUEUES.transcode, { jobId })).retryMessages).toHaveLength(1);
    const disposition = await runDelivery(jobId, 1);
    expect(disposition.ack).toBe(false);
    expect(!disposition.ack && disposition.delaySeconds).toBeGreaterThanOrEqual(199);
    expect(await row(jobId)).toMatchObject({ state: "processing", attempt: 1 });
  });

  it("takes over a job whose consumer died (its lease ran out)", async () => {
    const { jobId } = await job("processing", { attempt: 1, leaseExpiresAt: Date.now() - 1000 });
    await deliver(QUEUES.transcode, { jobId }, 2);
    expect(await row(jobId)).toMatchObject({
      state: "queued",
      attempt: 2,
      error_code: "transcoder_unreachable",
    });
  });
});

describe("dead-letter queue", () => {
  it("fails a job whose retries ran out: its outputs go, its source stays", async () => {
    const { jobId, assetId, uploadId } = await job("queued", {
      attempt: 4,
      errorCode: "transcoder_timeout",
      errorMessage: "No answer within 840 s.",
    });
    await env.MEDIA.put(`media/${assetId}/video/240p/seg-00000.m4s`, "partial");
    await env.MEDIA.put(`media/${assetId}/master.m3u8`, "#EXTM3U");
    const result = await deliver(QUEUES.deadLetters, { jobId });
    expect(result.explicitAcks).toHaveLength(1);
    expect(await row(jobId)).toMatchObject({
      state: "failed",
      error_code: "transcoder_timeout",
      error_message: "Gave up after 4 attempts. No answer within 840 s.",
    });
    expect((await env.MEDIA.list({ prefix: `media/${assetId}/` })).objects).toHaveLength(0);
    expect(await env.MEDIA.head(`sources/${uploadId}`)).not.toBeNull();
    const asset = await env.DB.prepare("select state from media_assets where id = ?")
      .bind(assetId)
      .first();
    expect(asset).toEqual({ state: "failed" });
  });

  it("leaves a job alone that another delivery is working on, or that finished", async () => {
    const held = await job("processing", { attempt: 2, leaseExpiresAt: Date.now() + 60_000 });
    const finished = await job("ready", { attempt: 1 });
    await deliver(QUEUES.deadLetters, { jobId: held.jobId });
    await deliver(QUEUES.deadLetters, { jobId: finished.jobId });
    expect((await row(held.jobId))!.state).toBe("processing");
    expect((await row(finished.jobId))!.state).toBe("ready");
  });
});
