/**
 * Where the credits start: the dark stretch the film ends on (rolling
 * credits are light text on black), snapped to the cut that starts it, and
 * surer when the sound drops there too. Films whose credits roll over
 * pictures are not found this way; an admin marks those.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { MarkersAnalysis } from "../../../lib/ingest/task-protocol.ts";
import { creditsScanArgs, type CreditsScanFiles } from "./ffmpeg-commands.ts";
import { runFfmpeg } from "./run-ffmpeg.ts";
import type { SourceInput } from "./source-input.ts";

/** Dark stretches this close together are one (a fade between two credit cards). */
const JOIN_GAP_SECONDS = 1.5;
/** The dark stretch must reach this close to the end. */
const END_SLACK_SECONDS = 1;
/** Shorter than this, a dark ending is a fade-out, not credits. */
const MIN_CREDITS_SECONDS = 4;
/** A cut this close to the dark stretch's start is where the credits start. */
const CUT_SNAP_SECONDS = 1;
/** A silence starting this close to it says the film's sound ended with the picture. */
const SILENCE_NEAR_SECONDS = 2;

export type Credits = NonNullable<MarkersAnalysis["credits"]>;

interface Interval {
  start: number;
  end: number;
}

/** What the scan found, in seconds of the film. */
export interface CreditsScan {
  dark: Interval[];
  cuts: number[];
  silenceStarts: number[];
}

/** One frame's metadata, as ffmpeg's `metadata=print` writes it. */
interface PrintedFrame {
  ptsTime: number;
  values: Map<string, number>;
}

/**
 * @example
 * parsePrintedMetadata("frame:0 pts:76800 pts_time:6\nlavfi.black_start=6\n");
 * // [{ ptsTime: 6, values: Map { "lavfi.black_start" => 6 } }]
 */
export function parsePrintedMetadata(text: string): PrintedFrame[] {
  const frames: PrintedFrame[] = [];
  for (const line of text.split("\n")) {
    const frame = /pts_time:(-?[\d.]+)/.exec(line);
    if (frame) frames.push({ ptsTime: Number(frame[1]), values: new Map() });
    const value = /^(lavfi\.[\w.]+)=(-?[\d.]+)/.exec(line.trim());
    if (value && frames.length > 0) frames.at(-1)!.values.set(value[1]!, Number(value[2]));
  }
  return frames;
}

/** Start/end pairs from frames marked with `<prefix>_start` and `<prefix>_end`; an open one runs to `end`. */
function intervals(frames: readonly PrintedFrame[], prefix: string, end: number): Interval[] {
  const found: Interval[] = [];
  let open: number | null = null;
  for (const { values } of frames) {
    const start = values.get(`${prefix}_start`);
    const stop = values.get(`${prefix}_end`);
    if (start !== undefined) open = start;
    if (stop !== undefined && open !== null) {
      found.push({ start: open, end: stop });
      open = null;
    }
  }
  if (open !== null) found.push({ start: open, end });
  return found;
}

/**
 * The credits, from what the scan found, or null when the film does not
 * end on a long enough dark stretch.
 *
 * @example
 * creditsFromScan({ dark: [{ start: 29, end: 35 }], cuts: [29], silenceStarts: [29] }, 35);
 * // { startSeconds: 29, confidence: 1 }
 */
export function creditsFromScan(scan: CreditsScan, durationSeconds: number): Credits | null {
  const joined: Interval[] = [];
  for (const next of [...scan.dark].sort((a, b) => a.start - b.start)) {
    const last = joined.at(-1);
    if (last && next.start - last.end <= JOIN_GAP_SECONDS) last.end = Math.max(last.end, next.end);
    else joined.push({ ...next });
  }
  const ending = joined.at(-1);
  if (!ending || ending.end < durationSeconds - END_SLACK_SECONDS) return null;
  if (durationSeconds - ending.start < MIN_CREDITS_SECONDS) return null;

  const cut = scan.cuts
    .filter((time) => Math.abs(time - ending.start) <= CUT_SNAP_SECONDS)
    .sort((a, b) => Math.abs(a - ending.start) - Math.abs(b - ending.start))[0];
  const startSeconds = cut ?? ending.start;
  const silent = scan.silenceStarts.some(
    (time) => Math.abs(time - startSeconds) <= SILENCE_NEAR_SECONDS,
  );
  const confidence = 0.6 + (cut !== undefined ? 0.2 : 0) + (silent ? 0.2 : 0);
  return { startSeconds, confidence: Math.round(confidence * 100) / 100 };
}

/**
 * Scans the film from `fromSeconds` to its end for its credits.
 *
 * @example
 * await detectCredits(input, { startSeconds: 0, videoIndex: 0, audioIndex: 1, fromSeconds: 2400, durationSeconds: 3000 }, dir, signal);
 */
export async function detectCredits(
  input: SourceInput,
  film: {
    startSeconds: number;
    videoIndex: number;
    audioIndex: number | null;
    fromSeconds: number;
    durationSeconds: number;
  },
  workDir: string,
  signal: AbortSignal,
): Promise<Credits | null> {
  const files: CreditsScanFiles = {
    dark: join(workDir, "dark.txt"),
    cuts: join(workDir, "cuts.txt"),
    silence: join(workDir, "silence.txt"),
  };
  await runFfmpeg({ args: creditsScanArgs(input, film, files), signal });
  const printed = async (file: string) =>
    parsePrintedMetadata(await readFile(file, "utf8").catch(() => ""));
  // The scan's times count from where it started reading.
  const onFilm = (time: number) => film.fromSeconds + time;
  const scanLength = film.durationSeconds - film.fromSeconds;
  const [dark, cuts, silence] = await Promise.all([
    printed(files.dark),
    printed(files.cuts),
    printed(files.silence),
  ]);
  return creditsFromScan(
    {
      dark: intervals(dark, "lavfi.black", scanLength).map(({ start, end }) => ({
        start: onFilm(start),
        end: onFilm(end),
      })),
      cuts: cuts.map((frame) => onFilm(frame.ptsTime)),
      silenceStarts: intervals(silence, "lavfi.silence", scanLength).map(({ start }) =>
        onFilm(start),
      ),
    },
    film.durationSeconds,
  );
}
