/**
 * What the TaskBoard does when things go wrong, through the real Workflow,
 * queue and routes: a transcoder that goes silent loses its task to
 * another attempt (and its token stops working); with every transcoder
 * busy, tasks wait visibly and go out when one frees up; a duplicate task
 * message hands nothing out twice; bad input fails the job for good; a
 * task that keeps failing fails the job after TASK_MAX_ATTEMPTS; a cancel
 * stops every task and removes the outputs; a failed job runs again as a
 * new run.
 */
import { describe, expect, it } from "vitest";
import { assetKey } from "../../../lib/media/asset-layout.ts";
import {
  assignment,
  assignments,
  caller,
  env,
  eventually,
  expectError,
  fastStartVideo,
  ingest,
  jobOfUpload,
  MIB,
  movie,
  patch,
  setSlotsBusy,
  slotAssignments,
  startUpload,
  transcoder,
} from "./helpers.ts";
import { probeResult, videoResult } from "./task-results.ts";

/** A job whose probe a transcoder has taken; `beforeProbeResult` runs before it reports. */
async function probedJob(beforeProbeResult: () => Promise<unknown> = async () => {}) {
  const admin = await caller("content_admin");
  const bytes = fastStartVideo(2 * MIB);
  const location = await startUpload(admin, bytes.length, {
    filename: "film.mp4",
    titleId: await movie(),
  });
  expect((await patch(admin, location, 0, bytes)).status).toBe(204);
  const job = (await jobOfUpload(location))!;
  const probe = await assignment(job.id, "probe");
  await beforeProbeResult();
  expect((await transcoder.complete(probe, probeResult())).status).toBe(200);
  return { admin, job, probe };
}

const jobRow = (jobId: string) =>
  env.DB.prepare("select state, error_code, error_message, attempt from ingest_jobs where id = ?")
    .bind(jobId)
    .first<{
      state: string;
      error_code: string | null;
      error_message: string | null;
      attempt: number;
    }>();

describe("leases", () => {
  it("a task whose transcoder stops heartbeating goes out again; the old attempt is refused", async () => {
    const { job } = await probedJob();
    const first = await assignment(job.id, "video-0-low", 1);
    expect((await transcoder.heartbeat(first, { progress: 0.1 })).status).toBe(200);
    // No more heartbeats: after the lease (5 s in tests) the board hands it out again.
    const second = await assignment(job.id, "video-0-low", 2);
    await expectError(
      await transcoder.heartbeat(first, { progress: 0.2 }),
      409,
      "attempt_superseded",
    );
    await expectError(
      await transcoder.write(first, "video/240p/seg-00000.m4s", "late"),
      409,
      "attempt_superseded",
    );
    expect((await transcoder.complete(second, videoResult(second))).status).toBe(200);
  }, 30_000);
});

describe("waiting for a transcoder", () => {
  it("tasks wait while every slot is busy, visibly, and go out once one frees up", async () => {
    try {
      const { admin, job } = await probedJob(() => setSlotsBusy(true));
      const waiting = await eventually(async () => {
        const response = await ingest(`/api/ingest/jobs/${job.id}`, { caller: admin });
        const body = (await response.json()) as { tasks: { waitingForTranscoder: number } };
        return body.tasks.waitingForTranscoder > 0 && body.tasks;
      }, "tasks to be waiting for a transcoder");
      expect(waiting.waitingForTranscoder).toBeGreaterThan(0);
      // The probe's transcoder, free again, was handed the most urgent task (the first
      // chunk's lowest rung) with its report's answer; every other task waits for a slot.
      expect(
        (await slotAssignments()).filter((a) => a.jobId === job.id && a.taskId !== "probe"),
      ).toEqual([]);
      expect((await assignments()).filter((a) => a.jobId === job.id).map((a) => a.taskId)).toEqual([
        "probe",
        "video-0-low",
      ]);
      await setSlotsBusy(false);
      await assignment(job.id, "audio");
    } finally {
      await setSlotsBusy(false);
    }
  }, 30_000);
});

describe("duplicate messages", () => {
  it("hand nothing out twice", async () => {
    const { job } = await probedJob();
    // Every task of the job out (the scripted slots take everything).
    await assignment(job.id, "video-2-all");
    const before = (await assignments()).filter((a) => a.jobId === job.id);
    await env.TRANSCODE_QUEUE.send({ jobId: job.id, run: 1 });
    await env.TRANSCODE_QUEUE.send({ jobId: job.id, run: 1 });
    await new Promise((wait) => setTimeout(wait, 1500));
    const after = (await assignments()).filter((a) => a.jobId === job.id);
    expect(after).toHaveLength(before.length);
    expect(new Set(after.map((a) => a.taskId)).size).toBe(after.length);
  });
});

