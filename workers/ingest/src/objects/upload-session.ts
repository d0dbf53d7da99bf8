/**
 * One resumable upload (tus), named by its upload id: the single writer of
 * its offset, so two requests can never store the same bytes twice or in
 * the wrong order.
 *
 * Bytes go to R2 as fixed-size part objects (`sources/<upload>/part-NNNNNN`,
 * lib/media/asset-layout.ts), each readable the moment it is committed,
 * which the parts of an R2 multipart upload are not: so a video's job can
 * start transcoding while the rest of it is still arriving. A tus client may
 * send chunks of any size and drop the connection anywhere, so bytes past
 * the last whole part (the "tail") are kept in this object's SQLite storage
 * until a part fills. The offset a client sees is always what is committed:
 * whole parts plus the stored tail.
 *
 * A PATCH without a checksum keeps whatever arrived, even when the
 * connection drops mid-way (committed after each part and at the end). A
 * PATCH with `Upload-Checksum` is all or nothing: nothing of it is committed
 * unless the digest of the whole body matches (part objects it wrote are
 * not readable until committed, and are overwritten by the retry). A new
 * PATCH while one is still running takes over (the client has given up on
 * the old one): the old one's uncommitted bytes are dropped.
 *
 * A video upload opens its job when it is created (its rows in D1 and the
 * job's Workflow), and tells the job's TaskBoard each time more of the
 * master becomes readable, so encoding can begin early. Starting the
 * Workflow, announcing the bytes and marking the upload complete are
 * retried from the alarm until they succeed (ids are fixed at creation;
 * every write is idempotent). Idle
 * uploads expire: the alarm removes their parts, abandons their job and
 * forgets everything.
 */
import { DurableObject } from "cloudflare:workers";
import { timingSafeEqual } from "../../../../lib/crypto/bytes.ts";
import {
  detectSubtitleFormat,
  detectVideoContainer,
  mp4IndexAtFront,
  SNIFF_BYTES,
} from "../../../../lib/ingest/sniff.ts";
import { CHECKSUM_ALGORITHMS, type UploadChecksum } from "../../../../lib/ingest/tus.ts";
import type { IngestBindings } from "../bindings.ts";
import { removeSource, writeSourcePart } from "../storage/source-parts.ts";
import {
  insertUpload,
  markUploadComplete,
  setUploadState,
  type UploadRecord,
} from "../storage/upload-records.ts";
import { startJobWorkflow } from "../workflow/start.ts";
import { ByteQueue } from "./byte-queue.ts";

export interface UploadInit extends Omit<UploadRecord, "expiresAt"> {
  /** The Upload-Metadata header as the client sent it; HEAD repeats it. */
  metadataHeader: string;
  /** How long the upload may sit idle before it expires (and, once complete, is forgotten). */
  idleTimeoutMs: number;
}

export interface UploadStatus {
  offset: number;
  byteLength: number;
  metadataHeader: string;
  expiresAt: number;
  complete: boolean;
  /** The ingest job of a video upload. */
  jobId: string | null;
}

/** How much of the master the job may read: whole committed parts, or everything once complete. */
export interface ReadableSource {
  readableBytes: number;
  byteLength: number;
  complete: boolean;
  /** The part size, to find the object that holds a byte. */
  partBytes: number;
  /** When bytes last arrived (ms): readers stop waiting once the upload has stalled. */
  lastProgressAt: number;
  /** An MP4 whose index (moov) comes before its media: it can be read before the upload ends. */
  indexAtFront: boolean;
}

export type AppendResult =
  | { ok: true; status: UploadStatus }
  | { ok: false; status: 404 | 409 | 413 | 415 | 460; code: string; message: string };

interface SessionState extends UploadInit {
  offset: number;
  detectedType: string | null;
  indexAtFront: boolean;
  expiresAt: number;
  completedAt: number | null;
  /** When the upload was opened (ms): with the bytes so far, how fast it is coming. */
  startedAt: number;
  lastProgressAt: number;
  /** A video's Workflow has been started (the alarm retries it when starting failed). */
  workflowStarted: boolean;
  /** Completion steps done, so the alarm can finish what a crash interrupted. */
  recorded: boolean;
  /** The readable bytes the job's TaskBoard was last told about. */
  announcedBytes: number;
  announcedComplete: boolean;
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

export class UploadSession extends DurableObject<IngestBindings> {
  #state: SessionState | null = null;
  /** The PATCH being received, if any: stopping it drops its uncommitted bytes. */
  #receiving: { stop(): void; finished: Promise<void> } | null = null;

