/**
 * Putting a master through the pipeline as an admin does: a new published
 * film, subtitles uploaded first if any, then the master over tus (at full
 * speed, or paced), and the job that follows.
 */
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import {
  adminApi,
  createPublishedFilm,
  jobOfUpload,
  uploadBytes,
  waitForJob,
  type AdminApi,
  type IngestJob,
  type UploadPace,
} from "../../../../scripts/admin-api.ts";

export interface JobView extends IngestJob {
  upload: IngestJob["upload"] & { completedAt: string | null };
  stage: string | null;
  run: number;
  secondsToPlayable: number | null;
  secondsToReady: number | null;
  tasks: {
    instances: number;
    waitingForTranscoder: number;
    chunks: { count: number; rows: { rung: string; cells: string[] }[] } | null;
  } | null;
}

let api: Promise<AdminApi> | undefined;
export const admin = () => (api ??= adminApi(inject("baseUrl")));

export async function getJob(jobId: string): Promise<JobView> {
  return (await admin()).call<JobView>("GET", `/api/ingest/jobs/${jobId}`);
}

export interface IngestOptions {
  subtitles?: string;
  name?: string;
  /** Send the master slowly, as a camera or a slow uplink would. */
  pace?: UploadPace;
}

/** Creates the film and starts uploading its master; `uploaded` settles once the last byte is in. */
export async function startIngest(
  path: string,
  options: IngestOptions = {},
): Promise<{ filmId: string; uploaded: Promise<{ jobId: string; uploadId: string }> }> {
  const adminApi = await admin();
  const filmId = await createPublishedFilm(adminApi, options.name ?? "Pipeline Film");
  const subtitles = options.subtitles
    ? await uploadBytes(adminApi, Buffer.from(options.subtitles), {
        kind: "subtitles",
        filename: "en.vtt",
        language: "en",
        label: "English",
      })
    : null;
  const uploaded = (async () => {
    const uploadId = await uploadBytes(
      adminApi,
      readFileSync(path),
      { filename: "master.mp4", titleId: filmId, ...(subtitles ? { subtitles } : {}) },
      options.pace,
    );
    const job = await jobOfUpload(adminApi, uploadId);
    return { jobId: job.id, uploadId };
  })();
  return { filmId, uploaded };
}

/** The whole master uploaded: the film, its job and its upload. */
export async function ingestMaster(
  path: string,
  options: IngestOptions = {},
): Promise<{ filmId: string; jobId: string; uploadId: string }> {
  const { filmId, uploaded } = await startIngest(path, options);
  return { filmId, ...(await uploaded) };
}

/** Waits for the job to be ready; throws with its error if it fails. */
export async function untilReady(jobId: string, timeoutMs = 200_000): Promise<JobView> {
  return (await waitForJob(await admin(), jobId, (job) => job.state === "ready", {
    timeoutMs,
    intervalMs: 500,
  })) as JobView;
}

/** Polls the job until `done(job)`, whatever its state. */
export async function until(
  jobId: string,
  done: (job: JobView) => boolean,
  timeoutMs = 200_000,
): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(jobId);
    if (done(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId}: not there in time (${job.state})`);
    await new Promise((wait) => setTimeout(wait, 300));
  }
}
