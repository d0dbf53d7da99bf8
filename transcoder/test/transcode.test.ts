/**
 * transcode() end to end on a real 13 s clip with two audio streams and an
 * SRT file: the ladder, segment timing and alignment, both manifests, the
 * side outputs, and the order of fileReady and publish calls. One transcode,
 * shared by every assertion.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import * as HLS from "hls-parser";
import { parse as parseMpd, type ParsedPlaylist } from "mpd-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PresentationSchema, type Presentation } from "../../lib/media/presentation.ts";
import { measureComplexity } from "../src/media/complexity.ts";
import { planLadder, SEGMENT_SECONDS, type LadderPlan } from "../src/media/ladder.ts";
import { probeSource } from "../src/media/probe.ts";
import type { ProgressUpdate } from "../src/pipeline/progress.ts";
import { transcode } from "../src/pipeline/transcode.ts";
import { clip } from "./clips.ts";
import { jpegSize, listFiles, readTrackFiles, vttCues, type ParsedTrack } from "./output-checks.ts";

HLS.setOptions({ strictMode: true, silent: true });

interface Published {
  presentation: Presentation;
  manifests: string[];
  /** What fileReady had reported when publish was called. */
  readyBefore: Set<string>;
  master: string;
  mpd: string;
}

const FRAME = 1 / 30;
const DURATION = 13;
let outputDir: string;
let plan: LadderPlan;
let presentation: Presentation;
const ready: string[] = [];
const published: Published[] = [];
const progress: ProgressUpdate[] = [];
const tracks = new Map<string, ParsedTrack>();

beforeAll(async () => {
  const sourcePath = await clip("main");
  const subtitles = [{ path: await clip("subtitles.srt"), language: "eng", label: "English" }];
  outputDir = await mkdtemp(join(tmpdir(), "marquee-transcode-test-"));
  const signal = new AbortController().signal;
  const source = await probeSource(sourcePath, signal);
  plan = planLadder(source, await measureComplexity(sourcePath, source, signal));
  presentation = await transcode(
    { sourcePath, outputDir, subtitles, signal },
    {
      progress: (update) => progress.push(update),
      fileReady: (path) => ready.push(path),
      publish: async (p, manifests) => {
        published.push({
          presentation: p,
          manifests,
          readyBefore: new Set(ready),
          master: await readFile(join(outputDir, "master.m3u8"), "utf8"),
          mpd: await readFile(join(outputDir, "manifest.mpd"), "utf8"),
        });
      },
    },
  );
  for (const r of [...presentation.video, ...presentation.audio]) {
    tracks.set(r.id, await readTrackFiles(outputDir, posix.dirname(r.playlist)));
  }
}, 60_000);

afterAll(() => rm(outputDir, { recursive: true, force: true }));

const text = (path: string) => readFile(join(outputDir, path), "utf8");
const track = (id: string) => {
  const found = tracks.get(id);
  if (!found) throw new Error(`no track ${id}`);
  return found;
};
const seconds = (t: ParsedTrack) => t.segments.map((s) => s.duration / t.init.timescale);
const starts = (t: ParsedTrack) => t.segments.map((s) => s.baseMediaDecodeTime / t.init.timescale);

/** Every file an HLS master references, directly or through its media playlists. */
async function hlsReferences(master: string): Promise<string[]> {
  const parsed = HLS.parse(master);
  if (!parsed.isMasterPlaylist) throw new Error("not a master playlist");
  const playlists = [
    ...parsed.variants.map((v) => v.uri),
    ...parsed.variants.flatMap((v) => [...v.audio, ...v.subtitles].map((r) => r.uri ?? "")),
  ];
  const files = new Set<string>();
  for (const playlist of new Set(playlists)) {
    files.add(playlist);
    const media = HLS.parse(await text(playlist));
    if (media.isMasterPlaylist) throw new Error(`${playlist} is not a media playlist`);
    for (const segment of media.segments) {
      files.add(posix.join(posix.dirname(playlist), segment.uri));
      if (segment.map) files.add(posix.join(posix.dirname(playlist), segment.map.uri));
    }
  }
  return [...files];
}

