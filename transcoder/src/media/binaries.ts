/**
 * Where the ffmpeg and ffprobe executables are. The container sets
 * FFMPEG_PATH / FFPROBE_PATH to Debian's builds and does not install the npm
 * installer packages, so those are imported only when the variable is unset
 * (development and tests, with the static builds they ship).
 */

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

async function fromEnvOr(variable: string, bundled: () => Promise<string>): Promise<string> {
  const configured = process.env[variable];
  return configured ? configured : bundled();
}
