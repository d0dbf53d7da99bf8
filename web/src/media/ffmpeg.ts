/**
 * ffmpeg.wasm, loaded once and only when a page first asks for it (the
 * upload page's preflight): 10 MB to download and a moment to compile is
 * too much for every visit.
 *
 * Everything comes from our own origin. web/vite.config.ts emits the core's
 * script and its wasm under /vendor/ffmpeg/, the wasm gzipped because, at
 * 32 MB, it is over the size a Workers static asset may be. It is unpacked
 * here and handed to the core as a blob: URL.
 */
import { FFmpeg } from "@ffmpeg/ffmpeg";

const CORE_URL = "/vendor/ffmpeg/ffmpeg-core.js";
const WASM_GZIP_URL = "/vendor/ffmpeg/ffmpeg-core.wasm.gz";

let loading: Promise<FFmpeg> | null = null;

/** The core's wasm, decompressed as it downloads, as a blob: URL. */
async function wasmUrl(): Promise<string> {
  const response = await fetch(WASM_GZIP_URL);
  if (!response.ok || !response.body) {
    throw new Error(`Loading ${WASM_GZIP_URL} failed with HTTP ${response.status}.`);
  }
  const wasm = await new Response(
    response.body.pipeThrough(new DecompressionStream("gzip")),
  ).blob();
  // The core compiles it as it streams in, which needs the wasm MIME type.
  return URL.createObjectURL(new Blob([wasm], { type: "application/wasm" }));
}

async function load(): Promise<FFmpeg> {
  const wasmURL = await wasmUrl();
  const ffmpeg = new FFmpeg();
  try {
    // The core runs in ffmpeg.wasm's module worker, which imports it by absolute URL.
    await ffmpeg.load({ coreURL: new URL(CORE_URL, location.href).href, wasmURL });
    return ffmpeg;
  } catch (error) {
    ffmpeg.terminate();
    throw error;
  } finally {
    // Compiled (or failed): the 32 MB blob is not needed either way.
    URL.revokeObjectURL(wasmURL);
  }
}

/** The page's one ffmpeg.wasm, loading it on first call; a failed load is tried again next time. */
export function loadFfmpeg(): Promise<FFmpeg> {
  if (!loading) {
    loading = load();
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}