function dashPlaylists(mpd: string): {
  video: ParsedPlaylist[];
  audio: ParsedPlaylist[];
  text: ParsedPlaylist[];
} {
  const manifest = parseMpd(mpd, { manifestUri: "https://cdn.test/asset/manifest.mpd" });
  const groups = (kind: "AUDIO" | "SUBTITLES") =>
    Object.values(manifest.mediaGroups[kind]).flatMap((byName) =>
      Object.values(byName).flatMap((g) => g.playlists),
    );
  return { video: manifest.playlists, audio: groups("AUDIO"), text: groups("SUBTITLES") };
}

/** Every file a DASH manifest references, as asset paths. */
function dashReferences(mpd: string): string[] {
  const { video, audio, text: subtitles } = dashPlaylists(mpd);
  const asset = (uri: string) => uri.replace("https://cdn.test/asset/", "");
  return [
    ...[...video, ...audio].flatMap((p) =>
      p.segments.flatMap((s) => [asset(s.resolvedUri), asset(s.map!.resolvedUri)]),
    ),
    ...subtitles.map((p) => asset(p.resolvedUri)),
  ];
}

describe("the ladder", () => {
  it("has the planned rungs, lowest first, and a valid presentation", () => {
    expect(presentation.video.map((v) => v.id)).toEqual(["240p", "360p"]);
    expect(plan.video.map((r) => r.id)).toEqual(["240p", "360p"]);
    expect(PresentationSchema.parse(presentation)).toEqual(presentation);
    expect(presentation.complete).toBe(true);
    expect(presentation.durationSeconds).toBeCloseTo(DURATION, 1);
    for (const v of presentation.video) {
      const { init } = track(v.id);
      expect([init.width, init.height]).toEqual([v.width, v.height]);
      expect(v.codecs).toMatch(/^avc1\.64[0-9a-f]{4}$/);
      expect(v.codecs).toBe(init.codecs);
    }
  });

  it("cuts every rung into 4 s segments (the last shorter), each starting on a sync sample", () => {
    for (const v of presentation.video) {
      const durations = seconds(track(v.id));
      expect(durations).toHaveLength(Math.ceil(DURATION / SEGMENT_SECONDS));
      for (const d of durations.slice(0, -1))
        expect(Math.abs(d - SEGMENT_SECONDS)).toBeLessThanOrEqual(FRAME);
      expect(Math.abs(durations.at(-1)! - (DURATION % SEGMENT_SECONDS))).toBeLessThanOrEqual(FRAME);
      expect(track(v.id).segments.every((s) => s.startsWithSync)).toBe(true);
    }
  });

  it("aligns segment boundaries across rungs", () => {
    const [lowest, ...others] = presentation.video.map((v) => starts(track(v.id)));
    for (const boundaries of others) expect(boundaries).toEqual(lowest);
  });

  it("roughly honours the planned bit rates", () => {
    for (const rung of plan.video) {
      const t = track(rung.id);
      const bytes = t.segments.reduce((sum, s) => sum + s.size, 0);
      const kbps = (bytes * 8) / 1000 / seconds(t).reduce((a, b) => a + b, 0);
      expect(kbps / rung.bitrateKbps, rung.id).toBeGreaterThan(0.6);
      expect(kbps / rung.bitrateKbps, rung.id).toBeLessThan(1.4);
    }
  });

  it("reports peak and average bandwidth from the segments", () => {
    for (const v of [...presentation.video, ...presentation.audio]) {
      expect(v.bandwidth).toBeGreaterThanOrEqual(v.averageBandwidth);
      expect(v.bandwidth).toBeLessThan(v.averageBandwidth * 2);
    }
  });
});

