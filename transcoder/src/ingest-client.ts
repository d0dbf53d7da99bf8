/**
 * The transcoder's way to the ingest Worker: every call carries the task
 * token and goes to the job's own endpoints (lib/ingest/task-protocol.ts).
 * Network failures, 429s and 5xx are retried a few times with backoff; any
 * 409 means this attempt is over (cancelled, or its lease ran out and the
 * task went elsewhere) and throws AttemptOver, which stops the task.
 */
import { createWriteStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import type { ReadableStream } from "node:stream/web";
import { pipeline } from "node:stream/promises";
import {
  ReportAnswerSchema,
  type Heartbeat,
  type TaskAssignment,
  type TaskFailure,
  type TaskResult,
} from "../../lib/ingest/task-protocol.ts";
import { log } from "./log.ts";

/** The ingest Worker answered 409: this attempt of the task is over, whatever it was doing. */
export class AttemptOver extends Error {
  override name = "AttemptOver";
}

const RETRIES = 4;
const RETRY_BASE_MS = 250;

export class IngestClient {
  readonly #base: string;
  readonly #token: string;
  readonly #signal: AbortSignal;

  /**
   * @example
   * const ingest = new IngestClient(assignment.ingestUrl, assignment.token, stop.signal);
   * await ingest.heartbeat({ progress: 0.5 });
   */
  constructor(ingestUrl: string, token: string, signal: AbortSignal) {
    this.#base = ingestUrl;
    this.#token = token;
    this.#signal = signal;
  }

  /** The master's URL, for ffmpeg and ffprobe to read with the token. */
  get source() {
    return { url: `${this.#base}/source`, token: this.#token };
  }

  /** One call, retried while the failure may pass. Resolves with a 2xx response. */
  async #call(path: string, init: RequestInit = {}): Promise<Response> {
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
      if (response.ok) return response;
      const body = await response.text();
      if (response.status === 409) throw new AttemptOver(body);
      lastError = new Error(`${init.method ?? "GET"} ${path} answered ${response.status}: ${body}`);
      if (response.status < 500 && response.status !== 429) break;
    }
    throw lastError;
  }

  /**
   * Downloads one of the job's small inputs (a subtitle file) to a file,
   * resuming a broken transfer where it stopped.
   */
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
          Readable.fromWeb(response.body! as ReadableStream),
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

  /** Stores `file` as the asset's output `path`. */
  async upload(path: string, file: string): Promise<void> {
    await this.#call(`/outputs/${encodeURIComponent(path)}`, {
      method: "PUT",
      headers: { "Content-Type": "application/octet-stream" },
      body: await readFile(file),
    });
  }

  async heartbeat(taskId: string, heartbeat: Heartbeat): Promise<void> {
    await this.#call(`/tasks/${taskId}/heartbeat`, json(heartbeat));
  }

  /** Reports the task done; resolves with the job's next task for this transcoder, if any. */
  async complete(taskId: string, result: TaskResult): Promise<TaskAssignment | null> {
    return nextTask(await this.#call(`/tasks/${taskId}/complete`, json(result)));
  }

  /** Reports the task failed; resolves with the job's next task for this transcoder, if any. */
  async fail(taskId: string, failure: TaskFailure): Promise<TaskAssignment | null> {
    return nextTask(await this.#call(`/tasks/${taskId}/fail`, json(failure)));
  }
}

/**
 * The next task an answer to `complete` or `fail` hands over. The report
 * itself was accepted whatever the body says, so an answer that does not
 * parse only costs the next task (the job's queue offers it again).
 */
async function nextTask(response: Response): Promise<TaskAssignment | null> {
  const answer = ReportAnswerSchema.safeParse(await response.json().catch(() => undefined));
  if (answer.success) return answer.data.next;
  log("warn", "unreadable answer to a report", { error: answer.error.message });
  return null;
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
