/**
 * The service over HTTP: 202 and the task in the background, 503 while one
 * runs, /health, bad requests, and how an attempt ends: a 409 from the
 * ingest Worker kills every ffmpeg at once and sends nothing more, a bad
 * file fails for good, a source that cannot be read fails for a retry.
 */
import { readdirSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TaskAssignment } from "../../lib/ingest/task-protocol.ts";
import { chunkSpans } from "../../lib/media/frame-grid.ts";
import { startTranscoder } from "../src/server.ts";
import { clip } from "./clips.ts";
import { IngestDouble, type FakeJob, type JobOptions } from "./ingest-double.ts";

let ingest: IngestDouble;
let server: Awaited<ReturnType<typeof startTranscoder>>;
let base: string;
beforeAll(async () => {
  process.env.TRANSCODER_HEARTBEAT_MS = "100";
  ingest = await IngestDouble.start();
  server = await startTranscoder(0, "127.0.0.1");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  delete process.env.TRANSCODER_HEARTBEAT_MS;
  server.closeAllConnections();
  await new Promise((closed) => server.close(closed));
  await ingest.close();
});

/** Names of this process's child processes, zombies included, from /proc. */
function children(): string[] {
  const names: string[] = [];
  for (const pid of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) === process.pid)
        names.push(/^Name:\s+(.*)$/m.exec(status)?.[1] ?? "?");
    } catch {
      // The process ended while we looked.
    }
  }
  return names;
}

async function until(condition: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const post = (body: unknown) =>
  fetch(`${base}/tasks`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const health = async () =>
  (await fetch(`${base}/health`)).json() as Promise<{ status: string; taskId?: string }>;

/** A video task for the first chunk of a 25 fps master. */
async function videoJob(
  options: Partial<JobOptions> = {},
): Promise<{ job: FakeJob; assignment: TaskAssignment }> {
  const job = ingest.job({ source: await clip("grid25"), ...options });
  const rate = { num: 25, den: 1 };
  const rungs = [{ id: "180p", width: 320, height: 180, bitrateKbps: 500, baseKbps: 500 }];
  const chunk = chunkSpans(600, rate, 1)[0]!;
  const spec = { kind: "video" as const, chunk, frameRate: rate, rungs, sprite: null };
  return { job, assignment: job.assignment(spec, { startSeconds: 0, videoIndex: 0 }) };
}

describe("POST /tasks", () => {
  it("accepts a task at once, refuses another while it runs, and says so on /health", async () => {
    // The master's bytes are held until we let them through, so the task waits on them.
    const { job, assignment } = await videoJob({ available: 1000 });
    const accepted = await post(assignment);
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({ accepted: true });
    expect(await health()).toEqual({ status: "busy", taskId: assignment.taskId });

    const second = await videoJob();
    const refused = await post(second.assignment);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: { code: "busy" } });

    job.grow(job.byteLength);
    await until(() => job.completed !== undefined);
    await until(async () => (await health()).status === "ok");
    expect(job.completed).toMatchObject({ kind: "video" });
    expect(job.failed).toBeUndefined();
  }, 30_000);

  it("runs the next task the answer to complete hands over, keeping the slot until it is done", async () => {
    const first = await videoJob();
    // The next task's master is held back, so it is seen running.
    const second = await videoJob({ available: 1000 });
    first.job.next = second.assignment;
    expect((await post(first.assignment)).status).toBe(202);
    await until(async () => (await health()).taskId === second.assignment.taskId);
    expect(first.job.reports.map((r) => r.taskId)).toEqual([first.assignment.taskId]);
    second.job.grow(second.job.byteLength);
    await until(() => second.job.completed !== undefined);
    expect(second.job.reports.map((r) => r.taskId)).toEqual([second.assignment.taskId]);
    await until(async () => (await health()).status === "ok");
  }, 30_000);

  it("refuses bodies that are not assignments", async () => {
    const notJson = await post("{ nope");
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { code: "bad_request" } });
    const { assignment } = await videoJob();
    const invalid = await post({ ...assignment, token: "short", spec: { kind: "video" } });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { code: "validation_failed" } });
    const huge = await post({ ...assignment, padding: "x".repeat(300 * 1024) });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: "payload_too_large" } });
    expect((await fetch(`${base}/tasks`)).status).toBe(404);
    expect((await fetch(`${base}/jobs`, { method: "POST" })).status).toBe(404);
    expect(await health()).toEqual({ status: "ok" });
  });
});

describe("how an attempt ends", () => {
  it("stops at once when a heartbeat answers 409: ffmpeg killed, nothing more sent, slot free", async () => {
    const { job, assignment } = await videoJob({ available: 1000 });
    expect((await post(assignment)).status).toBe(202);
    await until(() => children().includes("ffmpeg"));
    const heartbeats = job.heartbeats.length;
    job.options.heartbeatStatus = 409;
    const stoppedAt = Date.now();
    await until(async () => (await health()).status === "ok", 5000);
    expect(Date.now() - stoppedAt).toBeLessThan(2000);
    expect(children()).toEqual([]);
    expect(job.completed).toBeUndefined();
    expect(job.failed).toBeUndefined();
    // The 409 was the last call: no more heartbeats after it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(job.heartbeats.length).toBe(heartbeats + 1);
  }, 30_000);

  it("stops just as at once when an upload answers 409", async () => {
    const { job, assignment } = await videoJob({ outputStatus: 409 });
    expect((await post(assignment)).status).toBe(202);
    await until(async () => (await health()).status === "ok");
    expect(children()).toEqual([]);
    expect(job.completed).toBeUndefined();
    expect(job.failed).toBeUndefined();
  }, 30_000);

  it("fails for good when the file is bad", async () => {
    const job = ingest.job({ source: await clip("not-video.mp4") });
    expect(
      (await post(job.assignment({ kind: "probe", availableBytes: job.byteLength, subtitles: [] })))
        .status,
    ).toBe(202);
    await until(() => job.failed !== undefined);
    expect(job.failed).toMatchObject({ error: { code: "corrupt_input" }, retryable: false });
    await until(async () => (await health()).status === "ok");
  }, 30_000);

  it("fails for a retry when the source cannot be read", async () => {
    const { job, assignment } = await videoJob({ sourceStatus: 500 });
    expect((await post(assignment)).status).toBe(202);
    await until(() => job.failed !== undefined);
    expect(job.failed).toMatchObject({ error: { code: "transcode_failed" }, retryable: true });
    expect(job.completed).toBeUndefined();
    await until(async () => (await health()).status === "ok");
  }, 30_000);
});
