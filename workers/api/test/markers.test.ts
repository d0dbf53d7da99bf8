/**
 * Playback markers: an admin sets, clears and hands back to detection a
 * film's or an episode's intro, recap and credits; the player gets what is
 * in force with its playback session. Detected markers are written by
 * ingest; here they are put in D1 as ingest would store them.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { expectError, request, staffToken, viewerToken } from "./helpers.ts";
import { loadDemoCatalog } from "./demo-catalog.ts";
import { createMovie } from "./movie-fixture.ts";
import { playableFilm } from "./playback-fixture.ts";

let admin: string;
/** The fixture film is 12 s long. */
let film: { titleId: string };

beforeAll(async () => {
  await loadDemoCatalog();
  admin = (await staffToken("content_admin")).token;
  film = await playableFilm(admin);
});

const markersPath = (titleId: string) => `/api/admin/catalog/titles/${titleId}/markers`;
const setMarkers = (path: string, body: unknown, token = admin) =>
  request(path, { method: "PUT", token, body });

interface VideoMarkers {
  durationSeconds: number | null;
  inForce: Record<string, { startSeconds: number; source: string } | null>;
  detected: Record<string, { startSeconds: number; confidence: number } | null>;
}

async function playerMarkers(titleId: string) {
  const { token } = await viewerToken();
  const started = await request("/api/playback", {
    token,
    body: { titleId, deviceId: `markers-${crypto.randomUUID().slice(0, 8)}` },
  });
  expect(started.status).toBe(201);
  return ((await started.json()) as { markers: unknown }).markers;
}

function detect(titleId: string, kind: string, startSeconds: number, endSeconds: number | null) {
  return env.DB.prepare(
    "insert into playback_markers (video_id, title_id, kind, source, start_seconds, end_seconds, confidence, updated_at) values (?, ?, ?, 'detected', ?, ?, 0.8, ?)",
  )
    .bind(titleId, titleId, kind, startSeconds, endSeconds, Date.now())
    .run();
}

describe("an admin's markers", () => {
  it("are in force for the player, with the credits' default until set", async () => {
    expect(await playerMarkers(film.titleId)).toEqual({
      intro: null,
      recap: null,
      // The last 5% of 12 s.
      creditsStartSeconds: 11.4,
    });
    const set = await setMarkers(markersPath(film.titleId), {
      recap: { startSeconds: 0, endSeconds: 2 },
      intro: { startSeconds: 2.5, endSeconds: 6 },
      credits: { startSeconds: 10 },
    });
    expect(set.status).toBe(200);
    const body = (await set.json()) as VideoMarkers;
    expect(body.durationSeconds).toBe(12);
    expect(body.inForce.intro).toEqual({
      startSeconds: 2.5,
      endSeconds: 6,
      confidence: 1,
      source: "admin",
    });
    expect(await playerMarkers(film.titleId)).toEqual({
      intro: { startSeconds: 2.5, endSeconds: 6 },
      recap: { startSeconds: 0, endSeconds: 2 },
      creditsStartSeconds: 10,
    });
  });

  it("overrule detection, say there is none, and hand a kind back to detection", async () => {
    const { titleId } = await playableFilm(admin);
    await detect(titleId, "intro", 1, 5);
    await detect(titleId, "credits", 9, null);
    expect(await playerMarkers(titleId)).toMatchObject({
      intro: { startSeconds: 1, endSeconds: 5 },
      creditsStartSeconds: 9,
    });

    // No intro after all, credits a second later.
    await setMarkers(markersPath(titleId), { intro: null, credits: { startSeconds: 10 } });
    const overruled = (await (
      await request(markersPath(titleId), { token: admin })
    ).json()) as VideoMarkers;
    expect(overruled.inForce.intro).toBeNull();
    expect(overruled.inForce.credits).toMatchObject({ startSeconds: 10, source: "admin" });
    expect(overruled.detected.intro).toMatchObject({ startSeconds: 1, confidence: 0.8 });
    expect(await playerMarkers(titleId)).toMatchObject({ intro: null, creditsStartSeconds: 10 });

    // Back to what ingest found; the credits stay the admin's.
    await setMarkers(markersPath(titleId), { intro: "detected" });
    expect(await playerMarkers(titleId)).toMatchObject({
      intro: { startSeconds: 1, endSeconds: 5 },
      creditsStartSeconds: 10,
    });
  });

  it("are recorded in the audit log", async () => {
    const { titleId } = await playableFilm(admin);
    await setMarkers(markersPath(titleId), { intro: { startSeconds: 1, endSeconds: 3 } });
    const row = await env.DB.prepare(
      "select action, after from audit_log where entity_id = ? order by at desc limit 1",
    )
      .bind(titleId)
      .first<{ action: string; after: string }>();
    expect(row?.action).toBe("update");
    expect(JSON.parse(row!.after)).toEqual({
      markers: { intro: { startSeconds: 1, endSeconds: 3 } },
    });
  });

  it("are set per episode for a series, not on the series", async () => {
    const series = (await (
      await request("/api/admin/catalog/titles", {
        token: admin,
        body: {
          slug: `series-${crypto.randomUUID().slice(0, 8)}`,
          type: "series",
          name: "A Test Series",
          synopsis: "A series that exists for a test.",
          year: 2026,
          releasedOn: "2026-11-01",
          rating: "PG",
          languages: ["en"],
          genres: ["drama"],
          credits: [],
        },
      })
    ).json()) as { id: string };
    await expectError(
      await setMarkers(markersPath(series.id), { intro: { startSeconds: 1, endSeconds: 3 } }),
      409,
      "not_a_movie",
    );
    const season = (await (
      await request(`/api/admin/catalog/titles/${series.id}/seasons`, {
        token: admin,
        body: { number: 1, name: "Season 1" },
      })
    ).json()) as { id: string };
    const episode = (await (
      await request(`/api/admin/catalog/seasons/${season.id}/episodes`, {
        token: admin,
        body: { number: 1, name: "Pilot", runtimeMinutes: 40 },
      })
    ).json()) as { id: string };
    const path = `/api/admin/catalog/episodes/${episode.id}/markers`;
    // No video yet: any span is accepted, since there is no length to check it against.
    const set = await setMarkers(path, { intro: { startSeconds: 60, endSeconds: 90 } });
    expect(set.status).toBe(200);
    expect(((await set.json()) as VideoMarkers).durationSeconds).toBeNull();
    // Deleting the episode deletes its markers.
    await request(`/api/admin/catalog/episodes/${episode.id}`, { method: "DELETE", token: admin });
    const left = await env.DB.prepare(
      "select count(*) as n from playback_markers where video_id = ?",
    )
      .bind(episode.id)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
  });
});

