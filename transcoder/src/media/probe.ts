/**
 * What the master contains, from ffprobe, and whether we can transcode it.
 * Everything about the file that later steps rely on is checked here, before
 * any encoding starts, so bad uploads fail in well under a second with a
 * message the uploader can act on.
 */
import { stat } from "node:fs/promises";
import { InputError } from "../errors.ts";
import { ffmpegPath, ffprobePath } from "./binaries.ts";
import { toBcp47 } from "./language.ts";
import { stripLogPrefix } from "./run-ffmpeg.ts";
import { runTool } from "./run-tool.ts";
import {
  displaySize,
  frameRateOf,
  MAX_DURATION_SECONDS,
  MAX_LONG_SIDE,
  MIN_SHORT_SIDE,
  type ProbeOutput,
} from "../../../lib/media/probe-output.ts";

/** Limits on what we accept; the ladder never upscales, so 144 is the smallest rung we could make. */
export interface SourceVideo {
  /** The stream's index in the file (for `-map 0:<index>`). */
  index: number;
  /** Display size: sample aspect ratio applied and rotation honoured, as a player shows it. */
  width: number;
  height: number;
  frameRate: number;
  codec: string;
  /** As the container's index says; the file's duration when the stream has none. */
  durationSeconds: number;
}

export interface SourceAudio {
  index: number;
  /** BCP 47: "en", "fr", the three-letter tag when ISO 639-1 has none, "und" when untagged. */
  language: string;
  title?: string;
  channels: number;
  /** The container flags this stream as the default one. */
  default: boolean;
}

export interface SourceInfo {
  durationSeconds: number;
  video: SourceVideo;
  /** Decodable audio streams in file order. */
  audio: SourceAudio[];
  /** Presentation times of the video stream's keyframes, ascending. */
  keyframeTimes: number[];
}

/**
 * Probes and validates the master.
 *
 * @example
 * const source = await probeSource("/tmp/job/master.mov", signal);
 * source.video.height; // 1080
 */
export async function probeSource(path: string, signal: AbortSignal): Promise<SourceInfo> {
  const { size } = await stat(path);
  if (size === 0) throw new InputError("empty_input", "The file is empty.");
  const probed = await ffprobeJson(path, signal);
  const decodable = await decodableCodecs(signal);
  const info = describe(probed, decodable);
  return { ...info, keyframeTimes: await keyframeTimes(path, info.video.index, signal) };
}

async function ffprobeJson(path: string, signal: AbortSignal): Promise<ProbeOutput> {
  const args = ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path];
  const lines: string[] = [];
  const result = await runTool({
    executable: await ffprobePath(),
    args,
    signal,
    onStdoutLine: (line) => lines.push(line),
  });
  const reason = result.stderr.split("\n").map(stripLogPrefix).find(Boolean);
  if (result.exitCode !== 0) {
    throw new InputError(
      "corrupt_input",
      `ffprobe could not read the file: ${reason ?? "unknown error"}`,
    );
  }
  return JSON.parse(lines.join("\n")) as ProbeOutput;
}

/** Validates the probe and picks out what the pipeline needs (everything but keyframes). */
export function describe(
  probed: ProbeOutput,
  decodable: Set<string>,
): Omit<SourceInfo, "keyframeTimes"> {
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
    .map((s) => ({
      index: s.index,
      language: toBcp47(s.tags?.language),
      ...(s.tags?.title?.trim() ? { title: s.tags.title.trim() } : {}),
      channels: s.channels ?? 2,
      default: s.disposition?.default === 1,
    }));
  const videoDuration = Number(video.duration);
  return {
    durationSeconds,
    video: {
      index: video.index,
      width,
      height,
      frameRate,
      codec,
      durationSeconds: videoDuration > 0 ? videoDuration : durationSeconds,
    },
    audio,
  };
}

/** Keyframe times from the demuxer alone (no decoding), so this costs milliseconds per minute. */
async function keyframeTimes(
  path: string,
  streamIndex: number,
  signal: AbortSignal,
): Promise<number[]> {
  const times: number[] = [];
  await runTool({
    executable: await ffprobePath(),
    args: [
      "-v",
      "error",
      "-select_streams",
      String(streamIndex),
      "-show_entries",
      "packet=pts_time,flags",
      "-of",
      "csv=p=0",
      path,
    ],
    signal,
    onStdoutLine: (line) => {
      const [time, flags] = line.split(",");
      if (flags?.startsWith("K") && time && time !== "N/A") times.push(Number(time));
    },
  });
  return times.sort((a, b) => a - b);
}

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
