/**
 * What the transcoder will take, judged in the browser from ffprobe's JSON
 * before the upload starts, so a master it would refuse is refused here in
 * seconds instead of after hours of uploading. These mirror the
 * transcoder's own checks (transcoder/src/media/probe.ts), which stay the
 * authority: a change there belongs here too. (The one check left to the
 * server is whether its ffmpeg can decode the codec.)
 */
import {
  displaySize,
  frameRateOf,
  MAX_DURATION_SECONDS,
  MAX_LONG_SIDE,
  MIN_SHORT_SIDE,
  type ProbeOutput,
} from "../../../lib/media/probe-output.ts";

export interface MasterAudio {
  /** As the container tags it ("eng", "fr"), or null when untagged. */
  language: string | null;
  title: string | null;
  codec: string;
  channels: number;
}

export interface MasterInfo {
  durationSeconds: number;
  /** The picture as a player shows it: sample aspect ratio applied, rotation honoured. */
  width: number;
  height: number;
  frameRate: number;
  videoCodec: string;
  /** The index ffmpeg knows the picture by, for grabbing a frame of it. */
  videoIndex: number;
  audio: MasterAudio[];
}

export type MasterVerdict = { ok: true; info: MasterInfo } | { ok: false; reason: string };

const refuse = (reason: string): MasterVerdict => ({ ok: false, reason });

/** Whether the transcoder can take a master that probed like this. */
export function judgeMaster(probed: ProbeOutput): MasterVerdict {
  const streams = probed.streams ?? [];
  // Cover art is a one-frame "video" stream; it is not the picture we are asked to stream.
  const video = streams.find((s) => s.codec_type === "video" && s.disposition?.attached_pic !== 1);
  if (!video) return refuse("The file has no video stream.");
  const { width, height } = displaySize(video);
  if (!width || !height) return refuse("The video stream has no picture size.");
  if (Math.min(width, height) < MIN_SHORT_SIDE || Math.max(width, height) > MAX_LONG_SIDE) {
    return refuse(
      `The video is ${width}×${height}; the shorter side must be at least ${MIN_SHORT_SIDE} pixels and the longer side at most ${MAX_LONG_SIDE}.`,
    );
  }
  const frameRate = frameRateOf(video);
  if (!frameRate || frameRate > 1000) return refuse("The video stream has no usable frame rate.");
  const durationSeconds = Number(probed.format?.duration ?? video.duration);
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) {
    return refuse("The file does not say how long it is.");
  }
  if (durationSeconds > MAX_DURATION_SECONDS) return refuse("The video is longer than 6 hours.");
  const audio = streams
    .filter((s) => s.codec_type === "audio" && (s.channels ?? 0) > 0)
    .map((s) => ({
      language: s.tags?.language?.trim() || null,
      title: s.tags?.title?.trim() || null,
      codec: s.codec_name ?? "unknown",
      channels: s.channels ?? 0,
    }));
  return {
    ok: true,
    info: {
      durationSeconds,
      width,
      height,
      frameRate,
      videoCodec: video.codec_name ?? "unknown",
      videoIndex: video.index,
      audio,
    },
  };
}
