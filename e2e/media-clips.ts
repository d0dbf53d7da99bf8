/**
 * Clips for browser tests, made per run with the bundled native ffmpeg in a
 * temporary folder removed when the test file ends.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { makeClipAt } from "../scripts/ffmpeg-clip.ts";

export const clipDir = mkdtempSync(join(tmpdir(), "marquee-e2e-clips-"));
afterAll(() => rmSync(clipDir, { recursive: true, force: true }));

/** Makes a clip with the native ffmpeg; `args` go before the output path. */
export const makeClip = (name: string, args: string[]) => makeClipAt(join(clipDir, name), args);

const H264_AAC = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"];

/** `seconds` of 640×360 test pattern with an English 440 Hz tone. */
export const testPattern = (name: string, seconds = 5) =>
  makeClip(name, [
    ...["-f", "lavfi", "-i", `testsrc=size=640x360:rate=25:duration=${seconds}`],
    ...["-f", "lavfi", "-i", `sine=frequency=440:duration=${seconds}`],
    ...H264_AAC,
    ...["-metadata:s:a:0", "language=eng", "-shortest"],
  ]);
