/** The command builders, pure: the passes and the benchmark's references encode the same ladder the same way. */
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fitComplexity } from "../src/media/complexity.ts";
import {
  lowRungPassArgs,
  perRungArgs,
  referenceLadderArgs,
  scaleCascade,
  upperRungsPassArgs,
  type LadderJob,
} from "../src/media/ffmpeg-commands.ts";
import { planLadder } from "../src/media/ladder.ts";
import { trickplayLayout } from "../src/media/trickplay.ts";

const source = {
  durationSeconds: 60,
  video: { index: 0, width: 1920, height: 1080, frameRate: 30, codec: "h264", durationSeconds: 60 },
  audio: [{ index: 1, language: "en", channels: 2, default: true }],
  keyframeTimes: [0],
};
const plan = planLadder(source, fitComplexity(640 * 360, 20_000, 1920 * 1080, 120_000));
const job: LadderJob = {
  sourcePath: "/in/master.mp4",
  source,
  plan,
  outputDir: "/out/asset",
  scratchDir: "/tmp/scratch",
};

/** The options of each output file in a command, keyed by the output path. */
function outputs(args: readonly string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  let start = args.lastIndexOf("-filter_complex") + 2;
  for (let i = start; i < args.length; i++) {
    if (!args[i]!.startsWith("-")) {
      // An option's value, unless it follows another value: then it is an output path.
      if (i === start || !args[i - 1]!.startsWith("-")) {
        found.set(args[i]!, args.slice(start, i));
        start = i + 1;
      }
    }
  }
  return found;
}

const playlist = (kind: string, id: string) => `/tmp/scratch/${kind}-${id}.m3u8`;

describe("ladder commands", () => {
  it("encodes every rung with the same settings in the passes, the reference and per-rung processes", () => {
    const passes = new Map([
      ...outputs(lowRungPassArgs(job, trickplayLayout(source.video), true)),
      ...outputs(upperRungsPassArgs(job)),
    ]);
    const reference = outputs(referenceLadderArgs(job));
    const perRung = new Map(perRungArgs(job).flatMap((args) => [...outputs(args)]));
    for (const rung of plan.video) {
      const settings = passes.get(playlist("video", rung.id));
      expect(settings, rung.id).toContain(`${rung.bitrateKbps}k`);
      expect(reference.get(playlist("video", rung.id))).toEqual(settings);
      expect(perRung.get(playlist("video", rung.id))).toEqual(settings);
    }
    expect(reference.get(playlist("audio", "a0-en"))).toEqual(
      passes.get(playlist("audio", "a0-en")),
    );
    expect(passes.has("/out/asset/trickplay/sprite-%03d.jpg")).toBe(true);
  });

  it("writes init segments into the track folder although the hls muxer resolves them from its playlist", () => {
    const settings = outputs(upperRungsPassArgs(job)).get(playlist("video", "1080p"))!;
    const init = settings[settings.indexOf("-hls_fmp4_init_filename") + 1]!;
    expect(resolve(job.scratchDir, init)).toBe(join(job.outputDir, "video/1080p/init.mp4"));
    expect(settings[settings.indexOf("-hls_segment_filename") + 1]).toBe(
      "/out/asset/video/1080p/seg-%05d.m4s",
    );
  });

  it("scales down a cascade, each rung from the one above", () => {
    const [, r360, r480] = plan.video;
    expect(scaleCascade(0, [r360!, r480!])).toBe(
      "[0:0]scale=854:480,setsar=1,format=yuv420p,split=2[v480p][c480p];[c480p]scale=640:360,setsar=1[v360p]",
    );
  });
});
