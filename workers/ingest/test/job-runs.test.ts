/**
 * A job's run through the real Workflow, TaskBoard, task queue and
 * transcoder routes, with the tests playing the transcoders (scripted
 * slots; see helpers.ts): the probe, the plan, chunk tasks fanned out to
 * both slots, the title playable from the first chunk of the lowest rung
 * while the rest is encoded, then the full ladder assembled from every
 * chunk's segment timings.
 */
import * as HLS from "hls-parser";
import { describe, expect, it } from "vitest";
import type { TaskAssignment } from "../../../lib/ingest/task-protocol.ts";
import { assetKey, MARKERS_ANALYSIS } from "../../../lib/media/asset-layout.ts";
import {
  assignment,
  assignments,
  assignmentsBySlot,
  caller,
  env,
  eventually,
  fastStartVideo,
  ingest,
  jobOfUpload,
  jobRow,
  MIB,
  movie,
  patch,
  setSlotsBusy,
  startUpload,
  transcoder,
} from "./helpers.ts";
import { audioTrack, DURATION, markersResult, probeResult, videoResult } from "./task-results.ts";

HLS.setOptions({ strictMode: true, silent: true });

const ok = async (response: Promise<Response>) => expect((await response).status).toBe(200);

/** A job whose upload has sent its first `sent` bytes (all of them by default). */
async function uploadedJob(bytes = fastStartVideo(3 * MIB), sent = bytes.length) {
  const admin = await caller("content_admin");
  const location = await startUpload(admin, bytes.length, {
    filename: "film.mp4",
    titleId: await movie(),
  });
  expect((await patch(admin, location, 0, bytes.subarray(0, sent))).status).toBe(204);
  const job = (await jobOfUpload(location))!;
  return { admin, location, job };
}

const text = async (assetId: string, path: string) =>
  (await env.MEDIA.get(assetKey(assetId, path)))?.text();

