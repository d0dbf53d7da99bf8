/**
 * The baseline of bench:playback: the same ladder the platform serves,
 * copied to local disk through a playback session's URLs, served by a plain
 * Node static file server with a page that plays it with stock hls.js
 * (default configuration, nothing of ours).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { dirname, extname, join, normalize } from "node:path";

const require = createRequire(import.meta.url);
const HLS_JS = readFileSync(require.resolve("hls.js/dist/hls.min.js"));

const TYPES: Record<string, string> = {
  ".m3u8": "application/vnd.apple.mpegurl",
  ".mp4": "video/mp4",
  ".m4s": "video/iso.segment",
  ".vtt": "text/vtt",
};

/** The page: a Play button that starts stock hls.js on /master.m3u8. */
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Baseline</title></head>
<body>
<button id="play">Play</button>
<video id="video" autoplay playsinline></video>
<script src="/hls.min.js"></script>
<script>
  document.getElementById("play").addEventListener("click", () => {
    const video = document.getElementById("video");
    const hls = new Hls();
    hls.loadSource("/master.m3u8");
    hls.attachMedia(video);
  });
</script>
</body></html>`;

/** URIs a playlist refers to: variant and rendition playlists, the init segment, segments. */
function referencedUris(playlist: string): string[] {
  const uris: string[] = [];
  for (const line of playlist.split("\n")) {
    if (line.startsWith("#")) {
      const attribute = /URI="([^"]+)"/.exec(line);
      if (attribute) uris.push(attribute[1]!);
    } else if (line.trim()) uris.push(line.trim());
  }
  return uris;
}

/** Copies the HLS ladder at `masterUrl` (absolute) into `dir`, keeping its relative paths. */
export async function copyLadder(masterUrl: string, dir: string): Promise<number> {
  const base = new URL(".", masterUrl);
  const queue = ["master.m3u8"];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const path = queue.shift()!;
    const response = await fetch(new URL(path, base));
    if (!response.ok) throw new Error(`copying ${path}: ${response.status}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
    if (!path.endsWith(".m3u8")) continue;
    for (const uri of referencedUris(bytes.toString("utf8"))) {
      const next = normalize(join(dirname(path), uri));
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen.size;
}

/** Serves `dir` and the baseline page on 127.0.0.1; resolves with its URL and a stop function. */
export async function serveLadder(
  dir: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    if (path === "/") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
      return;
    }
    if (path === "/hls.min.js") {
      response.writeHead(200, { "content-type": "text/javascript" }).end(HLS_JS);
      return;
    }
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir)) return void response.writeHead(404).end();
    try {
      const body = readFileSync(file);
      response
        .writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" })
        .end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
