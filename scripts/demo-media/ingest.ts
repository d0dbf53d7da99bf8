/**
 * Makes the demo catalog playable through the real pipeline, as an admin
 * would: each demo clip is uploaded with tus-js-client (subtitles first,
 * when it has some), transcoded by the transcoder, and once playable its
 * asset is shared round-robin with every demo movie and episode that has no
 * video yet (setTitleVideo / setEpisodeVideo).
 *
 * Idempotent: a clip whose job exists is not uploaded again (a failed or
 * cancelled one is retried), and titles that already play are left alone,
 * so a restart of `npm run dev` does nothing but check.
 */
import * as tus from "tus-js-client";
import { DEMO_ACCOUNTS } from "../seed.ts";
import { clipFile, DEMO_CLIPS, type DemoClip } from "./clips.ts";
import { readFileSync } from "node:fs";

interface Job {
  id: string;
  state: "queued" | "processing" | "ready" | "failed" | "cancelled";
  upload: { id: string; filename: string };
  asset: { id: string; state: "processing" | "playable" | "ready" | "failed" };
  error: { code: string; message: string } | null;
}

interface AdminTitle {
  id: string;
  slug: string;
  type: "movie" | "series";
  playable: boolean;
  seasons: { episodes: { id: string; playable: boolean }[] }[];
}

const PLAYABLE_TIMEOUT_MS = 10 * 60_000;

/** A small JSON client for the admin API that waits out rate limits. */
function adminClient(baseUrl: string, token: string) {
  return async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    for (;;) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? null : JSON.stringify(body),
      });
      if (response.status === 429) {
        const seconds = Number(response.headers.get("retry-after") ?? "5");
        await new Promise((wait) => setTimeout(wait, seconds * 1000));
        continue;
      }
      if (!response.ok)
        throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (response.status === 204 ? undefined : await response.json()) as T;
    }
  };
}

async function signInAsAdmin(baseUrl: string): Promise<string> {
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

/** One tus upload from memory; resolves with the upload id. */
function upload(
  baseUrl: string,
  token: string,
  bytes: Buffer,
  metadata: Record<string, string>,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const tusUpload = new tus.Upload(bytes, {
      endpoint: `${baseUrl}/api/ingest/uploads`,
      headers: { Authorization: `Bearer ${token}` },
      metadata,
      chunkSize: 8 * 1024 * 1024,
      retryDelays: [0, 1000, 3000],
      onError: reject,
      onSuccess: () => resolve(tusUpload.url!.split("/").pop()!),
    });
    tusUpload.start();
  });
}

async function allJobs(call: ReturnType<typeof adminClient>): Promise<Job[]> {
  const jobs: Job[] = [];
  let cursor: string | null = null;
  do {
    const page: { jobs: Job[]; nextCursor: string | null } = await call(
      "GET",
      `/api/ingest/jobs?limit=100${cursor ? `&cursor=${cursor}` : ""}`,
    );
    jobs.push(...page.jobs);
    cursor = page.nextCursor;
  } while (cursor);
  return jobs;
}

/** Every title, and for series their episodes (the list has no episodes; details do). */
async function demoTitles(call: ReturnType<typeof adminClient>): Promise<AdminTitle[]> {
  const titles: Omit<AdminTitle, "seasons">[] = [];
  for (let page = 1; ; page++) {
    const list = await call<{ titles: Omit<AdminTitle, "seasons">[]; total: number }>(
      "GET",
      `/api/admin/catalog/titles?pageSize=100&page=${page}`,
    );
    titles.push(...list.titles);
    if (titles.length >= list.total || list.titles.length === 0) break;
  }
  const withEpisodes = [];
  for (const title of titles) {
    withEpisodes.push(
      title.type === "series"
        ? await call<AdminTitle>("GET", `/api/admin/catalog/titles/${title.id}`)
        : { ...title, seasons: [] },
    );
  }
  return withEpisodes.sort((a, b) => a.slug.localeCompare(b.slug));
}

