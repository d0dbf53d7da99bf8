/**
 * The pipeline when transcoders fail it: an instance killed in the middle
 * of a chunk costs only that chunk, redone elsewhere, and the job completes;
 * with no instance at all for a while the job waits (visibly) and completes
 * once they are back; a cancel mid-job leaves nothing running and the title
 * without the job's video.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { admin, getJob, ingestMaster, until, untilReady } from "./ingest-master.ts";
import { master } from "./masters.ts";
import {
  killTranscoder,
  killTranscoders,
  startTranscoders,
  transcoderStatus,
} from "./transcoders.ts";

beforeAll(() => startTranscoders());
afterAll(() => killTranscoders());

/** How many times each of the job's tasks was started, from the transcoders' log lines. */
function taskStarts(jobId: string): Map<string, number> {
  const starts = new Map<string, number>();
  for (const text of readFileSync(inject("stackLog"), "utf8").split("\n")) {
    if (!text.startsWith("{") || !text.includes(jobId)) continue;
    const line = JSON.parse(text) as { message?: string; jobId?: string; taskId: string };
    if (line.message !== "task started" || line.jobId !== jobId) continue;
    starts.set(line.taskId, (starts.get(line.taskId) ?? 0) + 1);
  }
  return starts;
}

/** Waits until some transcoder is busy with a chunk task; its port. */
async function busyWithChunk(): Promise<number> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    for (const port of inject("transcoderPorts")) {
      const status = await transcoderStatus(port);
      if (status?.status === "busy" && status.taskId?.startsWith("video-")) return port;
    }
    if (Date.now() > deadline) throw new Error("no transcoder took a chunk");
    await new Promise((wait) => setTimeout(wait, 100));
  }
}

describe("a transcoder killed mid-chunk", () => {
  it("costs only its chunk: the job completes", async () => {
    await startTranscoders();
    const { jobId } = await ingestMaster(await master("fastStart"), { name: "Killed Mid-Chunk" });
    const victim = await busyWithChunk();
    const killedTask = (await transcoderStatus(victim))!.taskId!;
    await killTranscoder(victim);
    const job = await untilReady(jobId);
    expect(job.tasks?.chunks?.rows.every((row) => row.cells.every((c) => c === "done"))).toBe(true);
    // The killed task started twice (the second time elsewhere); every other task once.
    const starts = taskStarts(jobId);
    expect(starts.get(killedTask)).toBe(2);
    for (const [taskId, count] of starts) {
      if (taskId !== killedTask) expect(count, taskId).toBe(1);
    }
    await startTranscoders();
  });
});

describe("no transcoder at all for a while", () => {
  it("makes the job wait, visibly, and it completes once they are back", async () => {
    await killTranscoders();
    const { jobId } = await ingestMaster(await master("fastStart"), { name: "Waited For" });
    const waiting = await until(jobId, (job) => (job.tasks?.waitingForTranscoder ?? 0) > 0);
    expect(waiting.state).toBe("queued");
    await new Promise((wait) => setTimeout(wait, 3000));
    expect((await getJob(jobId)).state).not.toBe("failed");
    await startTranscoders();
    await untilReady(jobId);
  });
});

describe("cancel mid-job", () => {
  it("stops every task and takes the job's video away", async () => {
    await startTranscoders();
    const { jobId, filmId } = await ingestMaster(await master("fastStart"), { name: "Cancelled" });
    await busyWithChunk();
    const api = await admin();
    const cancelled = await api.call<{ state: string }>("POST", `/api/ingest/jobs/${jobId}/cancel`);
    expect(cancelled.state).toBe("cancelled");
    // Every transcoder learns at its next call (a heartbeat every 3 s at most) and stops.
    const idle = async () =>
      (await Promise.all(inject("transcoderPorts").map(transcoderStatus))).every(
        (status) => status?.status === "ok",
      );
    const deadline = Date.now() + 15_000;
    while (!(await idle())) {
      if (Date.now() > deadline) throw new Error("a transcoder kept working on a cancelled job");
      await new Promise((wait) => setTimeout(wait, 200));
    }
    const job = await getJob(jobId);
    expect(job.asset.state).toBe("failed");
    const film = await api.call<{ playable: boolean }>(
      "GET",
      `/api/admin/catalog/titles/${filmId}`,
    );
    expect(film.playable).toBe(false);
  });
});