describe("failures", () => {
  it("bad input fails the job for good, with the transcoder's reason, and removes outputs", async () => {
    const { job } = await probedJob();
    const low = await assignment(job.id, "video-0-low");
    const other = await assignment(job.id, "video-1-all");
    expect((await transcoder.write(low, "video/240p/init.mp4", "init")).status).toBe(204);
    const failure = { code: "corrupt_input", message: "The file ends early: only 3.2 s of 20 s." };
    expect((await transcoder.fail(low, { error: failure, retryable: false })).status).toBe(200);
    const failed = await eventually(
      async () => ((await jobRow(job.id))?.state === "failed" ? jobRow(job.id) : null),
      "the job to fail",
    );
    expect(failed).toMatchObject({ error_code: "corrupt_input", error_message: failure.message });
    await eventually(
      async () => !(await env.MEDIA.head(assetKey(job.asset_id, "video/240p/init.mp4"))),
      "the outputs to be removed",
    );
    // Its other tasks' transcoders are told to stop.
    await expectError(await transcoder.heartbeat(other, { progress: 0.5 }), 409);
  });

  it("a task that keeps failing fails the job after TASK_MAX_ATTEMPTS (3 in tests)", async () => {
    const { job } = await probedJob();
    for (const attempt of [1, 2, 3]) {
      const handed = await assignment(job.id, "video-2-all", attempt);
      const error = { code: "transcoder_crashed", message: `ffmpeg was killed (${attempt})` };
      expect((await transcoder.fail(handed, { error, retryable: true })).status).toBe(200);
    }
    const failed = await eventually(
      async () => ((await jobRow(job.id))?.state === "failed" ? jobRow(job.id) : null),
      "the job to fail",
    );
    expect(failed?.error_code).toBe("task_failed");
    expect(failed?.error_message).toContain("failed 3 times");
  });

  it("a failed job runs again as its next run, from its kept master", async () => {
    const { admin, job, probe } = await probedJob();
    const low = await assignment(job.id, "video-0-low");
    const error = { code: "unsupported_input", message: "No." };
    await transcoder.fail(low, { error, retryable: false });
    await eventually(async () => (await jobRow(job.id))?.state === "failed", "the job to fail");
    const retried = await ingest(`/api/ingest/jobs/${job.id}/retry`, {
      caller: admin,
      method: "POST",
    });
    expect(retried.status).toBe(202);
    expect(await retried.json()).toMatchObject({ run: 2, state: "queued" });
    const again = await eventually(
      async () =>
        (await assignments()).find(
          (a) => a.jobId === job.id && a.taskId === "probe" && a.token !== probe.token,
        ),
      "the second run's probe",
    );
    // The first run's tokens are worthless now.
    await expectError(await transcoder.heartbeat(low, { progress: 0 }), 409);
    expect((await transcoder.complete(again, probeResult())).status).toBe(200);
  });
});

describe("cancel", () => {
  it("stops every task, removes the outputs and keeps the master", async () => {
    const { admin, job } = await probedJob();
    const low = await assignment(job.id, "video-0-low");
    expect((await transcoder.write(low, "video/240p/seg-00000.m4s", "segment")).status).toBe(204);
    const cancelled = await ingest(`/api/ingest/jobs/${job.id}/cancel`, {
      caller: admin,
      method: "POST",
    });
    expect(cancelled.status).toBe(200);
    await expectError(await transcoder.heartbeat(low, { progress: 0.5 }), 409, "job_cancelled");
    await expectError(await transcoder.write(low, "video/240p/seg-00001.m4s", "x"), 409);
    await eventually(
      async () => !(await env.MEDIA.head(assetKey(job.asset_id, "video/240p/seg-00000.m4s"))),
      "the outputs to be removed",
    );
    const upload = await env.DB.prepare(
      "select id from uploads where id = (select upload_id from ingest_jobs where id = ?)",
    )
      .bind(job.id)
      .first<{ id: string }>();
    expect(await env.MEDIA.head(`sources/${upload!.id}/part-000000`)).not.toBeNull();
  });
});