  constructor(ctx: DurableObjectState, env: IngestBindings) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      ctx.storage.sql.exec(SCHEMA);
      const row = ctx.storage.sql.exec<{ state: string }>("SELECT state FROM session").toArray()[0];
      this.#state = row ? (JSON.parse(row.state) as SessionState) : null;
    });
  }

  /** Opens the upload: its D1 rows (and a video's asset and job), then a video's Workflow. */
  async create(init: UploadInit): Promise<UploadStatus> {
    // A retried create finds the session it already made.
    if (this.#state) return this.status()!;
    const now = Date.now();
    const state: SessionState = {
      ...init,
      offset: 0,
      detectedType: null,
      indexAtFront: false,
      expiresAt: now + init.idleTimeoutMs,
      completedAt: null,
      startedAt: now,
      lastProgressAt: now,
      workflowStarted: false,
      recorded: false,
      announcedBytes: 0,
      announcedComplete: false,
    };
    await insertUpload(this.env.DB, { ...init, expiresAt: state.expiresAt });
    this.#save(state);
    await this.ctx.storage.setAlarm(state.expiresAt);
    await this.#startWorkflow().catch(async (error: unknown) => {
      console.error("upload: starting the job's workflow failed; retrying", String(error));
      await this.ctx.storage.setAlarm(Date.now() + SETTLE_RETRY_MS);
    });
    return this.status()!;
  }

  /** Starts a video's job Workflow, once. */
  async #startWorkflow(): Promise<void> {
    const state = this.#state!;
    if (!state.job || state.workflowStarted) return;
    await startJobWorkflow(this.env, state.job.jobId, 1);
    this.#save({ ...this.#state!, workflowStarted: true });
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
      jobId: state.job?.jobId ?? null,
    };
  }

  /** What a reader of the master may read now; null once the session is forgotten. */
  readable(): ReadableSource | null {
    const state = this.#state;
    if (!state) return null;
    return {
      readableBytes: readableBytes(state),
      byteLength: state.byteLength,
      complete: state.completedAt !== null,
      partBytes: state.partBytes,
      lastProgressAt: state.lastProgressAt,
      indexAtFront: state.indexAtFront,
    };
  }

  /** Receives the bytes of one PATCH, which must start at the committed offset. */
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
    // Bytes of this PATCH not yet reflected in `state.offset`.
    let uncommitted = 0;
    let sniffed = { detectedType: state.detectedType, indexAtFront: state.indexAtFront };
    const digest = checksum
      ? new crypto.DigestStream(CHECKSUM_ALGORITHMS[checksum.algorithm])
      : null;
    const digestWriter = digest?.getWriter();
    const reader = body.getReader();
    const cancel = () => void reader.cancel().catch(() => {});
    stopped.addEventListener("abort", cancel);

    const commit = () => {
      state = this.#commit(state, { uncommitted, pending, ...sniffed });
      uncommitted = 0;
    };

    let dropped = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (stopped.aborted) throw new Superseded();
        if (done) break;
        if (state.offset + uncommitted + value.byteLength > state.byteLength) {
          await reader.cancel();
          return failure(
            413,
            "exceeds_upload_length",
            `This chunk would take the upload past its Upload-Length of ${state.byteLength} bytes.`,
          );
        }
        await digestWriter?.write(value);
        pending.push(value);
        uncommitted += value.byteLength;

        const received = state.offset + uncommitted;
        if (!sniffed.detectedType && received >= Math.min(SNIFF_BYTES, state.byteLength)) {
          // The first bytes are still in `pending`: parts are far larger than SNIFF_BYTES.
          const detectedType = detect(state, pending.peek(SNIFF_BYTES));
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
          sniffed = { ...sniffed, detectedType };
        }

        // Whole parts go to R2 as soon as they fill; the first one also says whether the index leads.
        while (pending.size >= state.partBytes) {
          const partNumber = Math.floor(
            (state.offset + uncommitted - pending.size) / state.partBytes,
          );
          const bytes = pending.take(state.partBytes);
          if (partNumber === 0) sniffed = { ...sniffed, indexAtFront: mp4IndexAtFront(bytes) };
          await writeSourcePart(this.env.MEDIA, state.uploadId, partNumber, bytes);
          // Without a checksum every whole part is committed at once, so a long PATCH loses
          // little, and the job may read it while the rest arrives.
          if (!checksum) {
            commit();
            await this.#announce();
          }
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
    commit();
    if (state.offset === state.byteLength) await this.#complete(state, pending);
    else await this.#announce();
    return { ok: true, status: this.status()! };
  }

  /** Makes the bytes of a PATCH part of the committed upload, in one transaction. */
  #commit(
    state: SessionState,
    received: {
      uncommitted: number;
      pending: ByteQueue;
      detectedType: string | null;
      indexAtFront: boolean;
    },
  ): SessionState {
    const now = Date.now();
    const next: SessionState = {
      ...state,
      offset: state.offset + received.uncommitted,
      detectedType: received.detectedType,
      indexAtFront: received.indexAtFront,
      lastProgressAt: received.uncommitted > 0 ? now : state.lastProgressAt,
      expiresAt: now + state.idleTimeoutMs,
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

  /** Writes the tail as the last part, then settles the rest. */
  async #complete(state: SessionState, tail: ByteQueue): Promise<void> {
    if (tail.size > 0 || state.byteLength === 0) {
      const lastPart = Math.floor((state.offset - tail.size) / state.partBytes);
      const bytes = tail.take(tail.size);
      const indexAtFront = lastPart === 0 ? mp4IndexAtFront(bytes) : state.indexAtFront;
      await writeSourcePart(this.env.MEDIA, state.uploadId, lastPart, bytes);
      state = { ...state, indexAtFront };
    }
    const now = Date.now();
    const completed = {
      ...state,
      completedAt: now,
      lastProgressAt: now,
      expiresAt: now + state.idleTimeoutMs,
    };
    this.ctx.storage.transactionSync(() => {
      this.ctx.storage.sql.exec("DELETE FROM tail");
      this.#save(completed);
    });
    await this.#settle();
  }

  /**
   * Records the completed upload in D1 and tells its job; the alarm retries
   * what fails.
   */
  async #settle(): Promise<void> {
    const state = this.#state!;
    try {
      if (!state.recorded) {
        await markUploadComplete(this.env.DB, state.uploadId, {
          detectedType: state.detectedType!,
          completedAt: state.completedAt!,
        });
        this.#save({ ...state, recorded: true });
      }
      await this.#announce();
      await this.ctx.storage.setAlarm(this.#state!.expiresAt);
    } catch (error) {
      console.error("upload: completing failed; retrying", state.uploadId, String(error));
      await this.ctx.storage.setAlarm(Date.now() + SETTLE_RETRY_MS);
    }
  }

  /** Tells the job's TaskBoard how much of the master it may read, when that has grown. */
  async #announce(): Promise<void> {
    const state = this.#state!;
    if (!state.job) return;
    const bytes = readableBytes(state);
    const complete = state.completedAt !== null;
    if (bytes === state.announcedBytes && complete === state.announcedComplete) return;
    await this.env.TASK_BOARDS.getByName(state.job.jobId).sourceGrew({
      uploadId: state.uploadId,
      byteLength: state.byteLength,
      partBytes: state.partBytes,
      readableBytes: bytes,
      complete,
      indexAtFront: state.indexAtFront,
      startedAt: state.startedAt,
      lastProgressAt: state.lastProgressAt,
    });
    this.#save({ ...this.#state!, announcedBytes: bytes, announcedComplete: complete });
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
    if (state.job && !state.workflowStarted) {
      try {
        await this.#startWorkflow();
      } catch (error) {
        console.error("upload: starting the job's workflow failed; retrying", String(error));
        await this.ctx.storage.setAlarm(Date.now() + SETTLE_RETRY_MS);
        return;
      }
    }
    if (state.completedAt !== null && !(state.recorded && state.announcedComplete)) {
      await this.#settle();
      return;
    }
    if (state.completedAt === null && state.job) {
      // A crash between committing bytes and announcing them: say it now.
      await this.#announce().catch(() => {});
    }
    if (Date.now() < state.expiresAt) {
      await this.ctx.storage.setAlarm(state.expiresAt);
      return;
    }
    if (state.completedAt === null) await this.#forget("expired");
    else await this.#clear();
  }

  /** Abandons an unfinished upload: its parts, its stored bytes, its job, its state. */
  async #forget(outcome: "expired" | "terminated"): Promise<void> {
    const state = this.#state!;
    await removeSource(this.env.MEDIA, state.uploadId);
    await setUploadState(this.env.DB, state.uploadId, outcome);
    if (state.job) {
      await this.env.TASK_BOARDS.getByName(state.job.jobId).abandon(
        outcome === "expired"
          ? "The upload stopped before it finished and expired."
          : "The upload was abandoned before it finished.",
      );
    }
    await this.#clear();
  }

  async #clear(): Promise<void> {
    this.#state = null;
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }
}

/** Whole committed parts, or all of it once complete (the tail is readable only as the last part). */
function readableBytes(state: SessionState): number {
  if (state.completedAt !== null) return state.byteLength;
  return Math.floor(state.offset / state.partBytes) * state.partBytes;
}

function detect(state: SessionState, head: Uint8Array): string | null {
  return state.kind === "video" ? detectVideoContainer(head) : detectSubtitleFormat(head);
}
