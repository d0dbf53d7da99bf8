/**
 * A playable film for playback tests: a published movie whose asset has a
 * three-rung ladder (240p, 720p, 1080p) and one audio track in R2, with
 * manifests written by the generators the ingest Worker uses
 * (lib/media/manifests). Segments are a few marked bytes each (the tests
 * read them back; no player decodes them).
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { assetKey } from "../../../lib/media/asset-layout.ts";
import type { Presentation } from "../../../lib/media/presentation.ts";
import { dashManifest } from "../../../lib/media/manifests/dash.ts";
import { masterPlaylist, mediaPlaylist } from "../../../lib/media/manifests/hls.ts";
import type { MediaTrack } from "../../../lib/media/manifests/media-track.ts";
import { request } from "./helpers.ts";
import { createMovie } from "./movie-fixture.ts";

const SEGMENTS = 3;
const RUNGS = [
  { id: "240p", width: 426, height: 240, kbps: 300 },
  { id: "720p", width: 1280, height: 720, kbps: 2500 },
  { id: "1080p", width: 1920, height: 1080, kbps: 5000 },
];

function presentation(): Presentation {
  return {
    durationSeconds: SEGMENTS * 4,
    video: RUNGS.map((rung) => ({
      id: rung.id,
      width: rung.width,
      height: rung.height,
      frameRate: 30,
      bandwidth: rung.kbps * 1000,
      averageBandwidth: rung.kbps * 900,
      codecs: "avc1.64001f",
      playlist: `video/${rung.id}/index.m3u8`,
    })),
    audio: [
      {
        id: "a0-en",
        language: "en",
        name: "English",
        channels: 2,
        bandwidth: 128_000,
        averageBandwidth: 128_000,
        codecs: "mp4a.40.2",
        default: true,
        playlist: "audio/a0-en/index.m3u8",
      },
    ],
    subtitles: [],
    poster: null,
    trickplay: null,
    hls: "master.m3u8",
    dash: "manifest.mpd",
    complete: true,
  };
}

const track = (dir: string, timescale: number): MediaTrack => ({
  dir,
  timescale,
  segments: Array.from({ length: SEGMENTS }, (_, n) => ({
    baseMediaDecodeTime: n * 4 * timescale,
    duration: 4 * timescale,
    size: 100,
  })),
});

/** A published film with a finished ladder in R2, made by `adminToken`; returns its ids. */
export async function playableFilm(adminToken: string) {
  const titleId = await createMovie(adminToken);
  const published = await request(`/api/admin/catalog/titles/${titleId}/publish`, {
    method: "POST",
    token: adminToken,
  });
  expect(published.status).toBe(200);
  const assetId = crypto.randomUUID();
  const shown = presentation();
  const tracks = new Map<string, MediaTrack>([
    ...RUNGS.map((rung) => [rung.id, track(`video/${rung.id}`, 15360)] as const),
    ["a0-en", { ...track("audio/a0-en", 48000), sampleRate: 48000 }],
  ]);
  const files: [string, string][] = [
    ["master.m3u8", masterPlaylist(shown)],
    ["manifest.mpd", dashManifest(shown, tracks)],
  ];
  for (const [id, t] of tracks) {
    const dir = id === "a0-en" ? "audio/a0-en" : `video/${id}`;
    files.push([`${dir}/index.m3u8`, mediaPlaylist(t)], [`${dir}/init.mp4`, `init of ${id}`]);
    for (let n = 0; n < SEGMENTS; n++) {
      files.push([`${dir}/seg-${String(n).padStart(5, "0")}.m4s`, `segment ${n} of ${id}`]);
    }
  }
  await Promise.all(files.map(([path, body]) => env.MEDIA.put(assetKey(assetId, path), body)));
  await env.DB.batch([
    env.DB.prepare(
      "insert into media_assets (id, title_id, state, presentation, duration_seconds, created_at, updated_at) values (?, ?, 'ready', ?, ?, ?, ?)",
    ).bind(assetId, titleId, JSON.stringify(shown), shown.durationSeconds, Date.now(), Date.now()),
    env.DB.prepare("update titles set video_asset_id = ? where id = ?").bind(assetId, titleId),
  ]);
  return { titleId, assetId };
}
