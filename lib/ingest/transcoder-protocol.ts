/**
 * How the ingest Worker and the transcoder talk, validated on both sides.
 *
 * The ingest Worker's queue consumer POSTs a `TranscodeRequest` to the
 * transcoder (`POST /jobs`) and waits for the answer: 200 with the final
 * presentation, 422 when the input itself is bad (never retried), 409 when
 * the job was cancelled meanwhile, 503 when the transcoder is busy, and
 * anything else (or no answer) when it crashed, which the queue retries.
 *
 * While it works, the transcoder calls back the `ingestUrl` with the job
 * token: it reads the source there, writes its outputs, reports progress
 * and publishes renditions (routes in workers/ingest/src/routes/transcoder.ts).
 */
import { z } from "zod";
import { PresentationSchema } from "../media/presentation.ts";

/** What a transcoder is doing, as the job shows it. */
export const JOB_STAGES = ["probing", "analysing", "encoding", "finishing"] as const;
export type JobStage = (typeof JOB_STAGES)[number];

export const TranscodeRequestSchema = z.object({
  jobId: z.uuid(),
  attempt: z.number().int().positive(),
  /** The job token; the transcoder sends it as a bearer token on every call back. */
  token: z.string().min(20),
  /** Absolute URL of this job's transcoder endpoints, without a trailing slash. */
  ingestUrl: z.url(),
  source: z.object({
    filename: z.string().min(1).max(255),
    byteLength: z.number().int().positive(),
  }),
  /** Subtitle files uploaded with the video, fetched at `<ingestUrl>/subtitles/<index>`. */
  subtitles: z
    .array(
      z.object({
        index: z.number().int().min(0),
        language: z.string().regex(/^[a-z]{2,3}$/),
        label: z.string().min(1).max(100),
      }),
    )
    .max(32),
});
export type TranscodeRequest = z.infer<typeof TranscodeRequestSchema>;

export const INPUT_ERROR_CODES = ["empty_input", "corrupt_input", "unsupported_input"] as const;
export type InputErrorCode = (typeof INPUT_ERROR_CODES)[number];

export const TranscodeResultSchema = z.object({ presentation: PresentationSchema });

export const TranscodeFailureSchema = z.object({
  error: z.object({ code: z.string().max(64), message: z.string().max(2000) }),
});

export const ProgressReportSchema = z.object({
  stage: z.enum(JOB_STAGES),
  percent: z.number().min(0).max(100),
  rung: z.string().max(40).nullable(),
});
export type ProgressReport = z.infer<typeof ProgressReportSchema>;

export const PublishReportSchema = z.object({ presentation: PresentationSchema });
