/**
 * Readers the tests use to check outputs by parsing them: the files under a
 * folder, JPEG picture sizes, WebVTT cues, CMAF tracks.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { parseInit, parseSegment, type InitInfo, type SegmentInfo } from "../src/media/bmff.ts";

/** Every file under `dir`, as paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

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

export interface ParsedTrack {
  init: InitInfo;
  /** Segment files in order, relative to the output folder. */
  files: string[];
  segments: SegmentInfo[];
}

/** A CMAF track folder read in full with the box reader. */
export async function readTrackFiles(outputDir: string, dir: string): Promise<ParsedTrack> {
  const init = parseInit(await readFile(join(outputDir, dir, "init.mp4")));
  const files = (await readdir(join(outputDir, dir)))
    .filter((name) => /^seg-\d{5}\.m4s$/.test(name))
    .sort()
    .map((name) => `${dir}/${name}`);
  const segments = await Promise.all(
    files.map(async (f) => parseSegment(await readFile(join(outputDir, f)), init)),
  );
  return { init, files, segments };
}