describe("audio, subtitles, trickplay and poster", () => {
  it("has one audio rendition per source stream with its language, the first as default", () => {
    expect(
      presentation.audio.map((a) => [a.id, a.language, a.name, a.channels, a.default]),
    ).toEqual([
      ["a0-en", "en", "English", 2, true],
      ["a1-fr", "fr", "French", 1, false],
    ]);
    for (const a of presentation.audio) {
      const t = track(a.id);
      expect(t.init.codecs).toBe("mp4a.40.2");
      expect(t.init.sampleRate).toBe(48000);
      expect(t.init.channels).toBe(a.channels);
      expect(seconds(t).reduce((x, y) => x + y, 0)).toBeCloseTo(DURATION, 0);
    }
  });

  it("converts the SRT upload to WebVTT with a one-segment playlist", async () => {
    expect(presentation.subtitles).toEqual([
      {
        id: "s0-en",
        language: "en",
        label: "English",
        path: "subtitles/s0-en.vtt",
        playlist: "subtitles/s0-en.m3u8",
      },
    ]);
    const cues = vttCues(await text("subtitles/s0-en.vtt"));
    expect(cues.map((c) => [c.start, c.end])).toEqual([
      [1, 3],
      [4, 6.5],
    ]);
    const playlist = HLS.parse(await text("subtitles/s0-en.m3u8"));
    if (playlist.isMasterPlaylist) throw new Error("expected a media playlist");
    expect(playlist.segments.map((s) => s.uri)).toEqual(["s0-en.vtt"]);
    expect(playlist.segments[0]!.duration).toBeCloseTo(presentation.durationSeconds, 5);
  });

  it("indexes trickplay tiles every 10 s up to the end, inside existing sprites", async () => {
    const trickplay = presentation.trickplay!;
    expect(trickplay).toMatchObject({
      intervalSeconds: 10,
      tileWidth: 160,
      tileHeight: 90,
      columns: 5,
      rows: 5,
    });
    const cues = vttCues(await text(trickplay.index));
    expect(cues.map((c) => c.start)).toEqual([0, 10]);
    cues.forEach((cue, i) =>
      expect(cue.end).toBeCloseTo(
        i === cues.length - 1 ? presentation.durationSeconds : cue.start + 10,
        3,
      ),
    );
    for (const cue of cues) {
      const [, sprite, x, y, w, h] = /^(sprite-\d{3}\.jpg)#xywh=(\d+),(\d+),(\d+),(\d+)$/
        .exec(cue.text)!
        .map((v, i) => (i > 1 ? Number(v) : v));
      expect(trickplay.sprites).toContain(`trickplay/${sprite}`);
      const size = jpegSize(await readFile(join(outputDir, "trickplay", String(sprite))));
      expect([w, h]).toEqual([trickplay.tileWidth, trickplay.tileHeight]);
      expect(Number(x) + Number(w)).toBeLessThanOrEqual(size.width);
      expect(Number(y) + Number(h)).toBeLessThanOrEqual(size.height);
    }
  });

  it("writes a JPEG poster no wider than 1280", async () => {
    expect(presentation.poster).toBe("poster.jpg");
    expect(jpegSize(await readFile(join(outputDir, "poster.jpg")))).toEqual({
      width: 640,
      height: 360,
    });
  });
});

