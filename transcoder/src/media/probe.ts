/**
 * What the master contains, from ffprobe, and whether we can transcode it.
 * Everything about the file that later tasks rely on is checked here, before
 * any encoding starts, so bad uploads fail in well under a second with a
 * message the uploader can act on. ffprobe reads the container's header over
 * HTTP (a few Range requests), never the whole file.
 */
import type { Source } from "../../../lib/ingest/task-protocol.ts";
import { toBcp47 } from "../../../lib/media/language.ts";
import {
  displaySize,
  frameRateOf,
  MAX_DURATION_SECONDS,
  MAX_LONG_SIDE,
  MIN_SHORT_SIDE,
  type ProbeOutput,
} from "../../../lib/media/probe-output.ts";
import { ffmpegPath, ffprobePath } from "./binaries.ts";
import { ffmpegError } from "./run-ffmpeg.ts";
import { runTool } from "./run-tool.ts";
import { inputArgs, type SourceInput } from "./source-input.ts";
import { InputError } from "../errors.ts";

/** The protocol's limit on audio tracks; a master with more keeps its first ones. */
const MAX_AUDIO_TRACKS = 16;
const MAX_TITLE_LENGTH = 200;

/**
 * Probes and validates the master.
 *
 * @example
 * const source = await probeSource({ url: `${ingestUrl}/source`, token }, signal);
 * source.video.height; // 1080
 */
export async function probeSource(input: SourceInput, signal: AbortSignal): Promise<Source> {
  const [probed, decodable] = await Promise.all([
    ffprobeJson(input, signal),
    decodableCodecs(signal),
  ]);
  return describe(probed, decodable);
}

async function ffprobeJson(input: SourceInput, signal: AbortSignal): Promise<ProbeOutput> {
  const args = ["-v", "error", "-print_format", "json", "-show_format", "-show_streams"];
  const lines: string[] = [];
  const result = await runTool({
    executable: await ffprobePath(),
    args: [...args, ...inputArgs(input)],
    signal,
    onStdoutLine: (line) => lines.push(line),
  });
  if (result.killedBy) throw new Error(`ffprobe was killed by ${result.killedBy}`);
  if (result.exitCode !== 0) throw ffmpegError(result.stderr, result.exitCode, "ffprobe");
  return JSON.parse(lines.join("\n")) as ProbeOutput;
}

/**
 * Validates the probe and picks out what the tasks need.
 *
 * @example
 * describe(JSON.parse(ffprobeOutput), new Set(["h264", "aac"])).video.index; // 0
 */
export function describe(probed: ProbeOutput, decodable: Set<string>): Source {
  const streams = probed.streams ?? [];
  // Cover art is a one-frame "video" stream; it is not the picture we are asked to stream.
  const video = streams.find((s) => s.codec_type === "video" && s.disposition?.attached_pic !== 1);
  if (!video) throw new InputError("unsupported_input", "The file has no video stream.");
  const codec = video.codec_name ?? "unknown";
  if (!decodable.has(codec)) {
    throw new InputError("unsupported_input", `The video codec "${codec}" is not supported.`);
  }
  const { width, height } = displaySize(video);
  if (!width || !height)
    throw new InputError("corrupt_input", "The video stream has no picture size.");
  if (Math.min(width, height) < MIN_SHORT_SIDE || Math.max(width, height) > MAX_LONG_SIDE) {
    throw new InputError(
      "unsupported_input",
      `The video is ${width}×${height}; the shorter side must be at least ${MIN_SHORT_SIDE} pixels and the longer side at most ${MAX_LONG_SIDE}.`,
    );
  }
  const frameRate = frameRateOf(video);
  if (!frameRate || frameRate > 1000) {
    throw new InputError("corrupt_input", "The video stream has no usable frame rate.");
  }
  const durationSeconds = Number(probed.format?.duration ?? video.duration);
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) {
    throw new InputError("corrupt_input", "The file does not say how long it is.");
  }
  if (durationSeconds > MAX_DURATION_SECONDS) {
    throw new InputError("unsupported_input", "The video is longer than 6 hours.");
  }
  const audio = streams
    .filter(
      (s) => s.codec_type === "audio" && decodable.has(s.codec_name ?? "") && (s.channels ?? 0) > 0,
    )
    .slice(0, MAX_AUDIO_TRACKS)
    .map((s) => {
      const title = s.tags?.title?.trim().slice(0, MAX_TITLE_LENGTH);
      return {
        index: s.index,
        language: toBcp47(s.tags?.language),
        ...(title ? { title } : {}),
        channels: s.channels ?? 2,
        default: s.disposition?.default === 1,
      };
    });
  const videoDuration = Number(video.duration);
  const startSeconds = finiteOr(Number(probed.format?.start_time), 0);
  // The picture may start after the container does (a late first frame): where, on the film's timeline.
  const videoStart = Math.max(0, finiteOr(Number(video.start_time), startSeconds) - startSeconds);
  return {
    durationSeconds,
    startSeconds,
    video: {
      index: video.index,
      width,
      height,
      frameRate,
      codec,
      startSeconds: videoStart,
      durationSeconds: videoDuration > 0 ? videoDuration : durationSeconds,
    },
    audio,
  };
}

const finiteOr = (value: number, fallback: number) => (Number.isFinite(value) ? value : fallback);

const decodableByBinary = new Map<string, Promise<Set<string>>>();

/** The codecs the ffmpeg we will run can decode (Debian's build and the static one differ). */
async function decodableCodecs(signal: AbortSignal): Promise<Set<string>> {
  const executable = await ffmpegPath();
  let codecs = decodableByBinary.get(executable);
  if (!codecs) {
    codecs = listDecodable(executable, signal);
    decodableByBinary.set(executable, codecs);
    codecs.catch(() => decodableByBinary.delete(executable));
  }
  return codecs;
}

async function listDecodable(executable: string, signal: AbortSignal): Promise<Set<string>> {
  const codecs = new Set<string>();
  const result = await runTool({
    executable,
    args: ["-hide_banner", "-codecs"],
    signal,
    // Lines look like " DEV.LS h264   H.264 / AVC …": the first flag is D when ffmpeg can decode it.
    onStdoutLine: (line) => {
      const match = /^ D[E.][VAS]\S* (\S+)/.exec(line);
      if (match?.[1]) codecs.add(match[1]);
    },
  });
  if (result.exitCode !== 0)
    throw new Error(`ffmpeg -codecs failed: ${result.stderr.slice(0, 200)}`);
  return codecs;
}
