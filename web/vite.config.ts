/**
 * Builds the web app into web/dist, which the api Worker serves as static
 * assets. Swagger UI's files are copied in too, for the API docs page, and
 * ffmpeg.wasm's core, for the upload page's preflight.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const require = createRequire(import.meta.url);

/** Emits swagger-ui-dist's bundle and stylesheet under /vendor/swagger-ui/. */
function swaggerUi(): Plugin {
  const dist = dirname(require.resolve("swagger-ui-dist/package.json"));
  return {
    name: "marquee-swagger-ui",
    apply: "build",
    generateBundle() {
      for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
        this.emitFile({
          type: "asset",
          fileName: `vendor/swagger-ui/${file}`,
          source: readFileSync(join(dist, file)),
        });
      }
    },
  };
}

/**
 * Emits @ffmpeg/core's ES module build under /vendor/ffmpeg/ (see
 * src/media/ffmpeg.ts). Its wasm (32 MB) is over the 25 MiB a Workers
 * static asset may be, so it ships gzipped (10 MB) and the browser
 * decompresses it; compressed once per process, since watch rebuilds
 * would otherwise spend a second on it every time.
 */
function ffmpegCore(): Plugin {
  // The package exports no package.json; its CommonJS entry is dist/umd/ffmpeg-core.js.
  const dist = join(dirname(require.resolve("@ffmpeg/core")), "..", "esm");
  let wasmGzip: Buffer | undefined;
  return {
    name: "marquee-ffmpeg-core",
    apply: "build",
    generateBundle() {
      wasmGzip ??= gzipSync(readFileSync(join(dist, "ffmpeg-core.wasm")), { level: 9 });
      this.emitFile({
        type: "asset",
        fileName: "vendor/ffmpeg/ffmpeg-core.js",
        source: readFileSync(join(dist, "ffmpeg-core.js")),
      });
      this.emitFile({
        type: "asset",
        fileName: "vendor/ffmpeg/ffmpeg-core.wasm.gz",
        source: wasmGzip,
      });
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), swaggerUi(), ffmpegCore()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
  // ffmpeg.wasm starts its worker as a module worker, which then imports the core.
  worker: { format: "es" },
});
