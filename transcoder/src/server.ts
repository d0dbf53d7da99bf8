/**
 * The transcoder service. `POST /tasks` takes a task assignment
 * (lib/ingest/task-protocol.ts): 202 at once and the task runs in the
 * background, or 503 while a task is running, since a task uses every core
 * its instance has. When the ingest Worker's answer to a finished task
 * hands over the job's next one, that one runs at once, the slot still
 * taken. `GET /health` says whether it is free. Everything else a task
 * says, it says by calling the ingest Worker back (task-runner.ts).
 *
 * The same program runs in the production container (transcoder/Dockerfile)
 * and as a plain process in local dev and tests (`npm run dev` starts it).
 *
 * Environment: PORT (8080), HOST (0.0.0.0), FFMPEG_PATH / FFPROBE_PATH
 * (else the ffmpeg bundled by npm), TRANSCODER_WORK_DIR (else the OS temp
 * dir), TRANSCODER_HEARTBEAT_MS (3000).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { TaskAssignmentSchema, type TaskAssignment } from "../../lib/ingest/task-protocol.ts";
import { log } from "./log.ts";
import { runTask } from "./task-runner.ts";

const MAX_REQUEST_BYTES = 256 * 1024;

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

const failure = (code: string, message: string) => ({ error: { code, message } });

/**
 * The body as text, or null when it is over the limit. An oversized body is
 * still read to its end (and dropped): leaving the loop early would destroy
 * the socket before the 413 could be sent.
 */
async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length <= MAX_REQUEST_BYTES) chunks.push(chunk);
  }
  return length > MAX_REQUEST_BYTES ? null : Buffer.concat(chunks).toString("utf8");
}

/** The task running now, if any. */
let running: string | null = null;

async function acceptTask(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readBody(request);
  if (body === null) {
    return send(response, 413, failure("payload_too_large", "The body is over 256 KiB."));
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return send(response, 400, failure("bad_request", "The body is not JSON."));
  }
  const parsed = TaskAssignmentSchema.safeParse(json);
  if (!parsed.success) {
    return send(response, 400, failure("validation_failed", parsed.error.message));
  }
  if (running !== null) {
    return send(
      response,
      503,
      failure("busy", `Task ${running} is running; try another transcoder.`),
    );
  }
  running = parsed.data.taskId;
  send(response, 202, { accepted: true });
  void runTasks(parsed.data);
}

/** Runs a task, then each next task the ingest Worker hands over, then frees the slot. */
async function runTasks(first: TaskAssignment): Promise<void> {
  let assignment: TaskAssignment | null = first;
  try {
    while (assignment) {
      running = assignment.taskId;
      ({ next: assignment } = await runTask(assignment));
    }
  } catch (error) {
    log("error", "task crashed", { taskId: running, error: String(error) });
  } finally {
    running = null;
  }
}

/**
 * Starts the service; resolves once it listens.
 *
 * @example
 * const server = await startTranscoder(8080, "0.0.0.0");
 */
export function startTranscoder(port: number, host: string) {
  const server = createServer((request, response) => {
    if (request.method === "GET" && request.url === "/health") {
      return send(response, 200, running ? { status: "busy", taskId: running } : { status: "ok" });
    }
    if (request.method === "POST" && request.url === "/tasks") {
      return void acceptTask(request, response).catch((error: unknown) => {
        log("error", "request failed", { error: String(error) });
        if (!response.headersSent) send(response, 500, failure("internal", "The request failed."));
      });
    }
    send(response, 404, failure("not_found", `No route for ${request.method} ${request.url}.`));
  });
  server.headersTimeout = 60_000;
  return new Promise<typeof server>((listening) =>
    server.listen(port, host, () => listening(server)),
  );
}

if (import.meta.main) {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? "0.0.0.0";
  await startTranscoder(port, host);
  log("info", "listening", { port, host });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
}
