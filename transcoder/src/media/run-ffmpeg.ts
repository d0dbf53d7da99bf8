/**
 * Runs one ffmpeg command: adds the flags every run needs, reports progress
 * from `-progress` output, and turns a failed run into the right error: an
 * InputError when ffmpeg blames the input (retrying cannot help), else a
 * plain Error the caller may retry (crash, OOM kill, full disk, a source
 * read over HTTP that failed).
 */
import { InputError } from "../errors.ts";
import { ffmpegPath } from "./binaries.ts";
import { runTool } from "./run-tool.ts";

/** Prepended to every command: no prompts, overwrite (retries reuse paths), errors only, machine-readable progress on stdout. */
export const FFMPEG_RUN_FLAGS = [
  "-nostdin",
  "-y",
  "-hide_banner",
  "-v",
  "error",
  "-progress",
  "pipe:1",
  "-nostats",
] as const;

/** What ffmpeg prints when the bytes it reads are not what the container or codec promised. */
const CORRUPT_INPUT = [
  /Invalid data found when processing input/i,
  /moov atom not found/i,
  /error reading header/i,
  /could not find codec parameters/i,
  /partial file/i,
  /invalid NAL unit/i,
  /decode_slice_header error/i,
  /Error while decoding stream/i,
  /corrupt (?:input|decoded frame)/i,
  /EBML header parsing failed/i,
];
/**
 * What ffmpeg and ffprobe print when reading the source over HTTP failed.
 * Checked first: a broken read can also leave the demuxer or decoder
 * complaining about the data, and that must not fail the job for good.
 */
const NETWORK_FAILURE = [
  /Server returned/i,
  /Connection (?:refused|reset|timed out)/i,
  /Input\/output error/i,
  /Stream ends prematurely/i,
  /Failed to resolve hostname/i,
  /HTTP error/i,
];
/** What ffmpeg prints when it cannot handle what the input contains. */
const UNSUPPORTED_INPUT = [/Decoder \(codec [^)]*\) not found/i, /unsupported codec/i];

export interface FfmpegRun {
  /** Another build than the usual one (binaries.ts), for a feature only it has. */
  executable?: string;
  /** Everything after the common flags: inputs, filters, outputs. */
  args: readonly string[];
  signal: AbortSignal;
  /** Called with the output position, in seconds, each time ffmpeg reports progress. */
  onProgress?: (seconds: number) => void;
  /** What to do with the bytes ffmpeg writes to `pipe:3`, `pipe:4`, … */
  pipes?: readonly ((chunk: Buffer) => void)[];
}

/**
 * @example
 * await runFfmpeg({ args: ["-i", source, "-f", "null", "-"], signal, onProgress: (s) => log(s) });
 */
export async function runFfmpeg(run: FfmpegRun): Promise<void> {
  const { onProgress } = run;
  const result = await runTool({
    executable: run.executable ?? (await ffmpegPath()),
    args: [...FFMPEG_RUN_FLAGS, ...run.args],
    signal: run.signal,
    pipes: run.pipes,
    onStdoutLine: onProgress && ((line) => reportProgress(line, onProgress)),
  });
  if (result.exitCode === 0) return;
  if (result.killedBy) throw new Error(`ffmpeg was killed by ${result.killedBy}`);
  throw ffmpegError(result.stderr, result.exitCode);
}

// ffmpeg 4.1 prints `out_time_ms` (in microseconds, despite its name); later versions add `out_time_us`.
function reportProgress(line: string, onProgress: (seconds: number) => void) {
  const match = /^out_time_[mu]s=(\d+)$/.exec(line);
  if (match) onProgress(Number(match[1]) / 1e6);
}

/**
 * The error for a failed run, from what ffmpeg (or ffprobe: `tool`) printed.
 *
 * @example
 * ffmpegError("moov atom not found\n", 1); // InputError corrupt_input
 */
export function ffmpegError(stderr: string, exitCode: number | null, tool = "ffmpeg"): Error {
  const lines = stderr.split("\n").map(stripLogPrefix).filter(Boolean);
  const blamed = (patterns: RegExp[]) => lines.find((line) => patterns.some((p) => p.test(line)));
  const network = blamed(NETWORK_FAILURE);
  if (network) return new Error(`${tool} could not read the source: ${network}`);
  const unsupported = blamed(UNSUPPORTED_INPUT);
  if (unsupported) {
    return new InputError("unsupported_input", `${tool} cannot decode the file: ${unsupported}`);
  }
  const corrupt = blamed(CORRUPT_INPUT);
  if (corrupt)
    return new InputError("corrupt_input", `${tool} could not read the file: ${corrupt}`);
  return new Error(
    `${tool} failed (exit ${exitCode}): ${lines.slice(0, 5).join(" | ") || "no output"}`,
  );
}

/** Drops ffmpeg's `[component @ 0x…] ` prefix and any leading file path, which must not reach users. */
export function stripLogPrefix(line: string): string {
  return line
    .replace(/^\[[^\]]* @ 0x[0-9a-f]+\]\s*/i, "")
    .replace(/^(?:\/|[a-z]+:)\S*: /i, "")
    .trim();
}
