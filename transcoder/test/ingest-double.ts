/**
 * A test double for the ingest Worker's transcoder routes
 * (workers/ingest/src/routes/transcoder.ts), the other side of
 * lib/ingest/task-protocol.ts, as a small local HTTP server. The real
 * routes are tested elsewhere against this same program; this one lets the
 * transcoder's tests run real tasks end to end and look at every call.
 *
 * Per job (`/jobs/<jobId>`) it serves the master with Range requests and
 * the subtitle files, checks the bearer token, keeps every uploaded output
 * and records heartbeats, `complete` and `fail`. Like the Worker while an
 * upload is still arriving, it can hold reads of bytes not yet "stored"
 * (`available`) until they arrive; and it can answer with a chosen status
 * to simulate a broken source or a cancelled attempt.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  HeartbeatSchema,
  TaskFailureSchema,
  TaskResultSchema,
  type Heartbeat,
  type TaskAssignment,
  type TaskFailure,
  type TaskResult,
  type TaskSpec,
} from "../../lib/ingest/task-protocol.ts";

export interface JobOptions {
  /** The master, on local disk. */
  source: string;
  /** Subtitle files by index. */
  subtitles?: string[];
  /** Bytes of the master "stored" so far (default: all); reads past this wait. */
  available?: number;
  /** Answer every read of the source with this status instead. */
  sourceStatus?: number;
  /** The status heartbeats get (default 200); 409 ends the attempt. */
  heartbeatStatus?: number;
  /** Answer every upload with this status instead of storing it. */
  outputStatus?: number;
}

export interface Upload {
  path: string;
  bytes: Buffer;
  /** When the upload finished, relative to the job's start (ms). */
  at: number;
}

export class FakeJob {
  readonly id = randomUUID();
  readonly token = `test-token-${randomUUID()}`;
  readonly ingestUrl: string;
  readonly uploads: Upload[] = [];
  readonly heartbeats: (Heartbeat & { at: number })[] = [];
  /** Every Range header of a source read, in order ("" for a read of the whole file). */
  readonly sourceReads: string[] = [];
  completed: TaskResult | undefined;
  failed: TaskFailure | undefined;
  /** Every complete and fail, in order. */
  readonly reports: { taskId: string; result?: TaskResult; failure?: TaskFailure }[] = [];
  /** Handed over, once, in the answer to the next complete or fail (as the Worker hands over a job's next task). */
  next: TaskAssignment | null = null;
  /** complete or fail, when each arrived (ms). */
  completedAt: number | undefined;
  options: JobOptions;
  readonly #bytes: Buffer;
  readonly #started = Date.now();
  #waiting: (() => void)[] = [];

  constructor(baseUrl: string, options: JobOptions) {
    this.options = options;
    this.ingestUrl = `${baseUrl}/jobs/${this.id}`;
    this.#bytes = readFileSync(options.source);
  }

  get byteLength(): number {
    return this.#bytes.length;
  }

  /** The latest upload of each path. */
  get outputs(): Map<string, Buffer> {
    return new Map(this.uploads.map((upload) => [upload.path, upload.bytes]));
  }

  /** Every upload of `path`, in order. */
  uploadsOf(path: string): Buffer[] {
    return this.uploads.filter((upload) => upload.path === path).map((upload) => upload.bytes);
  }

  /**
   * An assignment of `spec` for this job.
   *
   * @example
   * await runTask(job.assignment({ kind: "analyse", upToSeconds: 10 }, { startSeconds: 0, videoIndex: 0 }));
   */
  assignment(
    spec: TaskSpec,
    source: { startSeconds: number | null; videoIndex: number | null } = {
      startSeconds: null,
      videoIndex: null,
    },
    taskId = `${spec.kind}-${randomUUID().slice(0, 8)}`,
  ): TaskAssignment {
    return {
      jobId: this.id,
      taskId,
      attempt: 1,
      token: this.token,
      ingestUrl: this.ingestUrl,
      source: { byteLength: this.byteLength, ...source },
      spec,
    };
  }

  /** Forgets the last task's complete or fail, before the next task of the job runs. */
  reset(): void {
    this.completed = undefined;
    this.failed = undefined;
    this.completedAt = undefined;
  }