describe("a job's run", () => {
  it("probes, plans, fans out, plays from the first chunk, then publishes the full ladder", async () => {
    const { admin, job } = await uploadedJob();
    const probe = await assignment(job.id, "probe");
    expect(probe.spec).toMatchObject({ kind: "probe", availableBytes: 3 * MIB });
    await ok(transcoder.complete(probe, probeResult()));

    // 20 s at 30 fps: 5 segments. The first chunk is one segment, split so the lowest rung
    // comes first; then chunks of 2 segments, every rung from one decode.
    const tasks = await Promise.all(
      ["audio", "video-0-low", "video-0-up", "video-1-all", "video-2-all"].map((id) =>
        assignment(job.id, id),
      ),
    );
    const [audio, low0, up0, all1, all2] = tasks as [TaskAssignment, ...TaskAssignment[]];
    expect(low0!.spec).toMatchObject({
      kind: "video",
      chunk: { index: 0, firstSegment: 0, segmentCount: 1, startFrame: 0, endFrame: 120 },
      frameRate: { num: 30, den: 1 },
      rungs: [{ id: "240p" }],
    });
    expect(all1!.spec).toMatchObject({
      chunk: { index: 1, firstSegment: 1, segmentCount: 2, startFrame: 120, endFrame: 360 },
      rungs: [{ id: "240p" }, { id: "360p" }],
    });
    expect(all2!.spec).toMatchObject({
      chunk: { index: 2, firstSegment: 3, segmentCount: 2, startFrame: 360, endFrame: null },
    });
    const grid = async () =>
      (await (await ingest(`/api/ingest/jobs/${job.id}`, { caller: admin })).json()) as {
        tasks: { instances: number; chunks: { rows: { rung: string; cells: string[] }[] } };
        state: string;
        asset: { state: string };
      };
    // The grid counts the transcoders working on the job: every slot that took one of its
    // tasks (the slots take whatever they are offered, starting at a random one; a task handed
    // over in a report's answer went to the probe's slot).
    const bySlot = [...(await assignmentsBySlot())].map(
      ([url, list]) => [url, list.filter((a) => a.jobId === job.id).map((a) => a.taskId)] as const,
    );
    const handedOver = tasks.some((t) => !bySlot.some(([, ids]) => ids.includes(t.taskId)));
    const working = bySlot.filter(
      ([, ids]) => ids.some((id) => id !== "probe") || (handedOver && ids.includes("probe")),
    );
    expect(working.length).toBeGreaterThan(0);
    expect((await grid()).tasks.instances).toBe(working.length);

    // The first chunk of the lowest rung and the first audio: playable, as EVENT playlists.
    await ok(transcoder.complete(low0!, videoResult(low0!)));
    await ok(transcoder.heartbeat(audio, { progress: 0.4, tracks: [audioTrack(2)] }));
    const growing = await eventually(
      async () => (await grid()).asset.state === "playable" && (await grid()),
      "the title to become playable",
    );
    expect(growing.tasks.chunks.rows).toEqual([
      { rung: "240p", cells: ["done", "running", "running"] },
      { rung: "360p", cells: ["running", "running", "running"] },
    ]);
    const lowPlaylist = HLS.parse((await text(job.asset_id, "video/240p/index.m3u8"))!);
    expect(lowPlaylist).toMatchObject({ playlistType: "EVENT", endlist: false });
    expect((lowPlaylist as HLS.types.MediaPlaylist).segments.map((s) => s.uri)).toEqual([
      "seg-00000.m4s",
    ]);
    const master = HLS.parse(
      (await text(job.asset_id, "master.m3u8"))!,
    ) as HLS.types.MasterPlaylist;
    expect(master.variants.map((v) => v.uri)).toEqual(["video/240p/index.m3u8"]);

    // Chunk 2 lands before chunk 1: the growing playlist waits for the gap to close.
    const lowSegments = async () =>
      (HLS.parse((await text(job.asset_id, "video/240p/index.m3u8"))!) as HLS.types.MediaPlaylist)
        .segments.length;
    await ok(transcoder.complete(all2!, videoResult(all2!)));
    expect(await lowSegments()).toBe(1);
    await ok(transcoder.complete(all1!, videoResult(all1!)));
    expect(await lowSegments()).toBe(5);

    await ok(transcoder.complete(up0!, videoResult(up0!)));
    await ok(transcoder.complete(audio, { kind: "audio", tracks: [audioTrack(5)] }));
    // Last, the markers task: it reads the whole master, and skipping matters less than playing.
    const markers = await assignment(job.id, "markers");
    expect(markers.spec).toEqual({
      kind: "markers",
      audioIndex: 1,
      introSearchSeconds: DURATION * 0.6,
      creditsFromSeconds: DURATION * 0.75,
      durationSeconds: DURATION,
    });
    await ok(transcoder.complete(markers, markersResult(18)));
    const ready = await eventually(async () => {
      const row = await env.DB.prepare(
        "select j.state, a.state as asset_state, a.presentation from ingest_jobs j join media_assets a on a.id = j.asset_id where j.id = ?",
      )
        .bind(job.id)
        .first<{ state: string; asset_state: string; presentation: string }>();
      return row?.state === "ready" && row;
    }, "the job to be ready");
    expect(ready.asset_state).toBe("ready");
    const presentation = JSON.parse(ready.presentation) as {
      video: { id: string }[];
      complete: boolean;
    };
    expect(presentation).toMatchObject({ complete: true, durationSeconds: DURATION });
    expect(presentation.video.map((v) => v.id)).toEqual(["240p", "360p"]);
    for (const rung of ["240p", "360p"]) {
      const playlist = HLS.parse(
        (await text(job.asset_id, `video/${rung}/index.m3u8`))!,
      ) as HLS.types.MediaPlaylist;
      expect(playlist).toMatchObject({ playlistType: "VOD", endlist: true });
      expect(playlist.segments.map((s) => s.uri)).toEqual(
        [0, 1, 2, 3, 4].map((n) => `seg-0000${n}.m4s`),
      );
    }
    const full = HLS.parse((await text(job.asset_id, "master.m3u8"))!) as HLS.types.MasterPlaylist;
    expect(full.variants.map((v) => v.uri)).toEqual([
      "video/240p/index.m3u8",
      "video/360p/index.m3u8",
    ]);
    expect(await text(job.asset_id, "manifest.mpd")).toContain(
      'mediaPresentationDuration="PT20.000S"',
    );
    expect(await text(job.asset_id, "trickplay/thumbnails.vtt")).toContain("sprite-00002.jpg");

    // The analysis stays with the asset (not served: JSON is no output type), and the film's
    // credits are marked as detected, once the Workflow's last step has run.
    const credits = await eventually(
      () =>
        env.DB.prepare(
          "select video_id, kind, source, start_seconds, end_seconds, confidence from playback_markers where title_id = ?",
        )
          .bind(job.title_id)
          .all()
          .then(({ results }) => results.length > 0 && results),
      "the credits to be marked",
    );
    expect(credits).toEqual([
      {
        video_id: job.title_id,
        kind: "credits",
        source: "detected",
        start_seconds: 18,
        end_seconds: null,
        confidence: 0.8,
      },
    ]);
    expect(JSON.parse((await text(job.asset_id, MARKERS_ANALYSIS))!)).toEqual(
      markersResult(18).analysis,
    );
  });

  it("plans a master probed while uploading in two goes: unstarted chunks become one task for every rung", async () => {
    const bytes = fastStartVideo(3 * MIB);
    const { admin, location, job } = await uploadedJob(bytes, MIB);
    // The probe saw the first fifth of the film: the lowest rung and the audio now, the rest later.
    const probe = await assignment(job.id, "probe");
    await ok(transcoder.complete(probe, probeResult({ sampledUpToSeconds: 4 })));
    // The probe's transcoder is handed the audio pass with its answer (the chunks need more bytes).
    const audio = await assignment(job.id, "audio");
    try {
      await setSlotsBusy(true);
      expect((await patch(admin, location, MIB, bytes.subarray(MIB))).status).toBe(204);
      // Whatever the test's transcoder finishes, its answer hands it the most urgent task next.
      await ok(transcoder.complete(audio, { kind: "audio", tracks: [audioTrack(5)] }));
      const low0 = await assignment(job.id, "video-0-low");
      await ok(transcoder.complete(low0, videoResult(low0)));
      const analyse = await assignment(job.id, "analyse");
      await ok(
        transcoder.complete(analyse, { kind: "analyse", complexity: probeResult().complexity }),
      );
      const upper = await eventually(async () => {
        const body = (await (
          await ingest(`/api/ingest/jobs/${job.id}`, { caller: admin })
        ).json()) as {
          tasks: { chunks: { rows: { rung: string }[] } };
        };
        return body.tasks.chunks.rows.length === 2 && body;
      }, "the upper rung to be planned");
      expect(upper.tasks.chunks.rows.map((row) => row.rung)).toEqual(["240p", "360p"]);
    } finally {
      await setSlotsBusy(false);
    }
    // Chunk 0's lowest rung was done: it gets the rungs above; chunks 1 and 2 had not started.
    const handed = new Set(
      (await assignments()).filter((a) => a.jobId === job.id).map((a) => a.taskId),
    );
    await eventually(async () => {
      for (const a of await assignments()) if (a.jobId === job.id) handed.add(a.taskId);
      return ["video-0-up", "video-1-all", "video-2-all"].every((id) => handed.has(id));
    }, "the new tasks to go out");
    expect([...handed].filter((id) => id.startsWith("video-")).sort()).toEqual([
      "video-0-low",
      "video-0-up",
      "video-1-all",
      "video-2-all",
    ]);
  });
  it("encodes a slow upload's later chunks ahead of the analysis, as their bytes arrive", async () => {
    // 8 MiB: the second chunk (4–12 s of 20) can be read once about 6 MiB have arrived.
    const bytes = fastStartVideo(8 * MIB);
    const { admin, location, job } = await uploadedJob(bytes, MIB);
    const probe = await assignment(job.id, "probe");
    await ok(transcoder.complete(probe, probeResult({ sampledUpToSeconds: 2 })));
    const audio = await assignment(job.id, "audio");
    await ok(transcoder.complete(audio, { kind: "audio", tracks: [audioTrack(5)] }));
    // 6 MiB after 4 s: the last 2 MiB will take over a second more, longer than
    // ENCODE_AHEAD_SECONDS (1 s in these tests), so the second chunk's lowest rung goes out now.
    await new Promise((wait) => setTimeout(wait, 4000));
    expect((await patch(admin, location, MIB, bytes.subarray(MIB, 6 * MIB))).status).toBe(204);
    const low0 = await assignment(job.id, "video-0-low");
    await ok(transcoder.complete(low0, videoResult(low0)));
    const low1 = await assignment(job.id, "video-1-low");
    expect(low1.spec).toMatchObject({ kind: "video", rungs: [{ id: "240p" }] });
    await ok(transcoder.complete(low1, videoResult(low1)));
    // The rest arrives at once: the last chunk waits for the analysis and is one task for every rung.
    expect((await patch(admin, location, 6 * MIB, bytes.subarray(6 * MIB))).status).toBe(204);
    const analyse = await assignment(job.id, "analyse");
    await ok(
      transcoder.complete(analyse, { kind: "analyse", complexity: probeResult().complexity }),
    );
    for (const id of ["video-0-up", "video-1-up", "video-2-all"]) {
      const task = await assignment(job.id, id);
      await ok(transcoder.complete(task, videoResult(task)));
    }
    await ok(transcoder.complete(await assignment(job.id, "markers"), markersResult()));
    await eventually(async () => (await jobRow(job.id))?.state === "ready", "the job to be ready");
    const handed = (await assignments()).filter((a) => a.jobId === job.id).map((a) => a.taskId);
    expect(handed).not.toContain("video-2-low");
  });
});
