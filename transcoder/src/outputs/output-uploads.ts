/**
 * Uploads a job's finished files as the pipeline reports them, a few at a
 * time, so writing to R2 overlaps encoding. `drain` waits for everything
 * reported so far: a manifest is published only after every file it lists
 * is stored. The first failure is kept and rethrown by `drain`.
 */
import { join } from "node:path";
import type { IngestClient } from "./ingest-client.ts";

const CONCURRENCY = 4;

export class OutputUploads {
  readonly #ingest: IngestClient;
  readonly #outputDir: string;
  readonly #waiting: string[] = [];
  #running = 0;
  #failure: unknown = null;
  #idle: (() => void)[] = [];
  uploadedBytes = 0;
  uploadedFiles = 0;

  constructor(ingest: IngestClient, outputDir: string) {
    this.#ingest = ingest;
    this.#outputDir = outputDir;
  }

  add(relativePath: string): void {
    this.#waiting.push(relativePath);
    this.#pump();
  }

  #pump(): void {
    while (this.#running < CONCURRENCY && this.#waiting.length > 0 && !this.#failure) {
      const path = this.#waiting.shift()!;
      this.#running++;
      this.#ingest
        .upload(path, join(this.#outputDir, path))
        .then(
          () => void this.uploadedFiles++,
          (error: unknown) => void (this.#failure ??= error),
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
