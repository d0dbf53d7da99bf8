/**
 * ffprobe's JSON (`-show_format -show_streams`) and how we read it, shared by
 * the transcoder's probe and the upload page's preflight (ffmpeg.wasm), so
 * both judge a master's picture the same way. Pure: no I/O.
 */
import { standardRateNear } from "./frame-grid.ts";

/** What the transcoder takes: the picture's sides and the duration (a master outside is refused). */
export const MIN_SHORT_SIDE = 144;
export const MAX_LONG_SIDE = 7680;
export const MAX_DURATION_SECONDS = 6 * 60 * 60;

/** The parts of `ffprobe -show_format -show_streams -print_format json` we read. */
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
  start_time?: string;
  disposition?: { default?: number; attached_pic?: number };
  tags?: { language?: string; title?: string; rotate?: string };
  side_data_list?: { rotation?: number }[];
}

export interface ProbeOutput {
  streams?: ProbeStream[];
  format?: { duration?: string; start_time?: string };
}

/** The size a player shows: stored size stretched by the sample aspect ratio, turned by the rotation. */
export function displaySize(video: ProbeStream): { width: number; height: number } {
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

/**
 * Frames per second the picture is meant to play at; 0 when unknown. The
 * average rate, unless frames are missing here and there (a variable rate,
 * as phones and screen recorders make) and the stream's base rate is a
 * standard one above it: then the base rate, so the constant-rate ladder
 * keeps every frame of the source instead of dropping some.
 *
 * @example
 * frameRateOf({ index: 0, avg_frame_rate: "45/2", r_frame_rate: "30/1" }); // 30
 */
export function frameRateOf(video: ProbeStream): number {
  const average = rate(video.avg_frame_rate);
  const base = rate(video.r_frame_rate);
  if (!average) return base;
  const variable = !standardRateNear(average) && base > average && standardRateNear(base);
  return variable ? base : average;
}

function rate(fraction: string | undefined): number {
  const [num, den] = (fraction ?? "").split("/").map(Number);
  return num && den ? num / den : 0;
}
