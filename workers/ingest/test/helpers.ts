/**
 * Helpers for the ingest Worker's tests. Requests go through the Worker's
 * real entrypoint (`handle`, as the api Worker forwards them, with the
 * caller it authenticated), against real D1, R2, Durable Objects, the task
 * queue and Workflows. The transcoders are scripted slots
 * (testing/scripted-transcoders.ts): a test reads what a slot was handed
 * and plays the transcoder through the real transcoder routes. Also: a tus
 * client (create, PATCH, HEAD, a whole upload in chunks), the stored source
 * read back from its part objects, and catalog entries to upload to.
 */
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import type { Role } from "../../../lib/auth/roles.ts";
import { formatUploadMetadata } from "../../../lib/ingest/tus.ts";
import { sourcePartKey, sourcePrefix } from "../../../lib/media/asset-layout.ts";
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

/** A series with one season and one episode, to upload an episode's video to. */
export async function series(): Promise<{ titleId: string; episodeId: string }> {
  const titleId = crypto.randomUUID();
  const seasonId = crypto.randomUUID();
  const episodeId = crypto.randomUUID();
  await env.DB.batch([
    env.DB.prepare(
      `insert into titles (id, slug, type, name, synopsis, year, released_on, rating, maturity_rank, languages, created_at, updated_at)
       values (?, ?, 'series', 'The Upload Series', 'A series whose episodes are uploaded.', 2026, '2026-11-01', 'PG', 2, '["en"]', 0, 0)`,
    ).bind(titleId, `series-${titleId.slice(0, 8)}`),
    env.DB.prepare(
      "insert into seasons (id, title_id, number, name, created_at, updated_at) values (?, ?, 1, 'Season 1', 0, 0)",
    ).bind(seasonId, titleId),
    env.DB.prepare(
      "insert into episodes (id, title_id, season_id, number, name, runtime_minutes, created_at, updated_at) values (?, ?, ?, 1, 'Pilot', 42, 0, 0)",
    ).bind(episodeId, titleId, seasonId),
  ]);
  return { titleId, episodeId };
}

/**
 * Bytes that open like an MP4 (an ftyp box) whose index is not at the front,
 * `length` long, every 64 KiB block different from the others: parts stored
 * out of order or twice would not compare equal.
 */
export function fakeVideo(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes.subarray(0, Math.min(length, 65536)));
  for (let i = 65536; i < length; i++) bytes[i] = bytes[i % 65536]! ^ ((i >> 16) & 255);
  const ftyp = [0, 0, 0, 24, ...new TextEncoder().encode("ftypisom"), 0, 0, 2, 0];
  bytes.set(ftyp.slice(0, Math.min(length, ftyp.length)));
  return bytes;
}

export const VTT = new TextEncoder().encode(
  "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHello there.\n",
);

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

/** POST a tus creation request; the answer as it came. */
export function createUpload(
  who: Caller | null,
  length: number,
  metadata: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return ingest(UPLOADS, {
    method: "POST",
    caller: who,
    headers: {
      ...TUS,
      "upload-length": String(length),
      "upload-metadata": formatUploadMetadata(metadata),
      ...headers,
    },
  });
}

/** Creates an upload and returns its URL path. */
export async function startUpload(
  who: Caller,
  length: number,
  metadata: Record<string, string>,
): Promise<string> {
  const response = await createUpload(who, length, metadata);
  expect(response.status).toBe(201);
  return new URL(response.headers.get("location")!, ORIGIN).pathname;
}

export function patch(
  who: Caller | null,
  location: string,
  offset: number,
  body: Uint8Array | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
) {
  return ingest(location, {
    method: "PATCH",
    caller: who,
    body,
    headers: {
      ...TUS,
      "content-type": "application/offset+octet-stream",
      "upload-offset": String(offset),
      ...headers,
    },
  });
}