describe("bad markers get a 4xx and change nothing", () => {
  it("a span that ends before it starts, or past the video: 400", async () => {
    const { titleId } = await playableFilm(admin);
    await expectError(
      await setMarkers(markersPath(titleId), { intro: { startSeconds: 5, endSeconds: 5 } }),
      400,
      "validation_failed",
    );
    await expectError(
      await setMarkers(markersPath(titleId), {
        recap: { startSeconds: 0, endSeconds: 2 },
        intro: { startSeconds: 5, endSeconds: 13 },
      }),
      400,
      "validation_failed",
    );
    // The valid recap beside the bad intro was not stored either.
    const after = (await (
      await request(markersPath(titleId), { token: admin })
    ).json()) as VideoMarkers;
    expect(after.inForce.recap).toBeNull();
  });

  it("credits with an end, a negative start, an unknown kind or nothing at all: 400", async () => {
    for (const body of [
      { credits: { startSeconds: 10, endSeconds: 12 } },
      { intro: { startSeconds: -1, endSeconds: 3 } },
      { outro: null },
      {},
      { intro: "guess" },
    ]) {
      await expectError(await setMarkers(markersPath(film.titleId), body), 400);
    }
  });

  it("a title or episode that does not exist: 404", async () => {
    await expectError(await request(markersPath(crypto.randomUUID()), { token: admin }), 404);
    await expectError(
      await setMarkers(`/api/admin/catalog/episodes/${crypto.randomUUID()}/markers`, {
        intro: null,
      }),
      404,
    );
  });

  it("a viewer: 403; nobody: 401", async () => {
    const { token } = await viewerToken();
    await expectError(await setMarkers(markersPath(film.titleId), { intro: null }, token), 403);
    await expectError(await request(markersPath(film.titleId)), 401);
  });

  it("an unpublished movie without a video still takes markers, checked against nothing", async () => {
    const titleId = await createMovie(admin);
    const set = await setMarkers(markersPath(titleId), { credits: { startSeconds: 5000 } });
    expect(set.status).toBe(200);
  });
});
