/**
 * Helpers for the ingest Worker's tests. Requests go through the Worker's
 * real entrypoint (`handle`, as the api Worker forwards them, with the
 * caller it authenticated), against real D1, R2, Durable Objects, the task
 * queue and Workflows. The transcoders are scripted slots
 * (testing/scripted-transcoders.ts): a test reads what a slot was handed
 * and plays the transcoder through the real transcoder routes.
 */
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import type { Role } from "../../../lib/auth/roles.ts";
import { formatUploadMetadata } from "../../../lib/ingest/tus.ts";
import type {
  Heartbeat,
  TaskAssignment,
  TaskFailure,
  TaskResult,
} from "../../../lib/ingest/task-protocol.ts";
import type { Caller } from "../src/app-env.ts";

export { env };
export const ORIGIN = "https://marquee.test";
export const MIB = 1024 * 1024;
export const TUS = { "tus-resumable": "1.0.0" };
export const UPLOADS = "/api/ingest/uploads";

export interface RequestOptions {
  method?: string;
  caller?: Caller | null;
  /** Sent as JSON unless it is already a string, bytes or a stream. */
  body?: unknown;
  headers?: Record<string, string>;
  /** A task token, for the transcoder routes. */
  token?: string;
}

/** A request forwarded to the ingest Worker as the api Worker forwards it. */
export function ingest(path: string, options: RequestOptions = {}): Promise<Response> {
  const raw =
    options.body === undefined ||
    typeof options.body === "string" ||
    options.body instanceof Uint8Array ||
    options.body instanceof ReadableStream;
  const body = raw ? (options.body as BodyInit | undefined) : JSON.stringify(options.body);
  const request = new Request(`${ORIGIN}${path}`, {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers: {
      ...(raw ? {} : { "content-type": "application/json" }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body,
  });
  return exports.default.handle(request, options.caller ?? null);
}

/** Asserts an error answer in the contract's shape and returns its code. */
export async function expectError(response: Response, status: number, code?: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.message).toEqual(expect.any(String));
  if (code) expect(body.error.code).toBe(code);
  return body.error.code;
}

/** An account with these roles, and the caller the api Worker would forward for it. */
export async function caller(...roles: Role[]): Promise<Caller> {
  const accountId = crypto.randomUUID();
  await env.DB.prepare(
    "insert into accounts (id, email, password_hash, roles, plan, created_at, updated_at) values (?, ?, 'x', ?, 'standard', 0, 0)",
  )
    .bind(accountId, `${accountId}@example.com`, JSON.stringify(roles))
    .run();
  return { accountId, sessionId: crypto.randomUUID(), roles };
}

/** A movie in the catalog to attach uploads to. */
export async function movie(): Promise<string> {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    `insert into titles (id, slug, type, name, synopsis, year, released_on, rating, maturity_rank, languages, created_at, updated_at)
     values (?, ?, 'movie', 'The Upload Test', 'A film that exists to be uploaded.', 2026, '2026-11-01', 'PG', 2, '["en"]', 0, 0)`,
  )
    .bind(id, `upload-${id.slice(0, 8)}`)
    .run();
  return id;
}

/** Bytes that open like a fast-start MP4 (ftyp, then moov before any mdat), `length` long. */
export function fastStartVideo(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length).fill(7);
  const box = (size: number, type: string) => [
    (size >>> 24) & 255,
    (size >>> 16) & 255,
    (size >>> 8) & 255,
    size & 255,
    ...new TextEncoder().encode(type),
  ];
  bytes.set([...box(24, "ftyp"), ...new TextEncoder().encode("isom"), 0, 0, 2, 0]);
  bytes.set(box(1000, "moov"), 24);
  bytes.set(box(length - 1024, "mdat"), 1024);
  return bytes;
}

export async function startUpload(
  who: Caller,
  length: number,
  metadata: Record<string, string>,
): Promise<string> {
  const response = await ingest(UPLOADS, {
    method: "POST",
    caller: who,
    headers: {
      ...TUS,
      "upload-length": String(length),
      "upload-metadata": formatUploadMetadata(metadata),
    },
  });
  expect(response.status).toBe(201);
  return new URL(response.headers.get("location")!, ORIGIN).pathname;
}

export function patch(who: Caller, location: string, offset: number, body: Uint8Array) {
  return ingest(location, {
    method: "PATCH",
    caller: who,
    body,
    headers: {
      ...TUS,
      "content-type": "application/offset+octet-stream",
      "upload-offset": String(offset),
    },
  });
}

export const uploadIdOf = (location: string) => location.split("/").pop()!;

export async function jobOfUpload(location: string) {
  return env.DB.prepare(
    "select id, state, stage, attempt, asset_id, error_code, error_message from ingest_jobs where upload_id = ?",
  )
    .bind(uploadIdOf(location))
    .first<{
      id: string;
      state: string;
      stage: string | null;
      attempt: number;
      asset_id: string;
      error_code: string | null;
      error_message: string | null;
    }>();
}

/** Polls until `check` returns a value (not undefined/false/null), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

/** The scripted transcoder slots (TRANSCODER_URLS). */
export const slots = () => env.TRANSCODER_URLS.split(",");

/** Every assignment the scripted slots took, in no particular order. */
export async function assignments(): Promise<TaskAssignment[]> {
  const lists = await Promise.all(
    slots().map(
      async (url) => (await (await fetch(`${url}/assignments`)).json()) as TaskAssignment[],
    ),
  );
  return lists.flat();
}

/** Waits until a slot is handed `taskId` of `jobId` (at `attempt`, if given), and returns it. */
export function assignment(jobId: string, taskId: string, attempt?: number) {
  return eventually(
    async () =>
      (await assignments()).find(
        (a) =>
          a.jobId === jobId &&
          a.taskId === taskId &&
          (attempt === undefined || a.attempt === attempt),
      ),
    `${taskId}${attempt ? ` attempt ${attempt}` : ""} to be handed to a transcoder`,
  );
}

export const setSlotsBusy = (busy: boolean) =>
  Promise.all(slots().map((url) => fetch(`${url}/${busy ? "busy" : "idle"}`, { method: "POST" })));

const taskPath = (a: TaskAssignment, action: string) =>
  `/api/ingest/transcoder/jobs/${a.jobId}/tasks/${a.taskId}/${action}`;

/** Plays the transcoder for one assignment, through the real routes with its token. */
export const transcoder = {
  heartbeat: (a: TaskAssignment, beat: Heartbeat) =>
    ingest(taskPath(a, "heartbeat"), { token: a.token, body: beat }),
  complete: (a: TaskAssignment, result: TaskResult) =>
    ingest(taskPath(a, "complete"), { token: a.token, body: result }),
  fail: (a: TaskAssignment, failure: TaskFailure) =>
    ingest(taskPath(a, "fail"), { token: a.token, body: failure }),
  write: (a: TaskAssignment, path: string, body: string | Uint8Array) => {
    const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
    return ingest(`/api/ingest/transcoder/jobs/${a.jobId}/outputs/${encodeURIComponent(path)}`, {
      method: "PUT",
      token: a.token,
      body: bytes,
      headers: {
        "content-type": "application/octet-stream",
        "content-length": String(bytes.length),
      },
    });
  },
  source: (a: TaskAssignment, range?: string) =>
    ingest(`/api/ingest/transcoder/jobs/${a.jobId}/source`, {
      token: a.token,
      headers: range ? { range } : {},
    }),
};
