/**
 * Hands over the files a running ffmpeg writes, each as soon as it is
 * complete, so uploads overlap encoding. ffmpeg writes each track folder's
 * files in order (init.mp4, seg-00000.m4s, seg-00001.m4s…) and never
 * reopens one, so a file is complete once a later one exists, and every
 * file is complete once the process has exited. Files are handed over one
 * at a time, in order, so a handler may rely on a track's init segment
 * having been handled before its media segments. Polling is used rather
 * than fs.watch: it behaves the same on every filesystem, and a quarter of
 * a second is nothing next to a four-second segment.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";

const POLL_MS = 250;

/** A folder to watch and the position of a file in its writing order (undefined: not ours). */
export interface WatchedSequence {
  /** Relative to the output folder. */
  dir: string;
  order: (fileName: string) => number | undefined;
}

/**
 * CMAF track files: the init segment first (-1), then media segments by number.
 *
 * @example
 * trackFileOrder("seg-00007.m4s"); // 7
 */
export function trackFileOrder(fileName: string): number | undefined {
  if (fileName === "init.mp4") return -1;
  const match = /^seg-(\d{5})\.m4s$/.exec(fileName);
  return match ? Number(match[1]) : undefined;
}

/** What to do with each complete file (its path relative to the output folder), and with a failure of that. */
export interface WatchHandlers {
  onReady: (relativePath: string) => Promise<void> | void;
  /** The first failure of a handler or a poll while ffmpeg runs, so the caller can stop it. */
  onFailure: (error: unknown) => void;
}

/**
 * @example
 * const watcher = new OutputWatcher(outDir, [{ dir: "audio/a0-en", order: trackFileOrder }], { onReady, onFailure });
 * watcher.start();
 * await runFfmpeg(…); // on failure: await watcher.stop()
 * await watcher.finish();
 */
export class OutputWatcher {
  readonly #outputDir: string;
  readonly #sequences: readonly WatchedSequence[];
  readonly #handlers: WatchHandlers;
  readonly #handed = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #scan: Promise<void> = Promise.resolve();
  #error: unknown;

  constructor(outputDir: string, sequences: readonly WatchedSequence[], handlers: WatchHandlers) {
    this.#outputDir = outputDir;
    this.#sequences = sequences;
    this.#handlers = handlers;
  }

  start(): void {
    this.#timer = setInterval(() => void this.#queueScan(false), POLL_MS);
  }

  /** The writing process has exited: hands over everything not yet handed over, and throws the first failure. */
  async finish(): Promise<void> {
    clearInterval(this.#timer);
    await this.#queueScan(true);
    if (this.#error !== undefined) throw this.#error;
  }

  /** The writing process failed: no more polls; resolves once the handler running now, if any, is done. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#scan;
  }

  // Scans run one at a time, so a file is never handed over twice or out of order.
  #queueScan(all: boolean): Promise<void> {
    const scan = this.#scan.then(() =>
      this.#error === undefined ? this.#scanOnce(all) : undefined,
    );
    // A failure is kept for finish() to throw; later scans are skipped.
    this.#scan = scan.catch((error: unknown) => {
      if (this.#error !== undefined) return;
      this.#error = error;
      this.#handlers.onFailure(error);
    });
    return this.#scan;
  }

  async #scanOnce(all: boolean): Promise<void> {
    for (const { dir, order } of this.#sequences) {
      const names = await readdir(join(this.#outputDir, dir));
      const ordered = names
        .map((name) => ({ name, position: order(name) }))
        .filter((f): f is { name: string; position: number } => f.position !== undefined)
        .sort((a, b) => a.position - b.position);
      const complete = all ? ordered : ordered.slice(0, -1);
      for (const { name } of complete) {
        const path = `${dir}/${name}`;
        if (this.#handed.has(path)) continue;
        this.#handed.add(path);
        await this.#handlers.onReady(path);
      }
    }
  }
}
