/**
 * Reports the files a running ffmpeg writes, each as soon as it is complete,
 * so uploads overlap encoding. ffmpeg writes each track folder's files in
 * order (init.mp4, seg-00000.m4s, seg-00001.m4s…) and never reopens one, so a file is complete once a later one exists, and
 * every file is complete once the process has exited. Polling is used rather
 * than fs.watch: it behaves the same on every filesystem, and a quarter of a
 * second is nothing next to a four-second segment.
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

/**
 * @example
 * const watcher = new OutputWatcher(outDir, [{ dir: "audio/a0-en", order: trackFileOrder }], upload);
 * watcher.start();
 * await runFfmpeg(…);
 * await watcher.finish();
 */
export class OutputWatcher {
  readonly #outputDir: string;
  readonly #sequences: readonly WatchedSequence[];
  readonly #onReady: (relativePath: string) => void;
  readonly #reported = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #scan: Promise<void> = Promise.resolve();
  #error: unknown;

  constructor(
    outputDir: string,
    sequences: readonly WatchedSequence[],
    onReady: (relativePath: string) => void,
  ) {
    this.#outputDir = outputDir;
    this.#sequences = sequences;
    this.#onReady = onReady;
  }

  start(): void {
    this.#timer = setInterval(() => this.#queueScan(false), POLL_MS);
  }

  /** The writing process has exited: reports everything not yet reported. */
  async finish(): Promise<void> {
    this.stop();
    await this.#queueScan(true);
    if (this.#error !== undefined) throw this.#error;
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  // Scans run one at a time, so a slow disk cannot report a file twice or out of order.
  #queueScan(all: boolean): Promise<void> {
    this.#scan = this.#scan.then(() => this.#scanOnce(all));
    // A failed poll is kept for finish() to throw, so later polls still run.
    if (!all) this.#scan = this.#scan.catch((error: unknown) => void (this.#error ??= error));
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
        if (this.#reported.has(path)) continue;
        this.#reported.add(path);
        this.#onReady(path);
      }
    }
  }
}
