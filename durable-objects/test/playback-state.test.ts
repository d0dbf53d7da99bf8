/**
 * The two playback Durable Objects on their own, with time moved by hand:
 * a stream that goes quiet stops counting against the limit, a renewal
 * over a lowered limit ends the newest streams, a client clock far ahead
 * cannot freeze progress, and completed progress is forgotten after 90
 * days while unfinished progress stays.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CLIENT_CLOCK_AHEAD_MS, COMPLETED_KEPT_MS } from "../src/profile-progress.ts";
import { ENDED_GRACE_MS, STALE_AFTER_MS } from "../src/stream-sessions.ts";

const stream = (id: string, deviceId: string) => ({
  playbackSessionId: id,
  authSessionId: "auth-1",
  profileId: "profile-1",
  deviceId,
  deviceLabel: `Device ${deviceId}`,
  assetId: "asset-1",
  titleId: "title-1",
  episodeId: null,
  maxHeight: 1080,
});

describe("StreamSessions", () => {
  it("stops counting a stream not heard from for two minutes", async () => {
    const sessions = env.STREAM_SESSIONS.getByName(crypto.randomUUID());
    const start = Date.now();
    expect((await sessions.start(stream("a", "phone"), 1, false, start)).started).toBe(true);
    const refused = await sessions.start(stream("b", "tv"), 1, false, start + 1000);
    expect(refused).toMatchObject({ started: false, playing: [{ deviceLabel: "Device phone" }] });
    // Heard from in time: still counts.
    expect(await sessions.touch("a", start + STALE_AFTER_MS - 1)).toBe(true);
    expect(
      (await sessions.start(stream("b", "tv"), 1, false, start + STALE_AFTER_MS + 1)).started,
    ).toBe(false);
    // Quiet for longer: the TV may start.
    const later = start + 2 * STALE_AFTER_MS + 10;
    expect((await sessions.start(stream("b", "tv"), 1, false, later)).started).toBe(true);
    expect(await sessions.isActive("a", later)).toBe(false);
  });

  it("ends every stream of a signed-out session", async () => {
    const sessions = env.STREAM_SESSIONS.getByName(crypto.randomUUID());
    await sessions.start(stream("a", "phone"), 4, false);
    await sessions.start({ ...stream("b", "tv"), authSessionId: "auth-2" }, 4, false);
    await sessions.stopForAuthSession("auth-1");
    expect((await sessions.list()).map((s) => s.playbackSessionId)).toEqual(["b"]);
  });
});

describe("StreamSessions renewals", () => {
  it("renews a session within the limit, and ends the newest ones over a lowered limit", async () => {
    const sessions = env.STREAM_SESSIONS.getByName(crypto.randomUUID());
    const start = Date.now();
    await sessions.start(stream("a", "phone"), 2, false, start);
    await sessions.start(stream("b", "tv"), 2, false, start + 1000);
    expect(await sessions.renew("b", 2, start + 2000)).toMatchObject({
      renewed: true,
      session: { playbackSessionId: "b" },
    });
    // The plan now allows one stream: the one started first keeps playing.
    expect(await sessions.renew("b", 1, start + 3000)).toMatchObject({
      renewed: false,
      reason: "stream_limit",
      playing: [{ playbackSessionId: "a" }],
    });
    expect(await sessions.isActive("b", start + 3000)).toBe(false);
    expect(await sessions.renew("a", 1, start + 3000)).toMatchObject({ renewed: true });
    expect(await sessions.renew("gone", 1, start + 3000)).toEqual({
      renewed: false,
      reason: "ended",
    });
  });
});

describe("StreamSessions and QoE", () => {
  it("takes a view's events while it plays and for a minute after it ends, then never again", async () => {
    const sessions = env.STREAM_SESSIONS.getByName(crypto.randomUUID());
    const start = Date.now();
    await sessions.start(stream("a", "phone"), 2, false, start);
    expect(await sessions.acceptsEventsFor("a", start + 1000)).toBe(true);
    await sessions.stop("a", start + 2000);
    // The last batch races the stop.
    expect(await sessions.acceptsEventsFor("a", start + 2000 + ENDED_GRACE_MS)).toBe(true);
    expect(await sessions.acceptsEventsFor("a", start + 2001 + ENDED_GRACE_MS)).toBe(false);
    expect(await sessions.acceptsEventsFor("never-started", start)).toBe(false);
  });

  it("counts a session replaced by its own device, or gone quiet, as ended", async () => {
    const sessions = env.STREAM_SESSIONS.getByName(crypto.randomUUID());
    const start = Date.now();
    await sessions.start(stream("a", "phone"), 2, false, start);
    await sessions.start(stream("b", "phone"), 2, false, start + 1000);
    expect(await sessions.acceptsEventsFor("a", start + 1000 + ENDED_GRACE_MS + 1)).toBe(false);
    const quietSince = start + 1000 + STALE_AFTER_MS + 1;
    expect(await sessions.acceptsEventsFor("b", quietSince)).toBe(true);
    expect(await sessions.acceptsEventsFor("b", quietSince + ENDED_GRACE_MS + 1)).toBe(false);
  });
});

describe("ProfileProgress", () => {
  const report = (titleId: string, positionSeconds: number, clientTimestamp: number) => ({
    titleId,
    episodeId: null,
    positionSeconds,
    durationSeconds: 100,
    rendition: "720p",
    deviceId: "phone",
    clientTimestamp,
    nextEpisodeId: null,
  });

  it("forgets completed titles after 90 days and keeps unfinished ones", async () => {
    const progress = env.PROFILE_PROGRESS.getByName(crypto.randomUUID());
    const now = Date.now();
    await progress.report(report("finished", 99, now));
    await progress.report(report("halfway", 50, now));
    // Age the completed entry past 90 days, as if it had been written then.
    await runInDurableObject(progress, async (_instance, state) => {
      state.storage.sql.exec(
        "UPDATE progress SET updated_at = ? WHERE title_id = 'finished'",
        now - COMPLETED_KEPT_MS - 1,
      );
    });
    expect(await runDurableObjectAlarm(progress)).toBe(true);
    expect(await progress.get("finished")).toBeNull();
    expect((await progress.get("halfway"))?.positionSeconds).toBe(50);
  });

  it("takes a client clock far ahead as only a minute ahead, so later reports still win", async () => {
    const progress = env.PROFILE_PROGRESS.getByName(crypto.randomUUID());
    const now = Date.now();
    const yearAhead = now + 365 * 86_400_000;
    const { progress: stored } = await progress.report(report("film", 40, yearAhead), now);
    expect(stored.clientTimestamp).toBe(now + CLIENT_CLOCK_AHEAD_MS);
    // Within the minute, a reading from a correct clock is older and loses…
    expect((await progress.report(report("film", 41, now + 1000), now + 1000)).accepted).toBe(
      false,
    );
    // …after it, the correct clock wins again.
    const later = now + CLIENT_CLOCK_AHEAD_MS + 1000;
    const { accepted, progress: after } = await progress.report(report("film", 55, later), later);
    expect(accepted).toBe(true);
    expect(after.positionSeconds).toBe(55);
  });

  it("clamps an entry stored before the clamp against when it arrived", async () => {
    const progress = env.PROFILE_PROGRESS.getByName(crypto.randomUUID());
    const now = Date.now();
    await progress.report(report("film", 40, now), now);
    await runInDurableObject(progress, async (_instance, state) => {
      state.storage.sql.exec("UPDATE progress SET client_timestamp = ?", now + 365 * 86_400_000);
    });
    const later = now + CLIENT_CLOCK_AHEAD_MS + 1000;
    expect((await progress.report(report("film", 60, later), later)).accepted).toBe(true);
  });

  it("moves a series on to its next episode when one completes", async () => {
    const progress = env.PROFILE_PROGRESS.getByName(crypto.randomUUID());
    const { progress: stored } = await progress.report({
      ...report("series", 97, Date.now()),
      episodeId: "episode-1",
      nextEpisodeId: "episode-2",
    });
    expect(stored).toMatchObject({
      episodeId: "episode-2",
      positionSeconds: 0,
      completed: false,
      nextUp: true,
    });
    expect((await progress.continueWatching(10)).map((entry) => entry.titleId)).toEqual(["series"]);
  });
});
