/**
 * The two playback Durable Objects on their own, with time moved by hand:
 * a stream that goes quiet stops counting against the limit, and completed
 * progress is forgotten after 90 days while unfinished progress stays.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { COMPLETED_KEPT_MS } from "../src/profile-progress.ts";
import { STALE_AFTER_MS } from "../src/stream-sessions.ts";

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
