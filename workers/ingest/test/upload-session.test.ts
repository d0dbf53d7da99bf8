/**
 * An upload session (the Durable Object) on its own, called as the upload
 * routes call it: an idle upload expires (its part objects removed, its row
 * marked expired, its job abandoned and failed), a completed one keeps its
 * parts and forgets only the session, a stalled request is taken over by
 * the next one, and the steps of creating and completing an upload that run
 * again after a crash change nothing (one job, one complete row). Also: an
 * upload abandoned before its job's Workflow opened the run still fails
 * that job.
 */
import {
  evictDurableObject,
  introspectWorkflowInstance,
  runDurableObjectAlarm,
  runInDurableObject,
} from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { UploadInit, UploadSession } from "../src/objects/upload-session.ts";
import { insertUpload } from "../src/storage/upload-records.ts";
import { workflowInstanceId } from "../src/workflow/start.ts";
import {
  boardOf,
  caller,
  env,
  failedJob,
  fakeVideo,
  firstDifference,
  jobRow,
  MIB,
  movie,
  runOpened,
  sourceParts,
  storedSource,
  uploadRow,
} from "./helpers.ts";

const stream = (bytes: Uint8Array) => new Blob([bytes]).stream();

let accountId: string;
let titleId: string;
beforeAll(async () => {
  accountId = (await caller("content_admin")).accountId;
  titleId = await movie();
});

/** What the upload routes would open a session with, for a video of `byteLength` bytes. */
function videoInit(byteLength: number): UploadInit {
  return {
    uploadId: crypto.randomUUID(),
    kind: "video",
    accountId,
    filename: "film.mp4",
    byteLength,
    partBytes: MIB,
    titleId,
    episodeId: null,
    language: null,
    label: null,
    subtitleUploadIds: [],
    job: { jobId: crypto.randomUUID(), assetId: crypto.randomUUID() },
    metadataHeader: "",
    idleTimeoutMs: 60_000,
  };
}

async function session(byteLength: number) {
  const init = videoInit(byteLength);
  const stub = env.UPLOAD_SESSIONS.getByName(init.uploadId);
  await stub.create(init);
  return { init, uploadId: init.uploadId, jobId: init.job!.jobId, stub };
}

/** Rewrites the stored session state, then evicts the object so it wakes from storage. */
async function rewriteState(
  stub: DurableObjectStub<UploadSession>,
  change: (saved: Record<string, unknown>) => Record<string, unknown>,
) {
  await runInDurableObject(stub, (_instance, state) => {
    const row = state.storage.sql.exec<{ state: string }>("select state from session").one();
    const saved = JSON.parse(row.state) as Record<string, unknown>;
    state.storage.sql.exec("update session set state = ?", JSON.stringify(change(saved)));
  });
  await evictDurableObject(stub);
}

/** As if the upload had sat idle past its expiry. */
const idle = (stub: DurableObjectStub<UploadSession>) =>
  rewriteState(stub, (saved) => ({ ...saved, expiresAt: Date.now() - 1 }));

const jobsOf = async (uploadId: string) =>
  (
    await env.DB.prepare("select count(*) as n from ingest_jobs where upload_id = ?")
      .bind(uploadId)
      .first<{ n: number }>()
  )?.n;

const uploadsWithId = async (uploadId: string) =>
  (
    await env.DB.prepare("select count(*) as n from uploads where id = ?")
      .bind(uploadId)
      .first<{ n: number }>()
  )?.n;

describe("idle uploads", () => {
  it("expire: the part objects are removed, the row says expired, the job fails as abandoned", async () => {
    const { uploadId, jobId, stub } = await session(3 * MIB);
    const bytes = fakeVideo(3 * MIB);
    expect(await stub.append(0, stream(bytes.subarray(0, 2.5 * MIB)), null)).toMatchObject({
      ok: true,
      status: { offset: 2.5 * MIB, complete: false },
    });
    expect(await sourceParts(uploadId)).toHaveLength(2);
    await runOpened(jobId);

    // Not idle yet: the alarm only re-arms.
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await stub.status()).toMatchObject({ offset: 2.5 * MIB });

    await idle(stub);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await stub.status()).toBeNull();
    expect(await stub.readable()).toBeNull();
    expect(await uploadRow(uploadId)).toMatchObject({ state: "expired", completed_at: null });
    expect(await sourceParts(uploadId)).toEqual([]);
    // Nothing is left to wake up for, and nothing comes back from storage.
    expect(await runDurableObjectAlarm(stub)).toBe(false);
    await evictDurableObject(stub);
    expect(await stub.status()).toBeNull();

    const failed = await failedJob(jobId);
    expect(failed).toMatchObject({ error_code: "upload_abandoned", stage: "uploading" });
    expect(failed.error_message).toContain("expired");
  });

  it("once complete, keep their parts and forget only the session", async () => {
    const { uploadId, jobId, stub } = await session(2 * MIB + 1000);
    const bytes = fakeVideo(2 * MIB + 1000);
    expect(await stub.append(0, stream(bytes), null)).toMatchObject({
      ok: true,
      status: { complete: true },
    });
    await runOpened(jobId);
    await idle(stub);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await stub.status()).toBeNull();
    expect(await uploadRow(uploadId)).toMatchObject({ state: "complete" });
    expect(firstDifference(await storedSource(uploadId), bytes)).toBe(-1);
    // The job carries on with the whole master.
    expect(await boardOf(jobId).sourceFacts()).toMatchObject({
      complete: true,
      readableBytes: bytes.length,
    });
    await new Promise((wait) => setTimeout(wait, 500));
    expect((await jobRow(jobId))?.error_code).toBeNull();
  });
});

