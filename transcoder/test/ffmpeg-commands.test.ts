/**
 * The command builders, pure (chunk-command.ts and ffmpeg-commands.ts): what
 * a chunk's command asks of ffmpeg, the keyframe times it forces, the audio
 * pass, and the benchmark's reference ladder encoding every rung with the
 * tasks' settings.
 */
import { describe, expect, it } from "vitest";
import { fitComplexity } from "../../lib/media/complexity-model.ts";
import { chunkSpans, segmentStartFrame, type FrameRate } from "../../lib/media/frame-grid.ts";
import { planLadder } from "../../lib/media/ladder.ts";
import {
  chunkKeyframeTimes,
  videoChunkArgs,
  type VideoChunkJob,
} from "../src/media/chunk-command.ts";
import {
  audioPassArgs,
  perRungArgs,
  referenceLadderArgs,
  scaleCascade,
} from "../src/media/ffmpeg-commands.ts";
import { inputArgs } from "../src/media/source-input.ts";

const source = {
  video: {
    index: 0,
    width: 1920,
    height: 1080,
    frameRate: 30,
    codec: "h264",
    startSeconds: 0,
    durationSeconds: 60,
  },
  audio: [{ index: 1, language: "en", channels: 2, default: true }],
};
const plan = planLadder(source, fitComplexity(640 * 360, 20_000, 1920 * 1080, 120_000));
const http = { url: "https://ingest.example/jobs/1/source", token: "t".repeat(24) };
const rate: FrameRate = { num: 30000, den: 1001 };
const chunks = chunkSpans(1800, rate, 2);

/** The value after an option, in the first place it appears. */
const after = (args: readonly string[], option: string) => args[args.indexOf(option) + 1];

/** The arguments of each output file in a command, keyed by its path (everything after `-i` and the graph). */
function outputs(args: readonly string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  let start = args.indexOf("-filter_complex") + 2;
  for (let i = start; i < args.length; i++) {
    // An output path is a value that does not follow an option name.
    if (!args[i]!.startsWith("-") && !args[i - 1]!.startsWith("-")) {
      found.set(args[i]!, args.slice(start, i));
      start = i + 1;
    }
  }
  return found;
}

function chunkJob(index: number, overrides: Partial<VideoChunkJob> = {}): VideoChunkJob {
  return {
    source: http,
    videoIndex: 0,
    startSeconds: 1.4,
    rate,
    chunk: chunks[index]!,
    leadSeconds: 1,
    rungs: plan.video.slice(1),
    sprite: null,
    scratchDir: "/work/chunk",
    ...overrides,
  };
}

describe("videoChunkArgs", () => {
  const args = videoChunkArgs(chunkJob(3));
  const input = args.slice(0, args.indexOf("-i") + 2);

  it("reads the source over HTTP from a keyframe before the chunk, on the film's timeline", () => {
    const chunk = chunks[3]!;
    expect(after(input, "-ss")).toBe((chunk.startSeconds - 1).toFixed(6));
    expect(input).toContain("-noaccurate_seek");
    expect(input).toContain("-copyts");
    expect(after(input, "-itsoffset")).toBe("-1.400001");
    expect(after(input, "-vsync")).toBe("passthrough");
    expect(after(input, "-headers")).toBe(`Authorization: Bearer ${http.token}\r\n`);
    expect(after(input, "-reconnect")).toBe("1");
    expect(input.at(-1)).toBe(http.url);
    // An input -t would count from the keyframe the seek lands on and cut the chunk short.
    expect(input).not.toContain("-t");
  });

  it("selects the chunk's exact frames on the grid, and reports a late start", () => {
    const chunk = chunks[3]!;
    const graph = after(args, "-filter_complex")!;
    expect(graph).toContain(
      `[0:0]fps=fps=30000/1001,split=2[grid][first];[grid]trim=start_pts=${chunk.startFrame}:end_pts=${chunk.endFrame},setpts=PTS-STARTPTS[film]`,
    );
    // A frame reaches the late-start report only when decoding started after the chunk's first frame.
    expect(graph).toContain(
      `[first]trim=end_frame=1,select='gte(t*30000/1001,${chunk.startFrame + 0.5})',scale=8:8[late]`,
    );
    expect(outputs(args).get("pipe:3")).toEqual(
      expect.arrayContaining(["-map", "[late]", "-f", "framecrc"]),
    );
    const first = videoChunkArgs(chunkJob(0));
    expect(after(first, "-filter_complex")).toContain("fps=fps=30000/1001:start_time=0,");
    const last = videoChunkArgs(chunkJob(chunks.length - 1));
    expect(after(last, "-filter_complex")).toMatch(/trim=start_pts=\d+,setpts/);
  });

  it("encodes each rung at the grid's rate into its scratch folder, cut at every forced keyframe", () => {
    const byPath = outputs(args);
    for (const rung of plan.video.slice(1)) {
      const settings = byPath.get(`/work/chunk/${rung.id}/index.m3u8`)!;
      expect(after(settings, "-map")).toBe(`[v${rung.id}]`);
      expect(after(settings, "-r")).toBe("30000/1001");
      expect(after(settings, "-force_key_frames")).toBe(chunkKeyframeTimes(rate, chunks[3]!));
      expect(after(settings, "-hls_time")).toBe("0.1");
      expect(after(settings, "-hls_segment_filename")).toBe(`/work/chunk/${rung.id}/seg-%05d.m4s`);
    }
  });

  it("cuts the sprite sheet from the lowest rung's frames when asked", () => {
    const sprite = { intervalSeconds: 4.004, tileWidth: 160, tileHeight: 90, columns: 1, rows: 2 };
    const withSprite = videoChunkArgs(chunkJob(3, { rungs: plan.video.slice(0, 1), sprite }));
    expect(after(withSprite, "-filter_complex")).toContain(
      "split=2[v240p][tap];[tap]select='lt(selected_n,2)*gte(t,4.004*selected_n)',scale=160:90,tile=1x2[sprite]",
    );
    expect(outputs(withSprite).get("/work/chunk/sprite.jpg")).toEqual(
      expect.arrayContaining(["-map", "[sprite]", "-c:v", "mjpeg"]),
    );
  });
});

