/** Runs the bundled native ffmpeg to make a clip at `path`; `args` go before the output path. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import ffmpegInstaller from "@ffmpeg-installer/ffmpeg";

export async function makeClipAt(path: string, args: string[]): Promise<string> {
  await promisify(execFile)(ffmpegInstaller.path, ["-v", "error", "-y", ...args, path]);
  return path;
}
