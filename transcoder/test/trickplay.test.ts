/** Trickplay layout and index, pure. */
import { describe, expect, it } from "vitest";
import {
  thumbnailsVtt,
  tileCount,
  trickplayFilter,
  trickplayLayout,
  vttTime,
} from "../src/media/trickplay.ts";
import { vttCues } from "./output-checks.ts";

describe("trickplay", () => {
  it("sizes tiles 160 wide by the display aspect ratio, in even pixels", () => {
    expect(trickplayLayout({ width: 1920, height: 1080 })).toMatchObject({
      tileWidth: 160,
      tileHeight: 90,
    });
    expect(trickplayLayout({ width: 1080, height: 1920 })).toMatchObject({
      tileWidth: 160,
      tileHeight: 284,
    });
    expect(trickplayFilter(trickplayLayout({ width: 1920, height: 800 }))).toBe(
      "select='gte(t,10*selected_n)',scale=160:66,tile=5x5,settb=1,setpts=N",
    );
  });

  it("counts one tile per 10 s mark up to the last frame, consistent with the sheets written", () => {
    expect(tileCount(10, 30, 1)).toBe(1);
    expect(tileCount(10.05, 30, 1)).toBe(2);
    expect(tileCount(251, 30, 2)).toBe(26);
    // The sheets on disk win over arithmetic (audio longer than the video, say).
    expect(tileCount(260, 30, 1)).toBe(25);
  });

  it("points each cue at its tile, across sheets, with the last ending at the duration", () => {
    const layout = trickplayLayout({ width: 1280, height: 720 });
    const cues = vttCues(thumbnailsVtt(layout, 263.5, 27));
    expect(cues).toHaveLength(27);
    expect(cues[0]).toEqual({ start: 0, end: 10, text: "sprite-000.jpg#xywh=0,0,160,90" });
    expect(cues[6]).toEqual({ start: 60, end: 70, text: "sprite-000.jpg#xywh=160,90,160,90" });
    expect(cues[24]!.text).toBe("sprite-000.jpg#xywh=640,360,160,90");
    expect(cues[25]!.text).toBe("sprite-001.jpg#xywh=0,0,160,90");
    expect(cues[26]).toEqual({ start: 260, end: 263.5, text: "sprite-001.jpg#xywh=160,0,160,90" });
  });

  it("formats WebVTT times with hours", () => {
    expect(vttTime(3723.5)).toBe("01:02:03.500");
    expect(vttTime(0.0004)).toBe("00:00:00.000");
  });
});
