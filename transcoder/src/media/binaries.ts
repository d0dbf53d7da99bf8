/**
 * Where the ffmpeg and ffprobe executables are. The container sets
 * FFMPEG_PATH / FFPROBE_PATH to Debian's builds and does not install the npm
 * installer packages, so those are imported only when the variable is unset
 * (development and tests, with the static builds they ship).
 */
import { runTool } from "./run-tool.ts";

let ffmpeg: Promise<string> | undefined;
let ffprobe: Promise<string> | undefined;

/** The ffmpeg executable: `FFMPEG_PATH`, else the bundled static build. */
export function ffmpegPath(): Promise<string> {
  ffmpeg ??= fromEnvOr(
    "FFMPEG_PATH",
    async () => (await import("@ffmpeg-installer/ffmpeg")).default.path,
  );
  return ffmpeg;
}

/** The ffprobe executable: `FFPROBE_PATH`, else the bundled static build. */
export function ffprobePath(): Promise<string> {
  ffprobe ??= fromEnvOr(
    "FFPROBE_PATH",
    async () => (await import("@ffprobe-installer/ffprobe")).default.path,
  );
  return ffprobe;
}

/** Where Debian's package puts ffmpeg (the container's, and a developer's after `apt-get install ffmpeg`). */
const SYSTEM_FFMPEG = "/usr/bin/ffmpeg";
let chromaprint: Promise<string | null> | undefined;

/**
 * An ffmpeg with the `chromaprint` muxer, for audio fingerprints: the
 * configured one, else the system's, else the bundled one, whichever has it
 * first (Debian's builds do; the bundled static 4.1 does not). Null when
 * none does: intros are then not detected, and the transcoder says so.
 */
export function chromaprintFfmpegPath(): Promise<string | null> {
  chromaprint ??= (async () => {
    const candidates = [process.env.FFMPEG_PATH, SYSTEM_FFMPEG, await ffmpegPath()];
    for (const candidate of new Set(candidates.filter((path) => path !== undefined))) {
      if (await hasMuxer(candidate, "chromaprint")) return candidate;
    }
    return null;
  })();
  return chromaprint;
}

async function hasMuxer(executable: string, muxer: string): Promise<boolean> {
  let found = false;
  try {
    await runTool({
      executable,
      args: ["-hide_banner", "-muxers"],
      signal: AbortSignal.timeout(10_000),
      onStdoutLine: (line) => {
        found ||= line.trim().split(/\s+/)[1] === muxer;
      },
    });
  } catch {
    return false; // not there, or not runnable
  }
  return found;
}

async function fromEnvOr(variable: string, bundled: () => Promise<string>): Promise<string> {
  const configured = process.env[variable];
  return configured ? configured : bundled();
}
