/**
 * The ingest and catalog admin API as a Node script drives it: sign in as
 * the demo admin, call JSON endpoints (waiting out rate limits), upload with
 * tus-js-client and follow a job. Used by the demo media ingest and by
 * bench:ingest, which act as an admin would.
 */
import { createReadStream, type ReadStream } from "node:fs";
import * as tus from "tus-js-client";
import { DEMO_ACCOUNTS } from "./seed.ts";

export interface IngestJob {
  id: string;
  state: "queued" | "processing" | "ready" | "failed" | "cancelled";
  upload: {
    id: string;
    filename: string;
    state: "uploading" | "complete" | "expired" | "terminated";
  };
  asset: { id: string; state: "processing" | "playable" | "ready" | "failed" };
  target: { titleId: string | null; episodeId: string | null };
  error: { code: string; message: string } | null;
  createdAt: string;
  startedAt: string | null;
  playableAt: string | null;
  finishedAt: string | null;
}

export type AdminCall = <T>(method: string, path: string, body?: unknown) => Promise<T>;

export interface AdminApi {
  baseUrl: string;
  /** The current access token (renewed as it expires). */
  readonly token: string;
  call: AdminCall;
}

/** The demo admin's access token (a bearer token, as API clients use). */
async function signInAdmin(baseUrl: string): Promise<string> {
  const admin = DEMO_ACCOUNTS.find((account) => account.roles.includes("admin"))!;
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: admin.email, password: admin.password, tokenDelivery: "body" }),
  });
  if (!response.ok) throw new Error(`demo admin sign-in failed: ${response.status}`);
  const { tokens } = (await response.json()) as { tokens: { accessToken: string } };
  return tokens.accessToken;
}

/**
 * Signs in as the demo admin. Calls wait out rate limits, and sign in
 * again when the access token expires (a long encode outlives it).
 */
export async function adminApi(baseUrl: string): Promise<AdminApi> {
  let token = await signInAdmin(baseUrl);
  const call: AdminCall = async <T>(method: string, path: string, body?: unknown) => {
    for (;;) {
      const answer = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? null : JSON.stringify(body),
      });
      if (answer.status === 429) {
        const seconds = Number(answer.headers.get("retry-after") ?? "5");
        await new Promise((wait) => setTimeout(wait, seconds * 1000));
        continue;
      }
      if (answer.status === 401 && (await answer.clone().text()).includes("token_expired")) {
        token = await signInAdmin(baseUrl);
        continue;
      }
      if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
      return (answer.status === 204 ? undefined : await answer.json()) as T;
    }
  };
  return {
    baseUrl,
    get token() {
      return token;
    },
    call,
  };
}

/** How fast to send an upload, as a camera or a slow uplink would: PATCHes of `chunkBytes`, no faster than `bytesPerSecond`. */
export interface UploadPace {
  chunkBytes: number;
  bytesPerSecond: number;
}

/**
 * One tus upload (at full speed, or paced); resolves with the upload id.
 * From memory, or from a file's ReadStream, which tus-js-client reads a
 * chunk at a time (a master of several gigabytes never fits one Buffer).
 */
export function uploadBytes(
  api: AdminApi,
  bytes: Buffer | ReadStream,
  metadata: Record<string, string>,
  pace?: UploadPace,
): Promise<string> {
  const started = performance.now();
  let patches = 0;
  return new Promise((resolve, reject) => {
    const upload = new tus.Upload(bytes, {
      endpoint: `${api.baseUrl}/api/ingest/uploads`,
      headers: { Authorization: `Bearer ${api.token}` },
      metadata,
      chunkSize: pace?.chunkBytes ?? 8 * 1024 * 1024,
      retryDelays: [0, 1000, 3000],
      // Each PATCH waits for its place on the paced timeline.
      onBeforeRequest: async (request) => {
        if (!pace || request.getMethod() !== "PATCH") return;
        const due = started + ((patches++ * pace.chunkBytes) / pace.bytesPerSecond) * 1000;
        await new Promise((wait) => setTimeout(wait, Math.max(0, due - performance.now())));
      },
      onError: reject,
      onSuccess: () => resolve(upload.url!.split("/").pop()!),
    });
    upload.start();
  });
}

