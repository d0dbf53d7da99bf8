/**
 * Uploads a task's finished files as the task reports them, a few at a
 * time, so writing to R2 overlaps encoding. `drain` waits for everything
 * reported so far: a task completes only once every output it reports is
 * stored. The first failure stops the queue, is reported at once (so the
 * task can stop its ffmpeg instead of encoding for nothing) and is rethrown
 * by `drain`.
 */
import type { IngestClient } from "../ingest-client.ts";

const CONCURRENCY = 4;

interface Upload {
  /** The output's path in the asset's folder. */
  path: string;
  /** Where its bytes are on local disk. */
  file: string;
  onStored?: () => void;
}

export class OutputUploads {
  readonly #ingest: IngestClient;
  readonly #onFailure: (error: unknown) => void;
  readonly #waiting: Upload[] = [];
  #running = 0;
  #failure: unknown = null;
  #idle: (() => void)[] = [];

  /**
   * @example
   * const uploads = new OutputUploads(ingest, (error) => stop.abort(error));
   * uploads.add("poster.jpg", "/work/out/poster.jpg");
   * await uploads.drain();
   */
  constructor(ingest: IngestClient, onFailure: (error: unknown) => void) {
    this.#ingest = ingest;
    this.#onFailure = onFailure;
  }

  /** Queues `file` for upload as `path`; `onStored` runs once it is stored. */
  add(path: string, file: string, onStored?: () => void): void {
    this.#waiting.push({ path, file, onStored });
    this.#pump();
  }

  #pump(): void {
    while (this.#running < CONCURRENCY && this.#waiting.length > 0 && !this.#failure) {
      const upload = this.#waiting.shift()!;
      this.#running++;
      this.#ingest
        .upload(upload.path, upload.file)
        .then(
          () => upload.onStored?.(),
          (error: unknown) => {
            if (this.#failure) return;
            this.#failure = error;
            this.#onFailure(error);
          },
        )
        .finally(() => {
          this.#running--;
          this.#pump();
          if (this.#running === 0 && (this.#waiting.length === 0 || this.#failure)) {
            for (const resolve of this.#idle.splice(0)) resolve();
          }
        });
    }
  }

  /** Resolves once every file added so far is stored; rejects with the first failure. */
  async drain(): Promise<void> {
    if (this.#running > 0 || (this.#waiting.length > 0 && !this.#failure)) {
      await new Promise<void>((resolve) => this.#idle.push(resolve));
    }
    if (this.#failure) throw this.#failure;
  }
}
