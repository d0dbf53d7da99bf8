import { describe, expect, it } from "vitest";
import { outputContentType } from "./asset-layout.ts";

describe("outputContentType", () => {
  it("serves an audio track's init and media segments as audio/mp4", () => {
    expect(outputContentType("audio/eng-stereo/init.mp4")).toBe("audio/mp4");
    expect(outputContentType("audio/eng-stereo/seg-00003.m4s")).toBe("audio/mp4");
    expect(outputContentType("audio/eng-stereo/index.m3u8")).toBe("application/vnd.apple.mpegurl");
  });

  it("serves video segments as video, and refuses an extension it does not write", () => {
    expect(outputContentType("video/720p/init.mp4")).toBe("video/mp4");
    expect(outputContentType("video/720p/seg-00003.m4s")).toBe("video/iso.segment");
    expect(outputContentType("video/720p/seg-00003.exe")).toBeNull();
    expect(outputContentType("audio")).toBeNull();
  });
});
