/**
 * A published film made through the real pipeline on a local stack: a clip
 * generated with ffmpeg, uploaded with tus as the demo admin, and waited
 * for until the job is where the benchmark needs it (playable or ready).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { adminApi, filmFromMaster } from "../../scripts/admin-api.ts";
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
  const dir = await mkdtemp(join(tmpdir(), "marquee-bench-film-"));
  try {
    const clip = await makeClipAt(join(dir, "master.mp4"), film.clipArgs);
    return await filmFromMaster(await adminApi(baseUrl), film.name, clip, { until: film.until });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