/** The offset HEAD reports, or null when the upload is gone (404). */
export async function offsetOf(who: Caller, location: string): Promise<number | null> {
  const response = await ingest(location, { method: "HEAD", caller: who, headers: TUS });
  if (response.status === 404) return null;
  expect(response.status).toBe(200);
  return Number(response.headers.get("upload-offset"));
}

/** Sends `bytes` from `from` on in chunks of `chunkSize`, each starting where the last ended. */
export async function uploadAll(
  who: Caller,
  location: string,
  bytes: Uint8Array,
  chunkSize: number,
  from = 0,
): Promise<void> {
  for (let offset = from; offset < bytes.length; offset += chunkSize) {
    const response = await patch(who, location, offset, bytes.subarray(offset, offset + chunkSize));
    expect(response.status).toBe(204);
    expect(Number(response.headers.get("upload-offset"))).toBe(
      Math.min(bytes.length, offset + chunkSize),
    );
  }
}

/** A completed subtitles upload of `bytes`; returns its upload id. */
export async function uploadSubtitles(
  who: Caller,
  bytes: Uint8Array,
  metadata: { language: string; label?: string; filename?: string },
): Promise<string> {
  const location = await startUpload(who, bytes.length, {
    kind: "subtitles",
    filename: metadata.filename ?? `${metadata.language}.vtt`,
    language: metadata.language,
    ...(metadata.label ? { label: metadata.label } : {}),
  });
  expect((await patch(who, location, 0, bytes)).status).toBe(204);
  return uploadIdOf(location);
}

export const uploadIdOf = (location: string) => location.split("/").pop()!;

export interface JobRow {
  id: string;
  state: string;
  stage: string | null;
  attempt: number;
  asset_id: string;
  title_id: string | null;
  episode_id: string | null;
  error_code: string | null;
  error_message: string | null;
}

const JOB_COLUMNS =
  "id, state, stage, attempt, asset_id, title_id, episode_id, error_code, error_message";

export async function jobOfUpload(location: string) {
  return env.DB.prepare(`select ${JOB_COLUMNS} from ingest_jobs where upload_id = ?`)
    .bind(uploadIdOf(location))
    .first<JobRow>();
}

/** Every job of an upload (a video upload has exactly one, from its creation on). */
export async function jobsOfUpload(location: string): Promise<JobRow[]> {
  const { results } = await env.DB.prepare(
    `select ${JOB_COLUMNS} from ingest_jobs where upload_id = ?`,
  )
    .bind(uploadIdOf(location))
    .all<JobRow>();
  return results;
}

export function jobRow(jobId: string) {
  return env.DB.prepare(`select ${JOB_COLUMNS} from ingest_jobs where id = ?`)
    .bind(jobId)
    .first<JobRow>();
}

/** Waits for a job to fail and returns its row. */
export function failedJob(jobId: string, timeoutMs?: number): Promise<JobRow> {
  return eventually(
    async () => {
      const row = await jobRow(jobId);
      return row?.state === "failed" && row;
    },
    `job ${jobId} to fail`,
    timeoutMs,
  );
}

export function uploadRow(uploadId: string) {
  return env.DB.prepare(
    "select state, detected_type, completed_at, account_id from uploads where id = ?",
  )
    .bind(uploadId)
    .first<{
      state: string;
      detected_type: string | null;
      completed_at: number | null;
      account_id: string | null;
    }>();
}

