/**
 * Builds the web app into web/dist, which the api Worker serves as static
 * assets. Swagger UI's files are copied in too, for the API docs page.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
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

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), swaggerUi()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
});
