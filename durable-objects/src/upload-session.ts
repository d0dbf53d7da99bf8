/**
 * One resumable upload (tus), named by its upload id: the single writer of
 * its offset, so two requests can never store the same bytes twice or in
 * the wrong order.
 *
 * Bytes go to an R2 multipart upload of the source key. R2 wants every part
 * but the last to be the same size (`partBytes`, at least 5 MiB), while a
 * tus client may send chunks of any size and drop the connection anywhere,
 * so bytes past the last whole part (the "tail") are kept in this object's
 * SQLite storage until a part fills. The offset a client sees is always what
 * is stored: R2 parts plus the stored tail.
 *
 * A PATCH without a checksum keeps whatever arrived, even when the
 * connection drops mid-way (stored after each part and at the end). A PATCH
 * with `Upload-Checksum` is all or nothing: nothing of it is kept unless the
 * digest of the whole body matches. A new PATCH while one is still running
 * takes over (the client has given up on the old one): the old one's
 * unstored bytes are dropped, and the new one must start at the stored
 * offset like any other.
 *
 * Completion assembles the object, then records it in D1 (the upload row,
 * and for a video its asset and queued job) and sends the job to the
 * transcode queue. Those two steps are retried from the alarm until they
 * succeed, so a completed upload always gets exactly one job (ids are fixed
 * at creation; inserts ignore duplicates). Idle uploads expire: the alarm
 * aborts the multipart upload and forgets everything.
 */
import { DurableObject } from "cloudflare:workers";
import { timingSafeEqual } from "../../lib/crypto/bytes.ts";
import { sourceKey } from "../../lib/media/asset-layout.ts";
import { detectSubtitleFormat, detectVideoContainer, SNIFF_BYTES } from "../../lib/ingest/sniff.ts";
import { CHECKSUM_ALGORITHMS, type UploadChecksum } from "../../lib/ingest/tus.ts";
import type { TranscodeMessage } from "../../lib/ingest/queue-messages.ts";
import { ByteQueue } from "./byte-queue.ts";
import {
  insertUpload,
  recordCompletion,
  setUploadState,
  type UploadRecord,
} from "./upload-records.ts";

/**
 * The bindings an upload session uses. Declared here rather than read from
 * the generated `Env` because other Workers' type checks include this class
 * (through their Durable Object bindings) with their own `Env`;
 * env-check.ts proves this Worker's generated `Env` provides them.
 */
export interface UploadSessionBindings {
  DB: D1Database;
  MEDIA: R2Bucket;
  TRANSCODE_QUEUE: Queue<TranscodeMessage>;
}

export interface UploadInit extends Omit<UploadRecord, "expiresAt"> {
  /** The Upload-Metadata header as the client sent it; HEAD repeats it. */
  metadataHeader: string;
  /** The size of every R2 part but the last. */
  partBytes: number;
  /** How long the upload may sit idle before it expires (and, once complete, is forgotten). */
  idleTimeoutMs: number;
}

export interface UploadStatus {
  offset: number;
  byteLength: number;
  metadataHeader: string;
  expiresAt: number;
  complete: boolean;
  /** The ingest job of a completed video upload. */
  jobId: string | null;
}

export type AppendResult =
  | { ok: true; status: UploadStatus }
  | { ok: false; status: 404 | 409 | 413 | 415 | 460; code: string; message: string };

interface Part {
  partNumber: number;
  etag: string;
}

