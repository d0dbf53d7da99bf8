/**
 * The upload page's preflight: before a byte of a master is uploaded,
 * ffmpeg.wasm probes it, the transcoder's rules judge it (master-rules.ts),
 * and one frame of it is grabbed for a poster, so the admin sees what they
 * are about to send and a master the pipeline would refuse never leaves
 * the machine.
 *
 * Its first bytes must be a container the server takes (the server's own
 * check, lib/ingest/sniff.ts). Then the file is mounted into ffmpeg's file
 * system (WORKERFS), not copied in: ffmpeg reads just the slices it needs,
 * so a 20 GB master costs no memory.
 */
import { FFFSType, type FFmpeg } from "@ffmpeg/ffmpeg";
import { detectVideoContainer, SNIFF_BYTES } from "../../../lib/ingest/sniff.ts";
import { formatBytes } from "../util/format-bytes.ts";
import { loadFfmpeg } from "./ffmpeg.ts";
import type { ProbeOutput } from "../../../lib/media/probe-output.ts";
import { judgeMaster, type MasterInfo } from "./master-rules.ts";

export type Preflight =
  | {
      ok: true;
      info: MasterInfo;
      /** A blob: URL of a frame 10% in (at most 10 s), or null when ffmpeg.wasm could not decode one. */
      posterUrl: string | null;
    }
  | { ok: false; reason: string };

const POSTER_WIDTH = 480;
/** Like the transcoder's poster: 10% in, but no later than this. */
const POSTER_LATEST_SECONDS = 10;

let mounts = 0;

/**
 * Probes and judges a master, and grabs its poster frame. The caller owns
 * the poster's blob: URL (and revokes it).
 *
 * @example
 * const preflight = await preflightMaster(file, maxBytes);
 * if (!preflight.ok) show(preflight.reason);
 */
export async function preflightMaster(file: File, maxBytes: number): Promise<Preflight> {
  if (file.size === 0) return { ok: false, reason: "The file is empty." };
  if (file.size > maxBytes) {
    return { ok: false, reason: `The file is larger than the ${formatBytes(maxBytes)} limit.` };
  }
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  if (!detectVideoContainer(head)) {
    return {
      ok: false,
      reason:
        "This is not a video file we take: send MP4, QuickTime, Matroska, WebM, MPEG-TS, AVI or MXF.",
    };
  }
  const ffmpeg = await loadFfmpeg();
  // Each master gets its own mount point, and its outputs are named after it.
  const mount = `/master-${++mounts}`;
  await ffmpeg.createDir(mount);
  await ffmpeg.mount(FFFSType.WORKERFS, { files: [file] }, mount);
  try {
    const input = `${mount}/${file.name}`;
    const probed = await probe(ffmpeg, input, `${mount}.json`);
    if (!probed) return { ok: false, reason: "This file is not a video we can read." };
    const verdict = judgeMaster(probed);
    if (!verdict.ok) return verdict;
    const posterUrl = await grabPoster(ffmpeg, input, `${mount}.rgba`, verdict.info);
    return { ok: true, info: verdict.info, posterUrl };
  } finally {
    await ffmpeg.unmount(mount);
    await ffmpeg.deleteDir(mount);
  }
}

/** ffprobe's JSON about the file, or null when it cannot read it. */
async function probe(ffmpeg: FFmpeg, input: string, output: string): Promise<ProbeOutput | null> {
  // ffmpeg.wasm's ffprobe answers -1 even when it succeeds: what it wrote is the verdict.
  await ffmpeg.ffprobe([
    ...["-v", "error", "-print_format", "json", "-show_format", "-show_streams"],
    ...[input, "-o", output],
  ]);
  try {
    const json = await ffmpeg.readFile(output, "utf8");
    await ffmpeg.deleteFile(output);
    const probed = JSON.parse(String(json)) as ProbeOutput;
    // A file ffprobe could not open leaves an empty object.
    return probed.format ? probed : null;
  } catch {
    return null;
  }
}

/**
 * One frame as a JPEG blob: URL, sized as players show it; null when it
 * cannot be decoded here. ffmpeg.wasm only decodes and scales it to raw RGBA;
 * the browser makes the JPEG, because ffmpeg.wasm's own JPEG path can crash
 * the module ("memory access out of bounds", ffmpegwasm/ffmpeg.wasm#768).
 */
async function grabPoster(
  ffmpeg: FFmpeg,
  input: string,
  output: string,
  info: MasterInfo,
): Promise<string | null> {
  const width = 2 * Math.round(Math.min(POSTER_WIDTH, info.width) / 2);
  const height = 2 * Math.round((width * info.height) / info.width / 2);
  const at = Math.min(info.durationSeconds * 0.1, POSTER_LATEST_SECONDS);
  const exitCode = await ffmpeg.exec([
    ...["-v", "error", "-ss", at.toFixed(3), "-i", input],
    ...["-map", `0:${info.videoIndex}`, "-frames:v", "1", "-vf", `scale=${width}:${height}`],
    ...["-f", "rawvideo", "-pix_fmt", "rgba", output],
  ]);
  // ffmpeg.wasm's decoders are not the transcoder's: no frame here is no verdict on the file.
  if (exitCode !== 0) return null;
  const pixels = await ffmpeg.readFile(output);
  await ffmpeg.deleteFile(output);
  if (typeof pixels === "string" || pixels.byteLength !== width * height * 4) return null;
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext("2d");
  if (!context) return null;
  context.putImageData(new ImageData(new Uint8ClampedArray(pixels), width, height), 0, 0);
  return URL.createObjectURL(await canvas.convertToBlob({ type: "image/jpeg", quality: 0.85 }));
}