/** The keys and sizes of an upload's part objects, in key order. */
export async function sourceParts(uploadId: string): Promise<{ key: string; size: number }[]> {
  const parts: { key: string; size: number }[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.MEDIA.list({ prefix: sourcePrefix(uploadId), cursor });
    parts.push(...page.objects.map((object) => ({ key: object.key, size: object.size })));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return parts.sort((a, b) => (a.key < b.key ? -1 : 1));
}

/**
 * The stored source: its part objects concatenated. The parts must be
 * numbered 0, 1, 2… without a gap, and every one but the last exactly
 * `partBytes` long; null when there are none.
 */
export async function storedSource(uploadId: string, partBytes = MIB) {
  const parts = await sourceParts(uploadId);
  if (parts.length === 0) return null;
  expect(parts.map((part) => part.key)).toEqual(parts.map((_, n) => sourcePartKey(uploadId, n)));
  expect(parts.slice(0, -1).every((part) => part.size === partBytes)).toBe(true);
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.size, 0));
  let at = 0;
  for (const part of parts) {
    const object = await env.MEDIA.get(part.key);
    bytes.set(new Uint8Array(await object!.arrayBuffer()), at);
    at += part.size;
  }
  return bytes;
}

/** Where two byte arrays first differ (a length difference counts), or -1 when they are equal. */
export function firstDifference(actual: Uint8Array | null, expected: Uint8Array): number {
  if (!actual) return 0;
  const length = Math.min(actual.length, expected.length);
  for (let i = 0; i < length; i++) if (actual[i] !== expected[i]) return i;
  return actual.length === expected.length ? -1 : length;
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

/** The job's TaskBoard, as the Worker reaches it. */
export const boardOf = (jobId: string) => env.TASK_BOARDS.getByName(jobId);

/** Waits until the job's Workflow has opened run `run` on its TaskBoard. */
export function runOpened(jobId: string, run = 1) {
  return eventually(
    async () => (await boardOf(jobId).grid()).run === run,
    `run ${run} of ${jobId} to open`,
  );
}

/** The scripted transcoder slots (TRANSCODER_URLS). */
export const slots = () => env.TRANSCODER_URLS.split(",");

/** Tasks handed to the test's "transcoder" in answers to its complete and fail reports. */
const handedOver: TaskAssignment[] = [];

/** Keeps the next task a final report's answer hands over; the answer itself goes back to the test. */
async function keepHandedOver(response: Response): Promise<Response> {
  if (response.ok) {
    const { next } = (await response.clone().json()) as { next: TaskAssignment | null };
    if (next) handedOver.push(next);
  }
  return response;
}

/** What each scripted slot took from the queue's consumer, by the slot's URL. */
export async function assignmentsBySlot(): Promise<Map<string, TaskAssignment[]>> {
  const lists = await Promise.all(
    slots().map(
      async (url) =>
        [url, (await (await fetch(`${url}/assignments`)).json()) as TaskAssignment[]] as const,
    ),
  );
  return new Map(lists);
}

/** Every assignment the scripted slots took from the queue's consumer. */
export async function slotAssignments(): Promise<TaskAssignment[]> {
  return [...(await assignmentsBySlot()).values()].flat();
}

/** Every assignment the scripted slots took or a report's answer handed over, in no particular order. */
export async function assignments(): Promise<TaskAssignment[]> {
  return [...(await slotAssignments()), ...handedOver];
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

/** The run a task token was signed for (its `run` claim). */
export function runOf(a: TaskAssignment): number {
  const payload = a.token.split(".")[1]!.replaceAll("-", "+").replaceAll("_", "/");
  return (JSON.parse(atob(payload)) as { run: number }).run;
}

/** Waits until a slot is handed `taskId` of run `run` of `jobId`, and returns it. */
export function assignmentOfRun(jobId: string, taskId: string, run: number) {
  return eventually(
    async () =>
      (await assignments()).find(
        (a) => a.jobId === jobId && a.taskId === taskId && runOf(a) === run,
      ),
    `${taskId} of run ${run} to be handed to a transcoder`,
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
  complete: async (a: TaskAssignment, result: TaskResult) =>
    keepHandedOver(await ingest(taskPath(a, "complete"), { token: a.token, body: result })),
  fail: async (a: TaskAssignment, failure: TaskFailure) =>
    keepHandedOver(await ingest(taskPath(a, "fail"), { token: a.token, body: failure })),
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
