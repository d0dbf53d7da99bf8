/**
 * Sharing a transcoded asset between catalog entries with the admin catalog
 * API (PUT …/titles/{id}/video and …/episodes/{id}/video): a playable asset
 * attached to another movie and to an episode, audited, and taken down
 * again; an unknown asset, one with nothing playable, and a series refused.
 * Assets are made directly in D1, as a finished ingest leaves them (a row
 * with its presentation); ingest itself is the ingest Worker's, tested there.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Presentation } from "../../../lib/media/presentation.ts";
import { loadDemoCatalog } from "./demo-catalog.ts";
import { env, expectError, request, staffToken } from "./helpers.ts";
import { createMovie } from "./movie-fixture.ts";

let admin: string;
beforeAll(async () => {
  await loadDemoCatalog();
  admin = (await staffToken("content_admin")).token;
});

function presentation(): Presentation {
  return {
    durationSeconds: 12.5,
    video: [
      {
        id: "240p",
        width: 426,
        height: 240,
        frameRate: 30,
        bandwidth: 480_000,
        averageBandwidth: 360_000,
        codecs: "avc1.64001f",
        playlist: "video/240p/index.m3u8",
      },
    ],
    audio: [],
    subtitles: [],
    poster: "poster.jpg",
    trickplay: null,
    hls: "master.m3u8",
    dash: "manifest.mpd",
    complete: false,
  };
}

/** An asset of `titleId` in `state`, with a presentation unless it has nothing playable. */
async function asset(titleId: string, state: "processing" | "playable" | "ready" | "failed") {
  const id = crypto.randomUUID();
  const playable = state === "playable" || state === "ready";
  await env.DB.batch([
    env.DB.prepare(
      "insert into media_assets (id, title_id, state, presentation, duration_seconds, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)",
    ).bind(
      id,
      titleId,
      state,
      playable ? JSON.stringify(presentation()) : null,
      playable ? 12.5 : null,
      Date.now(),
      Date.now(),
    ),
    ...(playable
      ? [env.DB.prepare("update titles set video_asset_id = ? where id = ?").bind(id, titleId)]
      : []),
  ]);
  return id;
}

const attach = (path: string, assetId: string | null) =>
  request(`/api/admin/catalog/${path}/video`, {
    method: "PUT",
    token: admin,
    body: { assetId },
  });

const videoOf = (table: "titles" | "episodes", id: string) =>
  env.DB.prepare(`select video_asset_id from ${table} where id = ?`)
    .bind(id)
    .first<{ video_asset_id: string | null }>();

describe("sharing an asset between catalog entries", () => {
  it("attaches a playable asset to another movie and an episode, audited; takes it down again", async () => {
    const owner = await createMovie(admin);
    const assetId = await asset(owner, "playable");
    const otherMovie = await createMovie(admin);

    const attached = await attach(`titles/${otherMovie}`, assetId);
    expect(attached.status).toBe(200);
    expect(await attached.json()).toEqual({ videoAssetId: assetId });
    expect(await videoOf("titles", otherMovie)).toEqual({ video_asset_id: assetId });
    const episode = await env.DB.prepare("select id from episodes limit 1").first<{ id: string }>();
    expect((await attach(`episodes/${episode!.id}`, assetId)).status).toBe(200);
    expect(await videoOf("episodes", episode!.id)).toEqual({ video_asset_id: assetId });

    const audit = await request(`/api/admin/catalog/audit-log?entityId=${otherMovie}`, {
      token: admin,
    });
    const { entries } = (await audit.json()) as { entries: { before: unknown; after: unknown }[] };
    expect(entries[0]).toMatchObject({
      before: { videoAssetId: null },
      after: { videoAssetId: assetId },
    });

    expect((await attach(`titles/${otherMovie}`, null)).status).toBe(200);
    expect(await videoOf("titles", otherMovie)).toEqual({ video_asset_id: null });
    // The movie it was made for keeps it.
    expect(await videoOf("titles", owner)).toEqual({ video_asset_id: assetId });
  });

  it("refuses an unknown asset, one with nothing playable, and a series", async () => {
    const movie = await createMovie(admin);
    await expectError(await attach(`titles/${movie}`, crypto.randomUUID()), 400, "unknown_asset");
    for (const state of ["processing", "failed"] as const) {
      const unplayable = await asset(movie, state);
      await expectError(await attach(`titles/${movie}`, unplayable), 409, "asset_not_playable");
    }
    expect(await videoOf("titles", movie)).toEqual({ video_asset_id: null });

    const ready = await asset(await createMovie(admin), "ready");
    const series = await env.DB.prepare(
      "select id from titles where type = 'series' limit 1",
    ).first<{ id: string }>();
    await expectError(await attach(`titles/${series!.id}`, ready), 409, "not_a_movie");
  });
});
