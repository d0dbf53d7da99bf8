/**
 * An upload session on its own: what it does when left idle, when a second
 * request takes over a stalled one, and when its completion steps have to
 * run again after a crash.
 */
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { UploadInit, UploadSession } from "../src/upload-session.ts";

const MIB = 1024 * 1024;

/** An MP4-looking file (an ftyp box, then filler). */
function video(length: number): Uint8Array {
  const bytes = new Uint8Array(length).fill(7);
  bytes.set([0, 0, 0, 24, ...new TextEncoder().encode("ftypisom")]);
  return bytes;
}

const stream = (bytes: Uint8Array) => new Blob([bytes]).stream();

// The uploader: upload rows name their account.
const accountId = crypto.randomUUID();
beforeAll(async () => {
  await env.DB.prepare(
    "insert into accounts (id, email, password_hash, roles, plan, created_at, updated_at) values (?, ?, 'x', '[\"admin\"]', 'standard', 0, 0)",
  )
    .bind(accountId, `${accountId}@example.com`)
    .run();
});

async function session(overrides: Partial<UploadInit> = {}) {
  const uploadId = crypto.randomUUID();
  const stub = env.UPLOAD_SESSIONS.getByName(uploadId);
  await stub.create({
    uploadId,
    kind: "video",
    accountId,
    filename: "film.mp4",
    byteLength: 6 * MIB,
    titleId: null,
    episodeId: null,
    language: null,
    label: null,
    subtitleUploadIds: [],
    metadataHeader: "",
    partBytes: 5 * MIB,
    idleTimeoutMs: 60_000,
    ...overrides,
  });
  return { uploadId, stub };
}

const uploadRow = (uploadId: string) =>
  env.DB.prepare("select state from uploads where id = ?")
    .bind(uploadId)
    .first<{ state: string }>();

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

describe("idle uploads", () => {
  it("expire: the multipart upload is aborted, the row says so, the session forgets", async () => {
    const { uploadId, stub } = await session();
    const appended = await stub.append(0, stream(video(5 * MIB + 100)), null);
    expect(appended).toMatchObject({ ok: true, status: { offset: 5 * MIB + 100 } });
    // Not idle yet: the alarm only re-arms.
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await stub.status()).not.toBeNull();

    let multipartId = "";
    await rewriteState(stub, (saved) => {
      multipartId = saved.multipartId as string;
      return saved;
    });
    expect(multipartId).toEqual(expect.any(String));
    await idle(stub);
    await evictAndAlarm(stub);
    expect(await stub.status()).toBeNull();
    expect(await uploadRow(uploadId)).toEqual({ state: "expired" });
    // The parts are gone with the multipart upload.
    await expect(
      env.MEDIA.resumeMultipartUpload(`sources/${uploadId}`, multipartId).complete([]),
    ).rejects.toThrow();
    expect(await env.MEDIA.head(`sources/${uploadId}`)).toBeNull();
  });

  it("once complete, keep the source and forget only the session", async () => {
    const { uploadId, stub } = await session({ byteLength: 1000 });
    expect(await stub.append(0, stream(video(1000)), null)).toMatchObject({ ok: true });
    await idle(stub);
    await evictAndAlarm(stub);
    expect(await stub.status()).toBeNull();
    expect(await uploadRow(uploadId)).toEqual({ state: "complete" });
    expect((await env.MEDIA.head(`sources/${uploadId}`))?.size).toBe(1000);
  });
});

async function evictAndAlarm(stub: DurableObjectStub<UploadSession>) {
  expect(await runDurableObjectAlarm(stub)).toBe(true);
}

describe("a stalled request", () => {
  it("is taken over by the next one, which starts from the stored offset", async () => {
    const { stub } = await session({ byteLength: 2 * MIB });
    const bytes = video(2 * MIB);
    // Sends half, then stalls without closing, like a client whose network went away.
    let stall!: () => void;
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, MIB));
      },
      pull: () => new Promise<void>((resume) => (stall = resume)),
    });
    const first = stub.append(0, stalled, null);
    await new Promise((wait) => setTimeout(wait, 50));
    const second = await stub.append(0, stream(bytes), null);
    expect(second).toMatchObject({ ok: true, status: { offset: 2 * MIB, complete: true } });
    expect(await first).toMatchObject({ ok: false, status: 409, code: "superseded" });
    stall?.();
  });
});

describe("completion", () => {
  it("makes exactly one job however often its steps run again", async () => {
    const { uploadId, stub } = await session({ byteLength: 1000 });
    await stub.append(0, stream(video(1000)), null);
    const jobs = () =>
      env.DB.prepare("select count(*) as n from ingest_jobs where upload_id = ?")
        .bind(uploadId)
        .first<{ n: number }>();
    expect(await jobs()).toEqual({ n: 1 });
    // As if the object had crashed after recording the job but before saying so.
    await rewriteState(stub, (saved) => ({ ...saved, recorded: false, enqueued: false }));
    await evictAndAlarm(stub);
    expect(await jobs()).toEqual({ n: 1 });
    expect((await stub.status())?.jobId).toEqual(expect.any(String));
  });
});
