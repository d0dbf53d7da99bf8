/**
 * Readers the tests use to check outputs by parsing them, never by
 * matching strings in media bytes: JPEG picture sizes, WebVTT cues, CMAF
 * tracks as uploaded (through the box reader), the join of a track's
 * segments, and how it decodes and compares with the source frame by frame.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { initSegmentPath, mediaSegmentPath } from "../../lib/media/asset-layout.ts";
import type { FrameRate } from "../../lib/media/frame-grid.ts";
import {
  boxes,
  parseInit,
  parseSegment,
  type InitInfo,
  type SegmentInfo,
} from "../src/media/bmff.ts";
import { ffmpegPath } from "../src/media/binaries.ts";
import { runTool } from "../src/media/run-tool.ts";

/** Width and height from a JPEG's start-of-frame marker; throws when it is not a JPEG. */
export function jpegSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.readUInt16BE(0) !== 0xffd8) throw new Error("Not a JPEG");
  let offset = 2;
  while (offset < bytes.length) {
    const marker = bytes.readUInt16BE(offset);
    const length = bytes.readUInt16BE(offset + 2);
    // SOF0…SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xffc0 && marker <= 0xffcf && ![0xffc4, 0xffc8, 0xffcc].includes(marker)) {
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  throw new Error("JPEG without a frame header");
}

export interface Cue {
  start: number;
  end: number;
  text: string;
}

/** The cues of a WebVTT file; throws unless it starts with the WEBVTT signature. */
export function vttCues(text: string): Cue[] {
  if (!/^WEBVTT(?:[ \t]|\r?\n|$)/.test(text)) throw new Error("Not a WebVTT file");
  const time = (t: string) =>
    t
      .split(":")
      .map(Number)
      .reduce((sum, part) => sum * 60 + part, 0);
  return text
    .split(/\r?\n\r?\n/)
    .map((block) =>
      /((?:\d+:)?\d{2}:\d{2}\.\d{3}) --> ((?:\d+:)?\d{2}:\d{2}\.\d{3})[^\n]*\n([\s\S]*)/.exec(
        block,
      ),
    )
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ start: time(m[1]!), end: time(m[2]!), text: m[3]!.trim() }));
}

/** A media segment as uploaded, parsed. */
export interface ParsedSegment extends SegmentInfo {
  number: number;
  /** moof/mfhd sequence_number. */
  sequence: number;
  bytes: Buffer;
}

export interface ParsedTrack {
  init: InitInfo;
  initBytes: Buffer;
  segments: ParsedSegment[];
}

/** The fragment sequence number of a media segment, from its moof/mfhd box. */
export function fragmentSequence(bytes: Buffer): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const moof = boxes(view).find((box) => box.type === "moof");
  const mfhd = moof && boxes(moof.body).find((box) => box.type === "mfhd");
  if (!mfhd) throw new Error("No moof/mfhd");
  return mfhd.body.getUint32(4);
}

/**
 * A CMAF track from a job's uploads (`dir` like "video/240p"): its init
 * segment and its media segments 0, 1, 2… until the first missing one.
 */
export function trackFromOutputs(outputs: ReadonlyMap<string, Buffer>, dir: string): ParsedTrack {
  const initBytes = outputs.get(initSegmentPath(dir));
  if (!initBytes) throw new Error(`No init segment for ${dir}`);
  const init = parseInit(initBytes);
  const segments: ParsedSegment[] = [];
  for (let number = 0; ; number++) {
    const bytes = outputs.get(mediaSegmentPath(dir, number));
    if (!bytes) break;
    segments.push({
      ...parseSegment(bytes, init),
      number,
      sequence: fragmentSequence(bytes),
      bytes,
    });
  }
  return { init, initBytes, segments };
}

/** Writes a track's init and segments end to end into one file (what a player's buffer holds). */
export async function joinTrack(track: ParsedTrack, dir: string, name: string): Promise<string> {
  const path = join(dir, `${name}.mp4`);
  await writeFile(path, Buffer.concat([track.initBytes, ...track.segments.map((s) => s.bytes)]));
  return path;
}

async function ffmpeg(
  args: string[],
): Promise<{ exitCode: number | null; stdout: string[]; stderr: string }> {
  const stdout: string[] = [];
  const result = await runTool({
    executable: await ffmpegPath(),
    args: ["-nostdin", "-hide_banner", ...args],
    signal: new AbortController().signal,
    onStdoutLine: (line) => stdout.push(line),
  });
  return { exitCode: result.exitCode, stdout, stderr: result.stderr };
}

/** What decoding a file end to end prints at `-v error` with `-xerror` (empty when it decodes cleanly). */
export async function decodeErrors(path: string): Promise<string> {
  const { exitCode, stderr } = await ffmpeg([
    "-v",
    "error",
    "-xerror",
    "-i",
    path,
    "-f",
    "null",
    "-",
  ]);
  return exitCode === 0 ? stderr.trim() : `exit ${exitCode}: ${stderr.trim()}`;
}

/**
 * Per-frame PSNR (dB) of a decoded rung against the source put on the film's
 * frame grid (from the container's start time, as the tasks do) and scaled to
 * the rung's size, frame n against frame n; a frame shown one frame early or
 * late at a join drops to about 20 dB on testsrc2.
 */
export async function psnrPerFrame(
  encoded: string,
  source: { path: string; startSeconds: number },
  rate: FrameRate,
  size: { width: number; height: number },
): Promise<number[]> {
  const grid = `fps=fps=${rate.num}/${rate.den}:start_time=0`;
  const reference = `[1:v]${grid},scale=${size.width}:${size.height},setsar=1,setpts=N[ref]`;
  const main = `[0:v]settb=${rate.den}/${rate.num},setpts=N,setsar=1[main]`;
  const { exitCode, stdout, stderr } = await ffmpeg([
    ...["-v", "error", "-copyts", "-i", encoded],
    ...["-itsoffset", (-source.startSeconds - 0.000001).toFixed(6), "-i", source.path],
    ...["-filter_complex", `${reference};${main};[main][ref]psnr=stats_file=-`],
    ...["-f", "null", "-"],
  ]);
  if (exitCode !== 0) throw new Error(`psnr failed: ${stderr}`);
  return stdout
    .map((line) => /psnr_avg:(\S+)/.exec(line)?.[1])
    .filter((value): value is string => value !== undefined)
    .map((value) => (value === "inf" ? Infinity : Number(value)));
}

/**
 * The container's start time as ffmpeg reads it (for masters the bundled
 * ffprobe cannot open: it crashes on every MPEG-TS).
 */
export async function containerStart(path: string): Promise<number> {
  const { stderr } = await ffmpeg(["-i", path]);
  const start = /start: (-?[\d.]+)/.exec(stderr)?.[1];
  if (start === undefined) throw new Error(`No start time for ${path}`);
  return Number(start);
}
