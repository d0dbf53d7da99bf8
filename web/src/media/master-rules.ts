/**
 * What the transcoder will take, judged in the browser from ffprobe's JSON
 * before the upload starts, so a master it would refuse is refused here in
 * seconds instead of after hours of uploading. These mirror the
 * transcoder's own checks (transcoder/src/media/probe.ts), which stay the
 * authority: a change there belongs here too. (The one check left to the
 * server is whether its ffmpeg can decode the codec.)
 */

export const MIN_SHORT_SIDE = 144;
export const MAX_LONG_SIDE = 7680;
export const MAX_DURATION_SECONDS = 6 * 60 * 60;

/** The parts of `ffprobe -show_format -show_streams -print_format json` read here. */
export interface ProbeStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  sample_aspect_ratio?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  channels?: number;
  duration?: string;
  disposition?: { default?: number; attached_pic?: number };
  tags?: { language?: string; title?: string; rotate?: string };
  side_data_list?: { rotation?: number }[];
}

export interface ProbeOutput {
  streams?: ProbeStream[];
  format?: { duration?: string };
}

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
  const frameRate = rate(video.avg_frame_rate) || rate(video.r_frame_rate);
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

/** The size a player shows: stored size stretched by the sample aspect ratio, turned by the rotation. */
function displaySize(video: ProbeStream): { width: number; height: number } {
  const [sarNum, sarDen] = (video.sample_aspect_ratio ?? "1:1").split(":").map(Number);
  const sar = sarNum && sarDen ? sarNum / sarDen : 1;
  const width = Math.round((video.width ?? 0) * sar);
  const height = video.height ?? 0;
  // ffprobe 5+ reports rotation in the display matrix side data; older builds in the "rotate" tag.
  const rotation =
    video.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ??
    Number(video.tags?.rotate ?? 0);
  return Math.abs(rotation) % 180 === 90 ? { width: height, height: width } : { width, height };
}

function rate(fraction: string | undefined): number {
  const [num, den] = (fraction ?? "").split("/").map(Number);
  return num && den ? num / den : 0;
}
