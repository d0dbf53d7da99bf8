/**
 * Makes the demo catalog playable through the real pipeline, as an admin
 * would: each demo clip is uploaded with tus-js-client (subtitles first,
 * when it has some), transcoded by the transcoder, and once playable its
 * asset is shared round-robin with every demo movie and episode that has no
 * video yet (setTitleVideo / setEpisodeVideo). The first demo series gets
 * episodes of its own (episode-clips.ts), uploaded for its first season's
 * first episodes, so their shared intro and their credits are detected as
 * they would be for a real season.
 *
 * Idempotent: a clip whose upload completed is not uploaded again (its job,
 * if it failed or was cancelled, is retried), and titles that already play
 * are left alone, so a restart of `npm run dev` does nothing but check. An
 * upload a stopped `npm run dev` left unfinished is started afresh (the
 * unfinished one expires, and its job with it).
 */
import { readFileSync } from "node:fs";
import {
  adminApi,
  allJobs,
  isPlayable,
  jobOfUpload,
  uploadBytes,
  waitForJob,
  type AdminApi,
  type IngestJob,
} from "../admin-api.ts";
import { clipFile, DEMO_CLIPS, type DemoClip } from "./clips.ts";
import { DEMO_EPISODE_CLIPS } from "./episode-clips.ts";

interface AdminTitle {
  id: string;
  slug: string;
  type: "movie" | "series";
  playable: boolean;
  seasons: { episodes: { id: string; playable: boolean }[] }[];
}

/** What an upload is for: a movie, or an episode. */
type UploadTarget = { titleId: string } | { episodeId: string };

/** Every title, and for series their episodes (the list has no episodes; details do). */
export async function demoTitles({ call }: AdminApi): Promise<AdminTitle[]> {
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
  api: AdminApi,
  dir: string,
  clip: DemoClip,
  existing: IngestJob[],
  target: UploadTarget,
): Promise<string> {
  const filename = `demo-${clip.name}.mp4`;
  const job = existing.find(
    (candidate) => candidate.upload.filename === filename && candidate.upload.state === "complete",
  );
  if (job) {
    if (job.state === "failed" || job.state === "cancelled") {
      await api.call("POST", `/api/ingest/jobs/${job.id}/retry`);
    }
    return job.id;
  }
  const subtitleIds = clip.subtitles
    ? [
        await uploadBytes(api, Buffer.from(clip.subtitles.vtt), {
          kind: "subtitles",
          filename: `demo-${clip.name}.${clip.subtitles.language}.vtt`,
          language: clip.subtitles.language,
          label: clip.subtitles.label,
        }),
      ]
    : [];
  const uploadId = await uploadBytes(api, readFileSync(clipFile(dir, clip)), {
    filename,
    ...target,
    ...(subtitleIds.length ? { subtitles: subtitleIds.join(",") } : {}),
  });
  return (await jobOfUpload(api, uploadId)).id;
}

/** One of the demo series' own episodes and the job making its video. */
export interface DemoEpisodeJob {
  seriesId: string;
  episodeId: string;
  jobId: string;
}

/**
 * Uploads the generated episodes (episode-clips.ts, in `dir`) for the first
 * episodes of the first series with enough of them.
 */
export async function uploadDemoEpisodes(
  api: AdminApi,
  dir: string,
  titles: AdminTitle[],
  existing: IngestJob[],
): Promise<DemoEpisodeJob[]> {
  const series = titles.find(
    (title) => (title.seasons[0]?.episodes.length ?? 0) >= DEMO_EPISODE_CLIPS.length,
  );
  if (!series) return [];
  const jobs = [];
  for (const [index, clip] of DEMO_EPISODE_CLIPS.entries()) {
    const episodeId = series.seasons[0]!.episodes[index]!.id;
    const jobId = await jobFor(api, dir, clip, existing, { episodeId });
    jobs.push({ seriesId: series.id, episodeId, jobId });
  }
  return jobs;
}

/**
 * Once each is playable, its episode plays it (an upload attaches its video
 * only to an episode with none ready, and an older `npm run dev` state may
 * have shared a movie clip with it).
 */
export async function attachDemoEpisodes(api: AdminApi, jobs: readonly DemoEpisodeJob[]) {
  for (const { episodeId, jobId } of jobs) {
    const { asset } = await waitForJob(api, jobId, isPlayable);
    await api.call("PUT", `/api/admin/catalog/episodes/${episodeId}/video`, { assetId: asset.id });
  }
}

/**
 * Ingests the demo clips generated in `dir` into the platform at `baseUrl`
 * and attaches them to the demo catalog. `log` hears what happens.
 */
export async function ingestDemoMedia(baseUrl: string, dir: string, log: (line: string) => void) {
  const api = await adminApi(baseUrl);
  const { call } = api;
  const titles = await demoTitles(api);
  const movies = titles.filter((title) => title.type === "movie");
  const existing = await allJobs(api);

  const jobIds = [];
  for (const [index, clip] of DEMO_CLIPS.entries()) {
    jobIds.push(await jobFor(api, dir, clip, existing, { titleId: movies[index]!.id }));
  }
  const episodeJobs = await uploadDemoEpisodes(api, dir, titles, existing);
  log(`demo media: ${jobIds.length + episodeJobs.length} clips uploaded; transcoding…`);

  const assets = [];
  for (const jobId of jobIds) assets.push((await waitForJob(api, jobId, isPlayable)).asset.id);
  await attachDemoEpisodes(api, episodeJobs);

  // Round-robin over the clips, in a fixed order, for whatever has no video yet.
  let attached = 0;
  for (const [index, movie] of movies.entries()) {
    if (movie.playable) continue;
    await call("PUT", `/api/admin/catalog/titles/${movie.id}/video`, {
      assetId: assets[index % assets.length],
    });
    attached++;
  }
  const episodes = titles
    .flatMap((title) => title.seasons.flatMap((season) => season.episodes))
    .filter((episode) => !episodeJobs.some((own) => own.episodeId === episode.id));
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
