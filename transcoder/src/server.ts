/**
 * The transcoder service: `POST /jobs` runs one job and answers when it is
 * over (lib/ingest/transcoder-protocol.ts says how), `GET /health` answers
 * the container's readiness checks. One job at a time: a job uses every core
 * it gets, so a second one is refused with 503 and the queue retries it.
 *
 * The same program runs in the production container (transcoder/Dockerfile)
 * and as a plain process in local dev and tests (`npm run dev` starts it).
 * If the caller goes away (the consumer's time limit), the job is aborted
 * and its ffmpeg processes killed.
 *
 * Environment: PORT (8080), HOST (0.0.0.0), FFMPEG_PATH / FFPROBE_PATH
 * (else the ffmpeg bundled by npm), TRANSCODER_WORK_DIR (else the OS temp dir).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { TranscodeRequestSchema } from "../../lib/ingest/transcoder-protocol.ts";
import { runJob } from "./job-runner.ts";

const MAX_REQUEST_BYTES = 64 * 1024;

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

const failure = (code: string, message: string) => ({ error: { code, message } });

function log(message: string, fields: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ level: "info", worker: "transcoder", message, ...fields }));
}

async function readBody(request: IncomingMessage): Promise<string | null> {
  let body = "";
  for await (const chunk of request) {
    body += chunk;
    if (body.length > MAX_REQUEST_BYTES) return null;
  }
  return body;
}

let busy = false;

async function acceptJob(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readBody(request);
  if (body === null) return send(response, 413, failure("payload_too_large", "Too large."));
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return send(response, 400, failure("bad_request", "The body is not JSON."));
  }
  const parsed = TranscodeRequestSchema.safeParse(json);
  if (!parsed.success)
    return send(response, 400, failure("validation_failed", parsed.error.message));
  if (busy) return send(response, 503, failure("busy", "A job is running; try again later."));

  busy = true;
  const job = parsed.data;
  const gone = new AbortController();
  response.on("close", () => {
    if (!response.writableFinished) gone.abort(new Error("the caller went away"));
  });
  const started = Date.now();
  log("job started", { jobId: job.jobId, attempt: job.attempt });
  try {
    const outcome = await runJob(job, gone.signal);
    log("job ended", { jobId: job.jobId, outcome: outcome.kind, ms: Date.now() - started });
    if (outcome.kind === "ready")
      return send(response, 200, { presentation: outcome.presentation });
    if (outcome.kind === "bad_input")
      return send(response, 422, failure(outcome.code, outcome.message));
    return send(response, 409, failure("job_stopped", "The job was cancelled or taken over."));
  } catch (error) {
    console.error(
      JSON.stringify({
        level: "error",
        message: "job failed",
        jobId: job.jobId,
        error: String(error),
      }),
    );
    if (!response.writableEnded) send(response, 500, failure("transcode_failed", String(error)));
  } finally {
    busy = false;
  }
}

export function startTranscoder(port: number, host: string) {
  const server = createServer((request, response) => {
    if (request.method === "GET" && request.url === "/health") {
      return send(response, 200, { status: busy ? "busy" : "ok" });
    }
    if (request.method === "POST" && request.url === "/jobs")
      return void acceptJob(request, response);
    send(response, 404, failure("not_found", `No route for ${request.method} ${request.url}.`));
  });
  // A job may run for many minutes on one request.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  return new Promise<typeof server>((listening) =>
    server.listen(port, host, () => listening(server)),
  );
}

if (import.meta.main) {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? "0.0.0.0";
  await startTranscoder(port, host);
  log("listening", { port, host });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
}
