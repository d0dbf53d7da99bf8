/**
 * The transcoder's way to the ingest Worker: every call carries the job
 * token and goes to the job's own endpoints (lib/ingest/transcoder-protocol.ts).
 * Network failures, 429s and 5xx are retried a few times with backoff; a 409
 * means the job was cancelled or this attempt is over, and stops the work.
 */
import { createWriteStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ProgressReport } from "../../lib/ingest/transcoder-protocol.ts";
import type { Presentation } from "../../lib/media/presentation.ts";

/** The job is over for this transcoder (cancelled, or a later attempt owns it). */
export class JobStopped extends Error {
  override name = "JobStopped";
}

const RETRIES = 4;
const RETRY_BASE_MS = 250;

export class IngestClient {
  readonly #base: string;
  readonly #token: string;
  readonly #signal: AbortSignal;

  constructor(ingestUrl: string, token: string, signal: AbortSignal) {
    this.#base = ingestUrl;
    this.#token = token;
    this.#signal = signal;
  }

  /** One call, retried while the failure may pass. Resolves with a 2xx response. */
  async #call(path: string, init: RequestInit = {}, expected = [200, 204, 206]): Promise<Response> {
    let lastError: unknown;
    for (let attempt = 0; attempt <= RETRIES; attempt++) {
      if (attempt > 0) await sleep(RETRY_BASE_MS * 2 ** attempt, this.#signal);
      let response: Response;
      try {
        response = await fetch(`${this.#base}${path}`, {
          ...init,
          headers: { ...init.headers, Authorization: `Bearer ${this.#token}` },
          signal: this.#signal,
        });
      } catch (error) {
        if (this.#signal.aborted) throw error;
        lastError = error;
        continue;
      }
      if (expected.includes(response.status)) return response;
      const body = await response.text();
      if (response.status === 409) throw new JobStopped(body);
      lastError = new Error(`${init.method ?? "GET"} ${path} answered ${response.status}: ${body}`);
      if (response.status < 500 && response.status !== 429) break;
    }
    throw lastError;
  }

  /** Downloads one of the job's inputs to a file, resuming a broken transfer where it stopped. */
  async download(what: string, path: string): Promise<void> {
    let written = 0;
    for (let attempt = 0; attempt <= RETRIES; attempt++) {
      const response = await this.#call(
        `/${what}`,
        written > 0 ? { headers: { Range: `bytes=${written}-` } } : {},
      );
      const resumed = response.status === 206;
      try {
        await pipeline(
          Readable.fromWeb(response.body! as import("node:stream/web").ReadableStream),
          createWriteStream(path, { flags: resumed ? "a" : "w" }),
        );
        return;
      } catch (error) {
        if (this.#signal.aborted) throw error;
        written = (await stat(path).catch(() => ({ size: 0 }))).size;
      }
    }
    throw new Error(`could not download ${what}`);
  }

  async upload(relativePath: string, file: string): Promise<void> {
    await this.#call(`/outputs/${encodeURIComponent(relativePath)}`, {
      method: "PUT",
      headers: { "Content-Type": "application/octet-stream" },
      body: await readFile(file),
    });
  }

  async progress(report: ProgressReport): Promise<void> {
    await this.#call("/progress", json(report));
  }

  async publish(presentation: Presentation): Promise<void> {
    await this.#call("/publish", json({ presentation }));
  }
}

const json = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), {
      once: true,
    });
  });
}