/** Every ingest job, newest first. */
export async function allJobs(api: AdminApi): Promise<IngestJob[]> {
  const jobs: IngestJob[] = [];
  let cursor: string | null = null;
  do {
    const page: { jobs: IngestJob[]; nextCursor: string | null } = await api.call(
      "GET",
      `/api/ingest/jobs?limit=100${cursor ? `&cursor=${cursor}` : ""}`,
    );
    jobs.push(...page.jobs);
    cursor = page.nextCursor;
  } while (cursor);
  return jobs;
}

/** The job of an upload (made with the upload, so it can start before the last byte). */
export async function jobOfUpload(api: AdminApi, uploadId: string): Promise<IngestJob> {
  const job = (await allJobs(api)).find((candidate) => candidate.upload.id === uploadId);
  if (!job) throw new Error(`no job for upload ${uploadId}`);
  return job;
}

/**
 * Polls a job every `intervalMs` until `done(job)`; throws when it fails
 * or `timeoutMs` passes.
 */
export async function waitForJob(
  api: AdminApi,
  jobId: string,
  done: (job: IngestJob) => boolean,
  { timeoutMs = 10 * 60_000, intervalMs = 1000 } = {},
): Promise<IngestJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await api.call<IngestJob>("GET", `/api/ingest/jobs/${jobId}`);
    if (done(job)) return job;
    if (job.state === "failed") throw new Error(`job ${jobId} failed: ${job.error?.message}`);
    if (Date.now() > deadline) throw new Error(`job ${jobId} did not get there in time`);
    await new Promise((wait) => setTimeout(wait, intervalMs));
  }
}

export const isPlayable = (job: IngestJob) =>
  job.asset.state === "playable" || job.asset.state === "ready";

/** A new published film (PG, drama), ready for a video; returns its id. */
export async function createPublishedFilm(api: AdminApi, name: string): Promise<string> {
  const film = await api.call<{ id: string }>("POST", "/api/admin/catalog/titles", {
    slug: `${name.toLowerCase().replaceAll(/[^a-z0-9]+/g, "-")}-${crypto.randomUUID().slice(0, 8)}`,
    type: "movie",
    name,
    synopsis: `${name}: a film made by a script.`,
    year: 2026,
    releasedOn: "2026-01-01",
    runtimeMinutes: 1,
    rating: "PG",
    languages: ["en"],
    genres: ["drama"],
  });
  await api.call("POST", `/api/admin/catalog/titles/${film.id}/publish`);
  return film.id;
}

/**
 * A new published film whose video is the master at `path` (uploaded from
 * the file, with the completed subtitle uploads `subtitles`), once its job
 * is playable or, with `until: "ready"`, has its whole ladder; returns its id.
 */
export async function filmFromMaster(
  api: AdminApi,
  name: string,
  path: string,
  {
    until = "playable",
    subtitles = [],
    timeoutMs = 15 * 60_000,
  }: { until?: "playable" | "ready"; subtitles?: string[]; timeoutMs?: number } = {},
): Promise<string> {
  const filmId = await createPublishedFilm(api, name);
  const uploadId = await uploadBytes(api, createReadStream(path), {
    filename: path.slice(path.lastIndexOf("/") + 1),
    titleId: filmId,
    ...(subtitles.length ? { subtitles: subtitles.join(",") } : {}),
  });
  const job = await jobOfUpload(api, uploadId);
  await waitForJob(
    api,
    job.id,
    (candidate) => (until === "ready" ? candidate.state === "ready" : isPlayable(candidate)),
    { timeoutMs },
  );
  return filmId;
}
