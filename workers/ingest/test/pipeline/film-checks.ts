/**
 * Looking at a published title the way a player gets it, through the
 * stream route with a playback grant: decoding each rendition with ffmpeg
 * (`-xerror`), reading every segment's boxes for its timing, and finding
 * the film's sync markers (a white frame, a beep) in each decoded track.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import * as HLS from "hls-parser";
import { ffmpegPath, ffprobePath } from "../../../../transcoder/src/media/binaries.ts";
import {
  parseInit,
  parseSegment,
  type SegmentInfo,
} from "../../../../transcoder/src/media/bmff.ts";

HLS.setOptions({ strictMode: true, silent: true });
const exec = promisify(execFile);

/** The bundled static ffmpeg cannot resolve host names; the local stack answers on 127.0.0.1. */
export const byAddress = (url: string) => url.replace("//localhost:", "//127.0.0.1:");

export async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return response.text();
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export const parseMaster = async (url: string) =>
  HLS.parse(await fetchText(url)) as HLS.types.MasterPlaylist;
export const parseMedia = async (url: string) =>
  HLS.parse(await fetchText(url)) as HLS.types.MediaPlaylist;

/** How long a master's picture lasts, as ffprobe reads its video stream. */
export async function pictureSeconds(path: string): Promise<number> {
  const { stdout } = await exec(await ffprobePath(), [
    ...["-v", "error", "-select_streams", "v:0"],
    ...["-show_entries", "stream=duration", "-of", "csv=p=0", path],
  ]);
  return Number(stdout.trim());
}

/** Decodes the whole track at `url` (or a file) with `-xerror`; the errors ffmpeg printed (none: ""). */
export async function decodeErrors(url: string): Promise<string> {
  try {
    const { stderr } = await exec(await ffmpegPath(), [
      ...["-v", "error", "-xerror", "-i", byAddress(url), "-f", "null", "-"],
    ]);
    return stderr.trim();
  } catch (error) {
    return String((error as { stderr?: string }).stderr ?? error);
  }
}

/**
 * Decodes the first segment of a media playlist (behind its init segment)
 * with `-xerror`: for a playlist still growing, which ffmpeg would read as
 * live and wait on. The errors ffmpeg printed (none: "").
 */
export async function firstSegmentErrors(playlistUrl: string): Promise<string> {
  const playlist = await parseMedia(playlistUrl);
  const base = playlistUrl.slice(0, playlistUrl.lastIndexOf("/") + 1);
  const first = playlist.segments[0]!;
  const dir = await mkdtemp(join(tmpdir(), "marquee-first-segment-"));
  const file = join(dir, "first.mp4");
  try {
    const init = await fetchBytes(`${base}${first.map!.uri}`);
    const media = await fetchBytes(`${base}${first.uri}`);
    await writeFile(file, Buffer.concat([init, media]));
    return await decodeErrors(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every segment of a media playlist, parsed from its boxes (with its init segment's timescale). */
export async function segmentTimings(playlistUrl: string) {
  const playlist = await parseMedia(playlistUrl);
  const base = playlistUrl.slice(0, playlistUrl.lastIndexOf("/") + 1);
  const init = parseInit(await fetchBytes(`${base}${playlist.segments[0]!.map!.uri}`));
  const segments: SegmentInfo[] = [];
  for (const segment of playlist.segments) {
    segments.push(parseSegment(await fetchBytes(`${base}${segment.uri}`), init));
  }
  return { timescale: init.timescale, segments, playlist };
}

/** Runs ffmpeg with a `metadata`/`ametadata` print filter and pairs each frame's time with the value. */
async function printedValues(url: string, filter: string, audio: boolean) {
  const dir = await mkdtemp(join(tmpdir(), "marquee-film-check-"));
  const file = join(dir, "values.txt");
  try {
    await exec(await ffmpegPath(), [
      ...["-v", "error", "-i", byAddress(url)],
      ...(audio ? ["-vn", "-af"] : ["-an", "-vf"]),
      `${filter}:file=${file}`,
      ...["-f", "null", "-"],
    ]);
    const values: { time: number; value: number }[] = [];
    let time = Number.NaN;
    for (const line of (await readFile(file, "utf8")).split("\n")) {
      const frame = /pts_time:([-\d.]+)/.exec(line);
      if (frame) time = Number(frame[1]);
      const value = /=(-?[\d.]+|-inf)$/.exec(line);
      if (value && !frame) values.push({ time, value: Number(value[1]) });
    }
    return values;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** When the video shows a white frame (mean luma far above any scene's). */
export async function flashTimes(url: string): Promise<number[]> {
  const frames = await printedValues(
    url,
    "signalstats,metadata=mode=print:key=lavfi.signalstats.YAVG",
    false,
  );
  return frames.filter((frame) => frame.value > 200).map((frame) => frame.time);
}

/** When a beep starts, to 5 ms: a 5 ms window far louder than the one before it. */
export async function beepTimes(url: string): Promise<number[]> {
  const windows = await printedValues(
    url,
    "asetnsamples=n=240,astats=metadata=1:reset=1,ametadata=mode=print:key=lavfi.astats.Overall.RMS_level",
    true,
  );
  return windows
    .filter((window, i) => window.value > -12 && (windows[i - 1]?.value ?? -100) <= -12)
    .map((window) => window.time);
}

/** Where a segment does not start where the one before it ended: "n: expected t, got u". */
export function continuity(
  segments: { baseMediaDecodeTime: number; duration: number }[],
): string[] {
  return segments.slice(1).flatMap((segment, i) => {
    const expected = segments[i]!.baseMediaDecodeTime + segments[i]!.duration;
    return segment.baseMediaDecodeTime === expected
      ? []
      : [`${i + 1}: expected ${expected}, got ${segment.baseMediaDecodeTime}`];
  });
}

/** Where the last segment ends, in seconds. */
export function end(
  segments: { baseMediaDecodeTime: number; duration: number }[],
  timescale: number,
) {
  const last = segments.at(-1)!;
  return (last.baseMediaDecodeTime + last.duration) / timescale;
}