describe("chunkKeyframeTimes", () => {
  /** ffmpeg's own arithmetic: the time truncated to microseconds, rounded to the encoder's 1/rate time base. */
  const ffmpegFrame = (seconds: string, r: FrameRate) =>
    Math.round((Math.trunc(Number(seconds) * 1e6) / 1e6) * (r.num / r.den));

  it.each([
    { num: 30000, den: 1001 },
    { num: 24000, den: 1001 },
    { num: 60000, den: 1001 },
    { num: 25, den: 1 },
    { num: 17, den: 1 },
  ])("lands on the first frame of every segment at %o", (r) => {
    for (const chunk of chunkSpans(Math.round(7200 * (r.num / r.den)), r, 3)) {
      const times = chunkKeyframeTimes(r, chunk).split(",");
      const expected = Array.from(
        { length: times.length },
        (_, k) => segmentStartFrame(chunk.firstSegment + k, r) - chunk.startFrame,
      );
      expect(times.map((t) => ffmpegFrame(t, r))).toEqual(expected);
    }
  });

  it("forces keyframes past the planned end of the last chunk, for extra frames", () => {
    const last = chunks.at(-1)!;
    expect(chunkKeyframeTimes(rate, last).split(",").length).toBeGreaterThan(last.segmentCount);
    expect(chunkKeyframeTimes(rate, chunks[0]!).split(",")).toHaveLength(chunks[0]!.segmentCount);
  });
});

describe("audioPassArgs", () => {
  it("encodes every track in one pass, from the film's start", () => {
    const args = audioPassArgs(http, 1.4, plan.audio, "/work/out");
    expect(after(args, "-itsoffset")).toBe("-1.400001");
    const settings = outputs(args).get("/work/out/audio/a0-en/index.m3u8")!;
    expect(after(settings, "-map")).toBe("0:1");
    expect(after(settings, "-af")).toBe("aresample=async=1:first_pts=0");
    expect(after(settings, "-c:a")).toBe("aac");
    expect(after(settings, "-hls_time")).toBe("4");
  });
});

describe("reference ladder", () => {
  const job = { source: { url: "/in/master.mp4" }, videoIndex: 0, plan, outputDir: "/out/asset" };

  it("reads a local file with no HTTP options", () => {
    expect(inputArgs(job.source)).toEqual(["-i", "/in/master.mp4"]);
  });

  it("encodes every rung with the chunks' settings, whole-film keyframes apart", () => {
    const reference = outputs(referenceLadderArgs(job));
    const perRung = new Map(perRungArgs(job).flatMap((args) => [...outputs(args)]));
    const chunk = outputs(videoChunkArgs(chunkJob(3, { rungs: plan.video })));
    const keyframeless = (settings: string[]) => {
      const at = settings.indexOf("-force_key_frames");
      return [...settings.slice(0, at), ...settings.slice(at + 2)].filter(
        (value, i, all) => value !== "-r" && all[i - 1] !== "-r",
      );
    };
    for (const rung of plan.video) {
      const path = `/out/asset/video/${rung.id}/index.m3u8`;
      const settings = reference.get(path)!;
      expect(after(settings, "-b:v")).toBe(`${rung.bitrateKbps}k`);
      expect(after(settings, "-force_key_frames")).toBe("expr:gte(t,n_forced*4)");
      expect(perRung.get(path)).toEqual(settings);
      const chunkSettings = chunk.get(`/work/chunk/${rung.id}/index.m3u8`)!;
      const encoder = (all: string[]) =>
        keyframeless(all).slice(0, keyframeless(all).indexOf("-f"));
      expect(encoder(chunkSettings)).toEqual(encoder(settings));
    }
    expect(reference.has("/out/asset/audio/a0-en/index.m3u8")).toBe(true);
  });

  it("scales down a cascade, each rung from the one above", () => {
    const [, r360, r480] = plan.video;
    expect(scaleCascade("[0:0]", [r360!, r480!])).toBe(
      "[0:0]scale=854:480,setsar=1,format=yuv420p,split=2[v480p][c480p];[c480p]scale=640:360,setsar=1[v360p]",
    );
  });
});