  /** More of the master is stored: held reads go on. */
  grow(available: number): void {
    this.options = { ...this.options, available };
    for (const resume of this.#waiting.splice(0)) resume();
  }

  elapsed(): number {
    return Date.now() - this.#started;
  }

  async handle(route: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers.authorization !== `Bearer ${this.token}`) {
      return reply(response, 401, { error: { code: "unauthorized", message: "Bad token." } });
    }
    const method = request.method ?? "GET";
    if (method === "GET" && route === "/source") return this.#serveSource(request, response);
    const subtitle = /^\/subtitles\/(\d+)$/.exec(route);
    if (method === "GET" && subtitle) {
      const file = this.options.subtitles?.[Number(subtitle[1])];
      if (!file) return reply(response, 404, { error: { code: "not_found", message: "No file." } });
      response.writeHead(200, { "Content-Type": "application/octet-stream" });
      return void response.end(readFileSync(file));
    }
    const output = /^\/outputs\/([^/]+)$/.exec(route);
    if (method === "PUT" && output) {
      const bytes = await body(request);
      if (this.options.outputStatus) {
        return reply(response, this.options.outputStatus, { error: { code: "refused" } });
      }
      this.uploads.push({ path: decodeURIComponent(output[1]!), bytes, at: this.elapsed() });
      response.writeHead(204);
      return void response.end();
    }
    const task = /^\/tasks\/([a-z0-9-]+)\/(heartbeat|complete|fail)$/.exec(route);
    if (method === "POST" && task) {
      const json: unknown = JSON.parse((await body(request)).toString("utf8"));
      const [, taskId = "", action] = task;
      if (action === "heartbeat") {
        this.heartbeats.push({ ...HeartbeatSchema.parse(json), at: this.elapsed() });
        const status = this.options.heartbeatStatus ?? 200;
        return reply(response, status, status === 200 ? { ok: true } : { error: { code: "x" } });
      }
      if (action === "complete") {
        this.completed = TaskResultSchema.parse(json);
        this.reports.push({ taskId, result: this.completed });
      } else {
        this.failed = TaskFailureSchema.parse(json);
        this.reports.push({ taskId, failure: this.failed });
      }
      this.completedAt = this.elapsed();
      const next = this.next;
      this.next = null;
      return reply(response, 200, { ok: true, next });
    }
    reply(response, 404, { error: { code: "not_found", message: `${method} ${route}` } });
  }

  /** The master, honouring Range, holding bytes past `available` until they arrive. */
  async #serveSource(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const range = request.headers.range ?? "";
    this.sourceReads.push(range);
    if (this.options.sourceStatus) {
      return reply(response, this.options.sourceStatus, { error: { code: "broken" } });
    }
    const size = this.#bytes.length;
    const match = /^bytes=(\d+)-(\d*)$/.exec(range);
    const start = match ? Number(match[1]) : 0;
    const end = match?.[2] ? Math.min(Number(match[2]) + 1, size) : size;
    if (start >= size) {
      response.writeHead(416, { "Content-Range": `bytes */${size}` });
      return void response.end();
    }
    response.writeHead(match ? 206 : 200, {
      "Content-Type": "application/octet-stream",
      "Accept-Ranges": "bytes",
      "Content-Length": String(end - start),
      ...(match ? { "Content-Range": `bytes ${start}-${end - 1}/${size}` } : {}),
    });
    let sent = start;
    let closed = false;
    response.on("close", () => {
      closed = true;
      for (const resume of this.#waiting.splice(0)) resume();
    });
    while (sent < end && !closed) {
      const available = Math.min(end, this.options.available ?? size);
      if (sent < available) {
        const ok = response.write(this.#bytes.subarray(sent, available));
        sent = available;
        if (!ok)
          await new Promise<void>((drained) =>
            response.once("drain", drained).once("close", drained),
          );
        continue;
      }
      await new Promise<void>((resume) => this.#waiting.push(resume));
    }
    response.end();
  }
}

export class IngestDouble {
  readonly #jobs = new Map<string, FakeJob>();
  readonly #server: Server = createServer((request, response) => this.#route(request, response));
  baseUrl = "";

  /**
   * @example
   * const ingest = await IngestDouble.start();
   * const job = ingest.job({ source: await clip("grid25") });
   */
  static async start(): Promise<IngestDouble> {
    const double = new IngestDouble();
    await new Promise<void>((listening) => double.#server.listen(0, "127.0.0.1", listening));
    double.baseUrl = `http://127.0.0.1:${(double.#server.address() as AddressInfo).port}`;
    return double;
  }

  job(options: JobOptions): FakeJob {
    const job = new FakeJob(this.baseUrl, options);
    this.#jobs.set(job.id, job);
    return job;
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((closed) => this.#server.close(() => closed()));
  }

  #route(request: IncomingMessage, response: ServerResponse): void {
    const match = /^\/jobs\/([0-9a-f-]{36})(\/.*)$/.exec(request.url ?? "");
    const job = match && this.#jobs.get(match[1]!);
    if (!job) return reply(response, 404, { error: { code: "not_found" } });
    job.handle(match[2]!, request, response).catch((error: unknown) => {
      if (!response.headersSent) reply(response, 500, { error: { message: String(error) } });
      else response.destroy();
    });
  }
}

function reply(response: ServerResponse, status: number, json: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(json));
}

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
