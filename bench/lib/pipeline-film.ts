/**
 * A published film made through the real pipeline on a local stack: a clip
 * generated with ffmpeg, uploaded with tus as the demo admin, and waited
 * for until the job is where the benchmark needs it (playable or ready).
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  adminApi,
  createPublishedFilm,
  isPlayable,
  jobOfUpload,
  uploadBytes,
  waitForJob,
} from "../../scripts/admin-api.ts";
import { makeClipAt } from "../../scripts/ffmpeg-clip.ts";

export interface PipelineFilm {
  name: string;
  /** ffmpeg's arguments for the master, before its output path. */
  clipArgs: string[];
  /** "playable": from its first chunk; "ready": its whole ladder. */
  until: "playable" | "ready";
}

/** Makes the film and returns its title id. */
export async function filmThroughPipeline(baseUrl: string, film: PipelineFilm): Promise<string> {
  const api = await adminApi(baseUrl);
  const filmId = await createPublishedFilm(api, film.name);
  const dir = await mkdtemp(join(tmpdir(), "marquee-bench-film-"));
  try {
    const clip = await makeClipAt(join(dir, "master.mp4"), film.clipArgs);
    const uploadId = await uploadBytes(api, readFileSync(clip), {
      filename: "master.mp4",
      titleId: filmId,
    });
    const job = await jobOfUpload(api, uploadId);
    await waitForJob(
      api,
      job.id,
      (candidate) => (film.until === "ready" ? candidate.state === "ready" : isPlayable(candidate)),
      { timeoutMs: 15 * 60_000 },
    );
    return filmId;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