interface SessionState extends UploadInit {
  offset: number;
  parts: Part[];
  multipartId: string | null;
  detectedType: string | null;
  expiresAt: number;
  completedAt: number | null;
  /** Fixed at creation, so retried completion steps always name the same rows. */
  jobId: string;
  assetId: string;
  recorded: boolean;
  enqueued: boolean;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS session (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS tail (seq INTEGER PRIMARY KEY, bytes BLOB NOT NULL);
`;
const TAIL_ROW_BYTES = 1024 * 1024;
const SETTLE_RETRY_MS = 10_000;

const failure = (
  status: 404 | 409 | 413 | 415 | 460,
  code: string,
  message: string,
): AppendResult => ({ ok: false, status, code, message });

const notFound = () => failure(404, "not_found", "No such upload (it may have expired).");

class Superseded extends Error {}

export class UploadSession extends DurableObject<UploadSessionBindings> {
  #state: SessionState | null = null;
  /** The PATCH being received, if any: stopping it drops its unstored bytes. */
  #receiving: { stop(): void; finished: Promise<void> } | null = null;

  constructor(ctx: DurableObjectState, env: UploadSessionBindings) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      ctx.storage.sql.exec(SCHEMA);
      const row = ctx.storage.sql.exec<{ state: string }>("SELECT state FROM session").toArray()[0];
      this.#state = row ? (JSON.parse(row.state) as SessionState) : null;
    });
  }

  async create(init: UploadInit): Promise<UploadStatus> {
    // A retried create finds the session it already made.
    if (this.#state) return this.status()!;
    const expiresAt = Date.now() + init.idleTimeoutMs;
    const state: SessionState = {
      ...init,
      offset: 0,
      parts: [],
      multipartId: null,
      detectedType: null,
      expiresAt,
      completedAt: null,
      jobId: crypto.randomUUID(),
      assetId: crypto.randomUUID(),
      recorded: false,
      enqueued: false,
    };
    await insertUpload(this.env.DB, { ...init, expiresAt });
    this.#save(state);
    await this.ctx.storage.setAlarm(expiresAt);
    return this.status()!;
  }

  status(): UploadStatus | null {
    const state = this.#state;
    if (!state) return null;
    return {
      offset: state.offset,
      byteLength: state.byteLength,
      metadataHeader: state.metadataHeader,
      expiresAt: state.expiresAt,
      complete: state.completedAt !== null,
      jobId: state.kind === "video" && state.recorded ? state.jobId : null,
    };
  }

  /** Receives the bytes of one PATCH, which must start at the stored offset. */
  async append(
    offset: number,
    body: ReadableStream<Uint8Array>,
    checksum: UploadChecksum | null,
  ): Promise<AppendResult> {
    if (this.#receiving) {
      this.#receiving.stop();
      await this.#receiving.finished;
    }
    const state = this.#state;
    if (!state) {
      await body.cancel();
      return notFound();
    }
    if (offset !== state.offset) {
      await body.cancel();
      return failure(
        409,
        "offset_mismatch",
        `Upload-Offset is ${offset} but ${state.offset} bytes are stored; resume from there.`,
      );
    }
    if (state.completedAt !== null) {
      await body.cancel();
      return { ok: true, status: this.status()! };
    }

    const stop = new AbortController();
    let finish!: () => void;
    this.#receiving = {
      stop: () => stop.abort(),
      finished: new Promise((done) => (finish = done)),
    };
    try {
      return await this.#receive(state, body, checksum, stop.signal);
    } finally {
      this.#receiving = null;
      finish();
    }
  }

  async #receive(
    state: SessionState,
    body: ReadableStream<Uint8Array>,
    checksum: UploadChecksum | null,
    stopped: AbortSignal,
  ): Promise<AppendResult> {
    const pending = new ByteQueue();
    for (const row of this.ctx.storage.sql.exec<{ bytes: ArrayBuffer }>(
      "SELECT bytes FROM tail ORDER BY seq",
    )) {
      pending.push(new Uint8Array(row.bytes));
    }
    // Bytes of this PATCH not yet reflected in `state.offset`, and parts they filled.
    let unstored = 0;
    let newParts: Part[] = [];
    let detectedType = state.detectedType;
    const digest = checksum
      ? new crypto.DigestStream(CHECKSUM_ALGORITHMS[checksum.algorithm])
      : null;
    const digestWriter = digest?.getWriter();
    const reader = body.getReader();
    const cancel = () => void reader.cancel().catch(() => {});
    stopped.addEventListener("abort", cancel);

    const store = () => {
      state = this.#store(state, { unstored, newParts, pending, detectedType });
      unstored = 0;
      newParts = [];
    };

    let dropped = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (stopped.aborted) throw new Superseded();
        if (done) break;
        if (state.offset + unstored + value.byteLength > state.byteLength) {
          await reader.cancel();
          return failure(
            413,
            "exceeds_upload_length",
            `This chunk would take the upload past its Upload-Length of ${state.byteLength} bytes.`,
          );
        }
        await digestWriter?.write(value);
        pending.push(value);
        unstored += value.byteLength;

        const received = state.offset + unstored;
        if (!detectedType && received >= Math.min(SNIFF_BYTES, state.byteLength)) {
          // The first bytes are still in `pending`: parts are far larger than SNIFF_BYTES.
          detectedType = detect(state, pending.peek(SNIFF_BYTES));
          if (!detectedType) {
            await reader.cancel();
            await this.#forget("terminated");
            return failure(
              415,
              "unsupported_file_type",
              state.kind === "video"
                ? "This file is not a video container we accept (MP4, QuickTime, Matroska, WebM, MPEG-TS, AVI or MXF)."
                : "This file is not WebVTT or SubRip subtitles.",
            );
          }
        }

        // Whole parts go to R2 as soon as they fill, so the last part is never the larger one.
        while (pending.size >= state.partBytes) {
          const partNumber = state.parts.length + newParts.length + 1;
          newParts.push(await this.#uploadPart(state, partNumber, pending.take(state.partBytes)));
          // Without a checksum every whole part is kept at once, so a long PATCH loses little.
          if (!checksum) store();
        }
      }
    } catch (error) {
      if (error instanceof Superseded || stopped.aborted) {
        return failure(409, "superseded", "A newer request for this upload took over.");
      }
      // The connection dropped: keep what arrived, unless it cannot be verified.
      dropped = true;
    } finally {
      stopped.removeEventListener("abort", cancel);
    }

    if (checksum) {
      if (dropped) {
        return failure(409, "incomplete_chunk", "The chunk did not arrive whole; send it again.");
      }
      await digestWriter!.close();
      const actual = new Uint8Array(await digest!.digest);
      if (!timingSafeEqual(actual, checksum.digest)) {
        return failure(460, "checksum_mismatch", "The chunk does not match its Upload-Checksum.");
      }
    }
    store();
    if (state.offset === state.byteLength) await this.#complete(state, pending);
    return { ok: true, status: this.status()! };
  }

  /** Makes the bytes of a PATCH part of the stored upload, in one transaction. */
  #store(
    state: SessionState,
    received: {
      unstored: number;
      newParts: Part[];
      pending: ByteQueue;
      detectedType: string | null;
    },
  ): SessionState {
    const next: SessionState = {
      ...state,
      offset: state.offset + received.unstored,
      parts: [...state.parts, ...received.newParts],
      detectedType: received.detectedType,
      expiresAt: Date.now() + state.idleTimeoutMs,
    };
    this.ctx.storage.transactionSync(() => {
      this.ctx.storage.sql.exec("DELETE FROM tail");
      received.pending.rows(TAIL_ROW_BYTES).forEach((row, seq) => {
        this.ctx.storage.sql.exec("INSERT INTO tail (seq, bytes) VALUES (?, ?)", seq, row.buffer);
      });
      this.#save(next);
    });
    // The expiry moves with activity; the alarm fires at the old time and re-arms.
    return next;
  }

  #save(state: SessionState): void {
    this.ctx.storage.sql.exec(
      "INSERT INTO session (id, state) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state",
      JSON.stringify(state),
    );
    this.#state = state;
  }

  async #uploadPart(state: SessionState, partNumber: number, bytes: Uint8Array<ArrayBuffer>) {
    const upload = await this.#multipart(state);
    const part = await upload.uploadPart(partNumber, bytes);
    return { partNumber: part.partNumber, etag: part.etag };
  }

  async #multipart(state: SessionState): Promise<R2MultipartUpload> {
    const key = sourceKey(state.uploadId);
    if (state.multipartId) return this.env.MEDIA.resumeMultipartUpload(key, state.multipartId);
    const upload = await this.env.MEDIA.createMultipartUpload(key);
    // Saved at once: an expiry or termination must be able to abort it.
    state.multipartId = upload.uploadId;
    this.#save(state);
    return upload;
  }

  /** Assembles the object from its parts and the tail, then settles the rest. */
  async #complete(state: SessionState, tail: ByteQueue): Promise<void> {
    const key = sourceKey(state.uploadId);
    const bytes = tail.take(tail.size);
    if (state.multipartId) {
      const upload = this.env.MEDIA.resumeMultipartUpload(key, state.multipartId);
      const parts = [...state.parts];
      if (bytes.byteLength > 0) {
        const last = await upload.uploadPart(parts.length + 1, bytes);
        parts.push({ partNumber: last.partNumber, etag: last.etag });
      }
      await upload.complete(parts);
    } else {
      await this.env.MEDIA.put(key, bytes);
    }
    const completed = {
      ...state,
      completedAt: Date.now(),
      expiresAt: Date.now() + state.idleTimeoutMs,
    };
    this.ctx.storage.transactionSync(() => {
      this.ctx.storage.sql.exec("DELETE FROM tail");
      this.#save(completed);
    });
    await this.#settle();
  }

  /** Records the completed upload in D1 and enqueues its job; the alarm retries what fails. */
  async #settle(): Promise<void> {
    const state = this.#state!;
    try {
      if (!state.recorded) {
        await recordCompletion(
          this.env.DB,
          { ...state },
          {
            detectedType: state.detectedType!,
            completedAt: state.completedAt!,
            jobId: state.jobId,
            assetId: state.assetId,
          },
        );
        this.#save({ ...state, recorded: true });
      }
      if (state.kind === "video" && !this.#state!.enqueued) {
        await this.env.TRANSCODE_QUEUE.send({ jobId: state.jobId } satisfies TranscodeMessage);
        this.#save({ ...this.#state!, enqueued: true });
      }
      await this.ctx.storage.setAlarm(this.#state!.expiresAt);
    } catch (error) {
      console.error("upload: completing failed; retrying", state.uploadId, String(error));
      await this.ctx.storage.setAlarm(Date.now() + SETTLE_RETRY_MS);
    }
  }

  /** Ends an upload in progress at the client's request. */
  async terminate(): Promise<
    { ok: true } | { ok: false; status: 404 | 409; code: string; message: string }
  > {
    const state = this.#state;
    if (!state) return { ok: false, status: 404, code: "not_found", message: "No such upload." };
    if (state.completedAt !== null) {
      return {
        ok: false,
        status: 409,
        code: "upload_complete",
        message: "A completed upload is a job's source; cancel the job instead.",
      };
    }
    this.#receiving?.stop();
    await this.#receiving?.finished;
    await this.#forget("terminated");
    return { ok: true };
  }

  override async alarm(): Promise<void> {
    const state = this.#state;
    if (!state) return;
    if (
      state.completedAt !== null &&
      !(state.recorded && (state.enqueued || state.kind !== "video"))
    ) {
      await this.#settle();
      return;
    }
    if (Date.now() < state.expiresAt) {
      await this.ctx.storage.setAlarm(state.expiresAt);
      return;
    }
    if (state.completedAt === null) await this.#forget("expired");
    else await this.#clear();
  }

  /** Abandons an unfinished upload: its parts, its stored bytes, its state. */
  async #forget(outcome: "expired" | "terminated"): Promise<void> {
    const state = this.#state!;
    if (state.multipartId) {
      await this.env.MEDIA.resumeMultipartUpload(sourceKey(state.uploadId), state.multipartId)
        .abort()
        .catch(() => {}); // already gone
    }
    await setUploadState(this.env.DB, state.uploadId, outcome);
    await this.#clear();
  }

  async #clear(): Promise<void> {
    this.#state = null;
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }
}

function detect(state: SessionState, head: Uint8Array): string | null {
  return state.kind === "video" ? detectVideoContainer(head) : detectSubtitleFormat(head);
}