describe("manifests", () => {
  it("writes an HLS master and media playlists that parse strictly and reference existing files", async () => {
    const master = HLS.parse(await text("master.m3u8"));
    if (!master.isMasterPlaylist) throw new Error("expected a master playlist");
    expect(master.variants.map((v) => [v.uri, v.resolution, v.frameRate])).toEqual(
      presentation.video.map((v) => [v.playlist, { width: v.width, height: v.height }, 30]),
    );
    const topAudio = Math.max(...presentation.audio.map((a) => a.bandwidth));
    expect(master.variants.map((v) => v.bandwidth)).toEqual(
      presentation.video.map((v) => v.bandwidth + topAudio),
    );
    expect(master.variants[0]!.codecs).toBe(`${presentation.video[0]!.codecs},mp4a.40.2`);
    expect(master.variants[0]!.audio.map((a) => [a.language, a.isDefault, a.uri])).toEqual([
      ["en", true, "audio/a0-en/index.m3u8"],
      ["fr", false, "audio/a1-fr/index.m3u8"],
    ]);
    expect(master.variants[0]!.subtitles.map((s) => s.uri)).toEqual(["subtitles/s0-en.m3u8"]);
    const files = new Set(await listFiles(outputDir));
    for (const ref of await hlsReferences(await text("master.m3u8")))
      expect(files, ref).toContain(ref);
  });

  it("gives media playlists the exact segment durations", async () => {
    for (const r of [...presentation.video, ...presentation.audio]) {
      const playlist = HLS.parse(await text(r.playlist));
      if (playlist.isMasterPlaylist) throw new Error("expected a media playlist");
      expect(playlist.playlistType).toBe("VOD");
      expect(playlist.endlist).toBe(true);
      const durations = seconds(track(r.id));
      expect(playlist.targetDuration).toBe(Math.ceil(Math.max(...durations) - 1e-6));
      playlist.segments.forEach((s, i) => expect(s.duration).toBeCloseTo(durations[i]!, 5));
    }
  });

  it("writes an MPD whose SegmentTimelines match the segment files", async () => {
    const { video, audio, text: subtitles } = dashPlaylists(await text("manifest.mpd"));
    expect(video.map((p) => p.attributes.NAME)).toEqual(presentation.video.map((v) => v.id));
    expect(audio.map((p) => p.attributes.NAME)).toEqual(["a0-en", "a1-fr"]);
    for (const p of [...video, ...audio]) {
      const t = track(p.attributes.NAME);
      expect(p.segments.map((s) => s.uri)).toEqual(t.files);
      expect(p.segments[0]!.map!.uri).toBe(`${posix.dirname(t.files[0]!)}/init.mp4`);
      p.segments.forEach((s, i) => {
        expect(s.duration).toBeCloseTo(seconds(t)[i]!, 5);
        expect(s.presentationTime).toBeCloseTo(starts(t)[i]!, 5);
      });
    }
    expect(subtitles.map((p) => p.resolvedUri)).toEqual([
      "https://cdn.test/asset/subtitles/s0-en.vtt",
    ]);
    const mpd = await text("manifest.mpd");
    expect(mpd).toContain('profiles="urn:mpeg:dash:profile:isoff-live:2011"');
    expect(mpd).toContain('type="static"');
  });

  it("points HLS and DASH at the same segment files", async () => {
    const hls = (await hlsReferences(await text("master.m3u8"))).filter(
      (f) => f.endsWith(".m4s") || f.endsWith(".mp4"),
    );
    const dash = dashReferences(await text("manifest.mpd")).filter(
      (f) => f.endsWith(".m4s") || f.endsWith(".mp4"),
    );
    expect(new Set(dash)).toEqual(new Set(hls));
  });
});

describe("publishing", () => {
  it("publishes the lowest rung first, then every rung", () => {
    expect(
      published.map((p) => [
        p.presentation.complete,
        p.presentation.video.map((v) => v.id),
        p.manifests,
      ]),
    ).toEqual([
      [false, ["240p"], ["master.m3u8", "manifest.mpd"]],
      [true, ["240p", "360p"], ["master.m3u8", "manifest.mpd"]],
    ]);
    expect(published[1]!.presentation).toEqual(presentation);
    for (const p of published) PresentationSchema.parse(p.presentation);
  });

  it("references only files already reported ready at each publish", async () => {
    for (const p of published) {
      const references = [...(await hlsReferences(p.master)), ...dashReferences(p.mpd)];
      expect(references.length).toBeGreaterThan(10);
      for (const ref of references) expect(p.readyBefore, ref).toContain(ref);
    }
    const first = HLS.parse(published[0]!.master);
    expect(first.isMasterPlaylist && first.variants.map((v) => v.uri)).toEqual([
      "video/240p/index.m3u8",
    ]);
  });

  it("reports every output file exactly once, and nothing else", async () => {
    expect(new Set(ready).size).toBe(ready.length);
    const manifests = ["master.m3u8", "manifest.mpd"];
    expect(ready.filter((f) => manifests.includes(f))).toEqual([]);
    expect((await listFiles(outputDir)).sort()).toEqual([...ready, ...manifests].sort());
  });

  it("reports progress from probing to 100%", () => {
    expect(progress[0]).toEqual({ stage: "probing", percent: 0, rung: null });
    expect(progress.at(-1)).toEqual({ stage: "finishing", percent: 100, rung: null });
    expect(progress.map((p) => p.rung)).toContain("240p–360p");
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.percent).toBeGreaterThanOrEqual(progress[i - 1]!.percent);
    }
  });
});
