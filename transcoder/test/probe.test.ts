/** What probeSource reads from real clips, and the validation rules on ffprobe's output. */
import { describe, expect, it } from "vitest";
import { InputError } from "../src/errors.ts";
import { describe as describeProbe, probeSource } from "../src/media/probe.ts";
import { clip } from "./clips.ts";

const signal = new AbortController().signal;

describe("probeSource", () => {
  it("reads duration, start, display size, frame rate and audio languages", async () => {
    const source = await probeSource({ url: await clip("main") }, signal);
    expect(source.durationSeconds).toBeCloseTo(6, 1);
    expect(source.startSeconds).toBe(0);
    expect(source.video).toEqual({
      index: 0,
      width: 640,
      height: 360,
      frameRate: 30,
      codec: "h264",
      startSeconds: 0,
      durationSeconds: 6,
    });
    expect(source.audio).toEqual([
      { index: 1, language: "en", channels: 2, default: true },
      { index: 2, language: "fr", channels: 1, default: false },
    ]);
  });

  it("reads where a container's timeline starts", async () => {
    const source = await probeSource({ url: await clip("offsetStart") }, signal);
    // 10 s, less the AAC priming of the audio that starts first; the picture starts that much later.
    expect(source.startSeconds).toBeCloseTo(9.977, 3);
    expect(source.video.startSeconds).toBeCloseTo(0.023, 3);
  });
});

describe("validation", () => {
  const decodable = new Set(["h264", "aac"]);
  const video = {
    index: 0,
    codec_type: "video",
    codec_name: "h264",
    width: 1920,
    height: 1080,
    avg_frame_rate: "30000/1001",
  };
  const probed = (stream: object, format: object = { duration: "60.0" }) => ({
    streams: [{ ...video, ...stream }],
    format,
  });
  const code = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof InputError) return [error.code, error.message];
      throw error;
    }
    return undefined;
  };

  it("applies the sample aspect ratio and the rotation", () => {
    expect(
      describeProbe(probed({ width: 720, height: 576, sample_aspect_ratio: "16:15" }), decodable)
        .video,
    ).toMatchObject({ width: 768, height: 576 });
    expect(
      describeProbe(probed({ side_data_list: [{ rotation: -90 }] }), decodable).video,
    ).toMatchObject({ width: 1080, height: 1920 });
    expect(describeProbe(probed({ tags: { rotate: "270" } }), decodable).video).toMatchObject({
      width: 1080,
      height: 1920,
    });
    expect(describeProbe(probed({}), decodable).video.frameRate).toBeCloseTo(29.97, 2);
  });

  it("takes the start time from the format, 0 when it has none", () => {
    expect(
      describeProbe(probed({}, { duration: "60", start_time: "1.400000" }), decodable),
    ).toMatchObject({ startSeconds: 1.4 });
    expect(describeProbe(probed({}), decodable).startSeconds).toBe(0);
  });

  it("ignores cover art and undecodable audio, and keeps at most 16 tracks", () => {
    const info = describeProbe(
      {
        streams: [
          { index: 0, codec_type: "video", codec_name: "mjpeg", disposition: { attached_pic: 1 } },
          { ...video, index: 1 },
          {
            index: 2,
            codec_type: "audio",
            codec_name: "aac",
            channels: 6,
            tags: { language: "ger", title: " Deutsch " },
          },
          { index: 3, codec_type: "audio", codec_name: "mystery", channels: 2 },
        ],
        format: { duration: "10" },
      },
      decodable,
    );
    expect(info.video.index).toBe(1);
    expect(info.audio).toEqual([
      { index: 2, language: "de", title: "Deutsch", channels: 6, default: false },
    ]);
    const many = Array.from({ length: 20 }, (_, i) => ({
      index: i + 1,
      codec_type: "audio",
      codec_name: "aac",
      channels: 2,
    }));
    expect(
      describeProbe({ streams: [video, ...many], format: { duration: "10" } }, decodable).audio,
    ).toHaveLength(16);
  });

  it("rejects what we cannot stream, with the reason", () => {
    expect(
      code(() =>
        describeProbe(
          { streams: [{ index: 0, codec_type: "audio", codec_name: "aac" }] },
          decodable,
        ),
      ),
    ).toEqual(["unsupported_input", "The file has no video stream."]);
    expect(code(() => describeProbe(probed({ codec_name: "vvc" }), decodable))).toEqual([
      "unsupported_input",
      'The video codec "vvc" is not supported.',
    ]);
    expect(code(() => describeProbe(probed({ width: 200, height: 120 }), decodable))?.[0]).toBe(
      "unsupported_input",
    );
    expect(code(() => describeProbe(probed({ width: 8192, height: 4320 }), decodable))?.[0]).toBe(
      "unsupported_input",
    );
    expect(code(() => describeProbe(probed({}, {}), decodable))).toEqual([
      "corrupt_input",
      "The file does not say how long it is.",
    ]);
    expect(code(() => describeProbe(probed({}, { duration: "0" }), decodable))?.[0]).toBe(
      "corrupt_input",
    );
    expect(
      code(() => describeProbe(probed({}, { duration: String(6 * 3600 + 1) }), decodable)),
    ).toEqual(["unsupported_input", "The video is longer than 6 hours."]);
    expect(
      code(() => describeProbe(probed({ width: 144, height: 144 }), decodable)),
    ).toBeUndefined();
  });
});
