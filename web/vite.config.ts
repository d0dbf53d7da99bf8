/**
 * Builds the web app into web/dist, which the api Worker serves as static
 * assets. Swagger UI's files are copied in too, for the API docs page, and
 * ffmpeg.wasm's core, for the upload page's preflight; the CSP in _headers
 * gets the hashes of media-chrome's stylesheets.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
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

/** Where _headers' CSP takes the hashes of media-chrome's stylesheets. */
const MEDIA_CHROME_STYLES = "'media-chrome-styles'";

/** The player's modules: the media-chrome elements they render are imported by name from its React wrappers. */
const PLAYER_DIR = join(import.meta.dirname, "src", "player");

/** `media-time-range` → `MediaTimeRange`: media-chrome names each element's class after its tag. */
const className = (tag: string) =>
  tag.replace(/(^|-)([a-z])/g, (_, __: string, letter: string) => letter.toUpperCase());

/**
 * The media-chrome elements the player can put on a page: those its modules
 * import (and <media-controller>, rendered by its tag), and every element
 * their templates contain, recursively.
 */
function renderedElements(templates: Map<string, string>): Set<string> {
  const imported = readdirSync(PLAYER_DIR)
    .filter((file) => file.endsWith(".tsx"))
    .flatMap((file) => {
      const code = readFileSync(join(PLAYER_DIR, file), "utf8");
      const imports = code.matchAll(/import \{([^}]*)\} from "media-chrome\/react[^"]*"/g);
      return [...imports].flatMap(([, names = ""]) => names.match(/\bMedia\w+/g) ?? []);
    });
  const found = new Set<string>();
  const visit = (name: string) => {
    if (found.has(name) || !templates.has(name)) return;
    found.add(name);
    for (const [, tag = ""] of templates.get(name)!.matchAll(/<(media-[a-z-]+)/g)) {
      visit(className(tag));
    }
  };
  for (const name of ["MediaController", ...imported]) visit(name);
  return found;
}

/**
 * The CSP source for each stylesheet in the shadow-DOM templates of the
 * media-chrome elements the player renders: 'sha256-…'. Only those: every
 * element's would make the header longer than the 2,000 characters a
 * _headers value may have, and the CSP would be dropped.
 */
async function mediaChromeStyleHashes(): Promise<string[]> {
  // Importable in Node: media-chrome stubs the DOM for server rendering.
  const modules = [await import("media-chrome"), await import("media-chrome/menu")];
  const templates = new Map<string, string>();
  for (const [name, element] of modules.flatMap((module) => Object.entries(module))) {
    const template = (element as { getTemplateHTML?: unknown }).getTemplateHTML;
    if (typeof template === "function") templates.set(name, String(template.call(element, {}, {})));
  }
  const hashes = new Set<string>();
  for (const name of renderedElements(templates)) {
    for (const [, css = ""] of templates
      .get(name)!
      .matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)) {
      hashes.add(`'sha256-${createHash("sha256").update(css).digest("base64")}'`);
    }
  }
  return [...hashes].sort();
}

/**
 * media-chrome's controls style their shadow DOM with <style> elements,
 * which a CSP without 'unsafe-inline' refuses. Rather than allow every
 * inline style, the built _headers allows exactly these, by hash
 * (docs/decisions/0005-media-chrome-player-controls.md): they are computed
 * from the installed version's own templates at every build, so an upgrade
 * cannot leave them stale.
 */
function mediaChromeCsp(): Plugin {
  let source = "";
  let output = "";
  return {
    name: "marquee-media-chrome-csp",
    apply: "build",
    configResolved(config) {
      source = join(config.publicDir, "_headers");
      output = resolve(config.root, config.build.outDir, "_headers");
    },
    // Over the public folder's copy of _headers, which lands after writeBundle.
    async closeBundle() {
      const headers = readFileSync(source, "utf8");
      if (!headers.includes(MEDIA_CHROME_STYLES))
        throw new Error(`${source} has no ${MEDIA_CHROME_STYLES} in its CSP`);
      const hashes = (await mediaChromeStyleHashes()).join(" ");
      writeFileSync(output, headers.replace(MEDIA_CHROME_STYLES, hashes));
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), swaggerUi(), ffmpegCore(), mediaChromeCsp()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
  // ffmpeg.wasm starts its worker as a module worker, which then imports the core.
  worker: { format: "es" },
});