/** The clip's job: the existing one (retried if it failed), or a new upload's. */
async function jobFor(
  context: { baseUrl: string; token: string; call: ReturnType<typeof adminClient>; dir: string },
  clip: DemoClip,
  existing: Job[],
  titleId: string,
): Promise<string> {
  const filename = `demo-${clip.name}.mp4`;
  const job = existing.find((candidate) => candidate.upload.filename === filename);
  if (job) {
    if (job.state === "failed" || job.state === "cancelled") {
      await context.call("POST", `/api/ingest/jobs/${job.id}/retry`);
    }
    return job.id;
  }
  const subtitleIds = clip.subtitles
    ? [
        await upload(context.baseUrl, context.token, Buffer.from(clip.subtitles.vtt), {
          kind: "subtitles",
          filename: `demo-${clip.name}.${clip.subtitles.language}.vtt`,
          language: clip.subtitles.language,
          label: clip.subtitles.label,
        }),
      ]
    : [];
  const uploadId = await upload(
    context.baseUrl,
    context.token,
    readFileSync(clipFile(context.dir, clip)),
    { filename, titleId, ...(subtitleIds.length ? { subtitles: subtitleIds.join(",") } : {}) },
  );
  const created = (await allJobs(context.call)).find(
    (candidate) => candidate.upload.id === uploadId,
  );
  if (!created) throw new Error(`no job for the upload of ${filename}`);
  return created.id;
}

async function whenPlayable(call: ReturnType<typeof adminClient>, jobId: string): Promise<Job> {
  const deadline = Date.now() + PLAYABLE_TIMEOUT_MS;
  for (;;) {
    const job = await call<Job>("GET", `/api/ingest/jobs/${jobId}`);
    if (job.asset.state === "playable" || job.asset.state === "ready") return job;
    if (job.state === "failed") throw new Error(`demo job ${jobId} failed: ${job.error?.message}`);
    if (Date.now() > deadline)
      throw new Error(`demo job ${jobId} is not playable after 10 minutes`);
    await new Promise((wait) => setTimeout(wait, 1000));
  }
}

/**
 * Ingests the demo clips generated in `dir` into the platform at `baseUrl`
 * and attaches them to the demo catalog. `log` hears what happens.
 */
export async function ingestDemoMedia(baseUrl: string, dir: string, log: (line: string) => void) {
  const token = await signInAsAdmin(baseUrl);
  const call = adminClient(baseUrl, token);
  const titles = await demoTitles(call);
  const movies = titles.filter((title) => title.type === "movie");
  const existing = await allJobs(call);

  const jobIds = [];
  for (const [index, clip] of DEMO_CLIPS.entries()) {
    jobIds.push(await jobFor({ baseUrl, token, call, dir }, clip, existing, movies[index]!.id));
  }
  log(`demo media: ${jobIds.length} clips uploaded; transcoding…`);

  const assets = [];
  for (const jobId of jobIds) assets.push((await whenPlayable(call, jobId)).asset.id);

  // Round-robin over the clips, in a fixed order, for whatever has no video yet.
  let attached = 0;
  for (const [index, movie] of movies.entries()) {
    if (movie.playable) continue;
    await call("PUT", `/api/admin/catalog/titles/${movie.id}/video`, {
      assetId: assets[index % assets.length],
    });
    attached++;
  }
  const episodes = titles.flatMap((title) => title.seasons.flatMap((season) => season.episodes));
  for (const [index, episode] of episodes.entries()) {
    if (episode.playable) continue;
    await call("PUT", `/api/admin/catalog/episodes/${episode.id}/video`, {
      assetId: assets[index % assets.length],
    });
    attached++;
  }
  log(
    `demo media: playable (${attached} titles and episodes attached now; the full ladders finish in the background)`,
  );
}
