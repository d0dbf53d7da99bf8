/**
 * One delivery of a transcode message: claim the job, hand it to a
 * transcoder with a token for this attempt, wait, and decide what the queue
 * should do with the message.
 *
 * - finished, cancelled or unknown job: nothing to do (a duplicate or late message);
 * - another attempt holds the job: try again after its lease;
 * - the transcoder says the input is bad (422): fail for good, no retry;
 * - it crashed, timed out or was busy: the attempt ends, the job is queued
 *   again with its error, and the message is retried with exponential
 *   backoff; after the queue's last retry it goes to the dead-letter queue,
 *   whose consumer fails the job (dead-letters.ts).
 */
import type { IngestBindings } from "../bindings.ts";
import type { Database } from "../../../../lib/db/database.ts";
import { tokenKeys } from "../../../../lib/auth/signed-token.ts";
import { issueJobToken } from "../../../../lib/ingest/job-token.ts";
import {
  TranscodeFailureSchema,
  TranscodeResultSchema,
  type TranscodeRequest,
} from "../../../../lib/ingest/transcoder-protocol.ts";
import type { Logger } from "../../../../lib/http/logger.ts";
import type { IngestConfig } from "../config.ts";
import {
  claimJob,
  completeJob,
  findJob,
  publishAsset,
  releaseJob,
  subtitleSources,
} from "../storage/jobs.ts";
import { sendToTranscoder } from "../transcoder-client.ts";
import { forgetCachedTitle, removeAssetOutputs } from "./asset-outputs.ts";
import { failForGood } from "./job-failure.ts";
import { emitEvent } from "./webhooks.ts";

export type Disposition = { ack: true } | { ack: false; delaySeconds: number };

export interface TranscodingDeps {
  env: IngestBindings;
  db: Database;
  config: IngestConfig;
  logger: Logger;
}

const MAX_BACKOFF_SECONDS = 15 * 60;
// The lease outlives the attempt's time limit, so only a consumer that died without a word loses it.
const LEASE_MARGIN_MS = 60_000;

/** Exponential backoff from TRANSCODE_RETRY_DELAY_SECONDS: 1×, 2×, 4×, … of it. */
export function backoffSeconds(config: IngestConfig, delivery: number): number {
  return Math.min(MAX_BACKOFF_SECONDS, config.TRANSCODE_RETRY_DELAY_SECONDS * 2 ** (delivery - 1));
}

type AttemptResult =
  | { kind: "ready"; body: unknown }
  | { kind: "bad_input"; body: unknown }
  | { kind: "cancelled" }
  | { kind: "transient"; code: string; message: string };

async function attempt(deps: TranscodingDeps, request: TranscodeRequest): Promise<AttemptResult> {
  const timeout = new AbortController();
  const timer = setTimeout(
    () => timeout.abort(new Error("time limit reached")),
    deps.config.TRANSCODE_TIMEOUT_SECONDS * 1000,
  );
  try {
    const response = await sendToTranscoder(deps.env, deps.config, request, timeout.signal);
    const body: unknown = await response.json().catch(() => null);
    if (response.status === 200) return { kind: "ready", body };
    if (response.status === 422) return { kind: "bad_input", body };
    if (response.status === 409) return { kind: "cancelled" };
    const code = response.status === 503 ? "transcoder_busy" : "transcoder_failed";
    return { kind: "transient", code, message: `The transcoder answered ${response.status}.` };
  } catch (error) {
    return timeout.signal.aborted
      ? {
          kind: "transient",
          code: "transcoder_timeout",
          message: `No answer within ${deps.config.TRANSCODE_TIMEOUT_SECONDS} s.`,
        }
      : {
          kind: "transient",
          code: "transcoder_unreachable",
          message: `The transcoder could not be reached or stopped answering: ${String(error)}`,
        };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs one delivery (`delivery` is the queue's attempt count, from 1) of
 * the message for `jobId`.
 */
export async function transcode(
  deps: TranscodingDeps,
  jobId: string,
  delivery: number,
): Promise<Disposition> {
  const { db, env, config, logger } = deps;
  const job = await findJob(db, jobId);
  if (!job || job.state === "ready" || job.state === "failed" || job.state === "cancelled") {
    return { ack: true };
  }
  const leaseMs = config.TRANSCODE_TIMEOUT_SECONDS * 1000 + LEASE_MARGIN_MS;
  const claimed = await claimJob(db, jobId, leaseMs);
  if (!claimed) {
    const waitMs = (job.leaseExpiresAt?.getTime() ?? Date.now()) - Date.now();
    return {
      ack: false,
      delaySeconds: Math.max(config.TRANSCODE_RETRY_DELAY_SECONDS, Math.ceil(waitMs / 1000)),
    };
  }

  const sources = await subtitleSources(db, claimed.uploadId);
  if (!sources) return { ack: true };
  const grant = { jobId, attempt: claimed.attempt, assetId: claimed.assetId };
  const token = await issueJobToken(
    await tokenKeys(config.JWT_SIGNING_KEYS),
    grant,
    Math.ceil(leaseMs / 1000),
  );
  logger.log("info", "transcode attempt started", { jobId, attempt: claimed.attempt, delivery });
  const result = await attempt(deps, {
    jobId,
    attempt: claimed.attempt,
    token,
    ingestUrl: `${config.APP_ORIGIN}/api/ingest/transcoder/jobs/${jobId}`,
    source: { filename: sources.filename, byteLength: sources.byteLength },
    subtitles: sources.subtitles.map((subtitle, index) => ({
      index,
      language: subtitle.language,
      label: subtitle.label,
    })),
  });

  const failureDeps = {
    db,
    media: env.MEDIA,
    kv: env.KV,
    webhookQueue: env.WEBHOOK_QUEUE,
  };
  switch (result.kind) {
    case "ready": {
      const { presentation } = TranscodeResultSchema.parse(result.body);
      // Publishing again is idempotent and makes sure D1 has the final presentation.
      await publishAsset(db, claimed, presentation);
      if (await completeJob(db, jobId, claimed.attempt)) {
        await forgetCachedTitle(env.KV, db, claimed);
        await emitEvent({ db, queue: failureDeps.webhookQueue }, "asset.ready", {
          jobId,
          assetId: claimed.assetId,
          titleId: claimed.titleId,
          episodeId: claimed.episodeId,
          durationSeconds: presentation.durationSeconds,
          renditions: presentation.video.map((rendition) => rendition.id),
        });
      }
      logger.log("info", "transcode attempt succeeded", { jobId, attempt: claimed.attempt });
      return { ack: true };
    }
    case "bad_input": {
      const parsed = TranscodeFailureSchema.safeParse(result.body);
      const error = parsed.success
        ? parsed.data.error
        : { code: "unsupported_input", message: "The transcoder could not use this file." };
      await failForGood(failureDeps, jobId, error);
      logger.log("warn", "transcode failed: bad input", { jobId, error });
      return { ack: true };
    }
    case "cancelled":
      // Cancelling removed the outputs; the transcoder may have written a last few since.
      await removeAssetOutputs(env.MEDIA, claimed.assetId);
      return { ack: true };
    case "transient": {
      const error = { code: result.code, message: result.message };
      await releaseJob(db, jobId, claimed.attempt, error);
      logger.log("warn", "transcode attempt failed; will retry", { jobId, delivery, error });
      return { ack: false, delaySeconds: backoffSeconds(config, delivery) };
    }
  }
}
