/** The manifest writers, pure: timelines, escaping, attributes, and bit rates from segment sizes. */
import * as HLS from "hls-parser";
import { parse as parseMpd } from "mpd-parser";
import { describe, expect, it } from "vitest";
import type { Presentation } from "../presentation.ts";
import { dashFrameRate, dashManifest, escapeXml } from "./dash.ts";
import { masterPlaylist, mediaPlaylist } from "./hls.ts";
import type { MediaTrack } from "./media-track.ts";
import { measuredBandwidth } from "./renditions.ts";

HLS.setOptions({ strictMode: true, silent: true });

const segment = (start: number, duration: number, size = 1000) => ({
  baseMediaDecodeTime: start,
  duration,
  size,
});
const videoTrack: MediaTrack = {
  dir: "video/240p",
  timescale: 90_000,
  segments: [
    segment(0, 360_000),
    segment(360_000, 360_000),
    segment(720_000, 360_000),
    segment(1_080_000, 90_000),
  ],
};

const presentation: Presentation = {
  durationSeconds: 13,
  video: [
    {
      id: "240p",
      width: 426,
      height: 240,
      frameRate: 29.97,
      bandwidth: 400_000,
      averageBandwidth: 300_000,
      codecs: "avc1.640015",
      playlist: "video/240p/index.m3u8",
    },
  ],
  audio: [],
  subtitles: [
    {
      id: "s0-en",
      language: "en",
      label: "Q&A <live>",
      path: "subtitles/s0-en.vtt",
      playlist: "subtitles/s0-en.m3u8",
    },
  ],
  poster: null,
  trickplay: null,
  hls: "master.m3u8",
  dash: "manifest.mpd",
  complete: true,
};

describe("dashManifest", () => {
  it("collapses runs of equal back-to-back segments and restates t after a gap", () => {
    const gappy: MediaTrack = {
      ...videoTrack,
      segments: [segment(0, 100), segment(100, 100), segment(250, 100), segment(350, 50)],
    };
    const mpd = dashManifest(presentation, new Map([["240p", gappy]]));
    expect(mpd).toContain('<S t="0" d="100" r="1"/>\n');
    expect(mpd).toContain('<S t="250" d="100"/>\n');
    expect(mpd).toContain('<S d="50"/>\n');
    const parsed = parseMpd(mpd, { manifestUri: "https://cdn.test/a/manifest.mpd" });
    expect(parsed.playlists[0]!.segments.map((s) => [s.uri, s.presentationTime])).toEqual([
      ["video/240p/seg-00000.m4s", 0],
      ["video/240p/seg-00001.m4s", 100 / 90_000],
      ["video/240p/seg-00002.m4s", 250 / 90_000],
      ["video/240p/seg-00003.m4s", 350 / 90_000],
    ]);
  });

  it("escapes text and writes frame rates as DASH wants them", () => {
    const mpd = dashManifest(presentation, new Map([["240p", videoTrack]]));
    expect(mpd).toContain("<Label>Q&amp;A &lt;live&gt;</Label>");
    expect(mpd).toContain('frameRate="30000/1001"');
    expect(escapeXml(`<a href='x'>&</a>`)).toBe("&lt;a href=&apos;x&apos;&gt;&amp;&lt;/a&gt;");
    expect([30, 29.97, 23.976, 59.94, 12.5].map(dashFrameRate)).toEqual([
      "30",
      "30000/1001",
      "24000/1001",
      "60000/1001",
      "12500/1000",
    ]);
  });
});

describe("HLS playlists", () => {
  it("writes a master without audio that parses strictly", () => {
    const text = masterPlaylist(presentation);
    const master = HLS.parse(text);
    if (!master.isMasterPlaylist) throw new Error("expected a master playlist");
    expect(master.variants[0]).toMatchObject({
      bandwidth: 400_000,
      averageBandwidth: 300_000,
      codecs: "avc1.640015",
      frameRate: 29.97,
    });
    expect(text).not.toContain("AUDIO=");
    expect(master.variants[0]!.subtitles[0]).toMatchObject({ name: "Q&A <live>", language: "en" });
  });

  it("keeps double quotes and line breaks out of quoted strings", () => {
    const label = 'Say "hi"\nagain';
    const text = masterPlaylist({
      ...presentation,
      subtitles: [{ ...presentation.subtitles[0]!, label }],
    });
    expect(text).toContain(`NAME="Say 'hi' again"`);
  });

  it("sets the target duration from the longest segment without float noise", () => {
    const track: MediaTrack = {
      ...videoTrack,
      timescale: 3,
      segments: [segment(0, 12), segment(12, 12), segment(24, 2)],
    };
    const playlist = HLS.parse(mediaPlaylist(track));
    if (playlist.isMasterPlaylist) throw new Error("expected a media playlist");
    expect(playlist.targetDuration).toBe(4);
    expect(playlist.segments.map((s) => [s.uri, s.duration])).toEqual([
      ["seg-00000.m4s", 4],
      ["seg-00001.m4s", 4],
      ["seg-00002.m4s", 0.666667],
    ]);
    expect(playlist.segments[0]!.map?.uri).toBe("init.mp4");
  });
});

describe("measuredBandwidth", () => {
  it("measures the peak over runs of half to one and a half target durations", () => {
    // A final segment of one keyframe: alone it would look like 4× the real peak.
    const track: MediaTrack = {
      ...videoTrack,
      segments: [
        segment(0, 360_000, 200_000),
        segment(360_000, 360_000, 250_000),
        segment(720_000, 3_000, 20_000),
      ],
    };
    const { bandwidth, averageBandwidth } = measuredBandwidth(track);
    expect(bandwidth).toBe(Math.ceil(((250_000 + 20_000) * 8) / (363_000 / 90_000)));
    expect(averageBandwidth).toBe(Math.ceil((470_000 * 8) / (723_000 / 90_000)));
  });

  it("falls back to the average for a track shorter than half a target", () => {
    const track: MediaTrack = { ...videoTrack, segments: [segment(0, 9_000, 1_000)] };
    expect(measuredBandwidth(track)).toEqual({ bandwidth: 80_000, averageBandwidth: 80_000 });
  });
});
