/**
 * The ladders `npm run bench:abr` streams: a Netflix-like fixed ladder, and the per-title
 * ladders our transcoder plans for the demo clips (the same probe, complexity measurement and
 * `planLadder` the pipeline runs). A demo rung's bit rate is its video plus the default audio
 * rendition's, since the player fetches that audio alongside every video segment (the HLS
 * manifest's BANDWIDTH adds it too).
 */
import { join } from "node:path";
import { generateDemoClips } from "../../../scripts/demo-media/clips.ts";
import { ROOT } from "../../../scripts/local-stack.ts";
import { localLadder } from "../local-ladder.ts";

export interface Ladder {
  name: string;
  /** Ascending. */
  kbps: number[];
}

export const NETFLIX_LADDER: Ladder = {
  name: "Netflix-like",
  kbps: [235, 375, 560, 750, 1050, 1750, 2350, 3000, 4300, 5800],
};

/** Plans the demo clips' ladders (generating the clips into .cache/demo-media/ if missing). */
export async function demoLadders(): Promise<Ladder[]> {
  const paths = await generateDemoClips(join(ROOT, ".cache", "demo-media"));
  const ladders: Ladder[] = [];
  for (const path of paths) {
    const { plan } = await localLadder(path);
    const audio = plan.audio.find((rendition) => rendition.default)?.bitrateKbps ?? 0;
    ladders.push({
      name: `demo ${path.replace(/.*demo-(.*)\.mp4$/, "$1")}`,
      kbps: plan.video.map((rung) => rung.bitrateKbps + audio),
    });
  }
  return ladders;
}