describe("a stalled request", () => {
  it("is taken over by the next one, which resumes from the committed offset", async () => {
    const { uploadId, stub } = await session(2 * MIB);
    const bytes = fakeVideo(2 * MIB);
    // A whole part and a bit, then a little more, then nothing, without closing: like a
    // client whose network went away mid-request.
    const pieces = [bytes.slice(0, MIB + 100_000), bytes.slice(MIB + 100_000, MIB + 300_000)];
    let stall!: () => void;
    const stalled = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = pieces.shift();
        if (next) controller.enqueue(next);
        else return new Promise<void>((resume) => (stall = resume));
      },
    });
    const first = stub.append(0, stalled, null);
    // The first part is committed once it fills (with whatever was read along with it);
    // what arrives after it is not, until the next part fills or the request ends.
    let committed = 0;
    for (let tries = 0; committed < MIB && tries < 200; tries++) {
      await new Promise((wait) => setTimeout(wait, 20));
      committed = (await stub.status())!.offset;
    }
    expect(committed).toBeGreaterThanOrEqual(MIB);
    await new Promise((wait) => setTimeout(wait, 100));
    expect((await stub.status())?.offset).toBe(committed);

    const second = await stub.append(committed, stream(bytes.subarray(committed)), null);
    expect(second).toMatchObject({ ok: true, status: { offset: 2 * MIB, complete: true } });
    expect(await first).toMatchObject({ ok: false, status: 409, code: "superseded" });
    stall?.();
    expect(firstDifference(await storedSource(uploadId), bytes)).toBe(-1);
  });
});

describe("steps that run again after a crash", () => {
  it("completing again makes no second job and no second complete row", async () => {
    const { init, uploadId, jobId, stub } = await session(MIB + 1000);
    expect(await stub.append(0, stream(fakeVideo(MIB + 1000)), null)).toMatchObject({ ok: true });
    const completed = await uploadRow(uploadId);
    expect(completed).toMatchObject({ state: "complete", detected_type: "mp4" });
    expect(await jobsOf(uploadId)).toBe(1);

    // As if the object had crashed before it recorded and announced the completion.
    await rewriteState(stub, (saved) => ({
      ...saved,
      recorded: false,
      announcedComplete: false,
      announcedBytes: 0,
    }));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await uploadRow(uploadId)).toEqual(completed);
    expect(await uploadsWithId(uploadId)).toBe(1);
    expect(await jobsOf(uploadId)).toBe(1);
    expect(await boardOf(jobId).sourceFacts()).toMatchObject({ complete: true });

    // A create the routes retried finds the session it made.
    expect(await stub.create(init)).toMatchObject({ offset: MIB + 1000, complete: true, jobId });
    expect(await jobsOf(uploadId)).toBe(1);
    expect(await uploadRow(uploadId)).toEqual(completed);
  });

  it("creating again after the rows were written makes no second job", async () => {
    const init = videoInit(4096);
    // The rows made, then the crash before the session saved its state.
    await insertUpload(env.DB, { ...init, expiresAt: Date.now() + 60_000 });
    const stub = env.UPLOAD_SESSIONS.getByName(init.uploadId);
    expect(await stub.create(init)).toMatchObject({ offset: 0, jobId: init.job!.jobId });
    expect(await jobsOf(init.uploadId)).toBe(1);
    expect(await uploadsWithId(init.uploadId)).toBe(1);
    expect(await jobRow(init.job!.jobId)).toMatchObject({ state: "queued", stage: "uploading" });
    await runOpened(init.job!.jobId);
  });
});

describe("an upload abandoned early", () => {
  it("fails its job even when the job's run had not opened yet", async () => {
    const init = videoInit(3 * MIB);
    const jobId = init.job!.jobId;
    // The run's first step fails once (D1 busy, say), so it opens only on its retry, seconds later.
    const workflow = await introspectWorkflowInstance(
      env.INGEST_JOBS,
      workflowInstanceId(jobId, 1),
    );
    try {
      await workflow.modify(async (m) => {
        await m.mockStepError({ name: "open the run" }, new Error("D1 is busy"), 1);
      });
      const stub = env.UPLOAD_SESSIONS.getByName(init.uploadId);
      await stub.create(init);
      expect(await stub.terminate()).toEqual({ ok: true });
      expect(await uploadRow(init.uploadId)).toMatchObject({ state: "terminated" });
      await workflow.waitForStepResult({ name: "open the run" });
      await failedJob(jobId, 10_000).catch(() => undefined);
      expect(await jobRow(jobId)).toMatchObject({
        state: "failed",
        error_code: "upload_abandoned",
      });
    } finally {
      await workflow.dispose();
    }
  }, 30_000);
});
