/**
 * One job, start to finish: fetch the master (and subtitles) from the
 * ingest Worker, transcode it on local disk, upload every output as soon as
 * it is finished, publish the lowest rung as soon as it is playable and the
 * rest when done, and report progress all along. Returns what the queue
 * consumer needs to decide: the final presentation, a bad input (never
 * retried), or a stop (the job was cancelled). Anything else throws, and the
 * consumer retries the job.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ProgressReport, TranscodeRequest } from "../../lib/ingest/transcoder-protocol.ts";
import type { Presentation } from "../../lib/media/presentation.ts";
import { InputError } from "./errors.ts";
import { IngestClient, JobStopped } from "./ingest-client.ts";
import { OutputUploads } from "./output-uploads.ts";
import { transcode } from "./pipeline/transcode.ts";

export type JobOutcome =
  | { kind: "ready"; presentation: Presentation }
  | { kind: "bad_input"; code: string; message: string }
  | { kind: "stopped" };

/** Progress goes out at most this often (and at once when the stage or rung changes). */
const PROGRESS_INTERVAL_MS = 1000;

/** Sends progress without ever holding the encoder up; a stop answer aborts the job. */
function progressReporter(ingest: IngestClient, stop: (reason: unknown) => void) {
  let last: ProgressReport | null = null;
  let lastSentAt = 0;
  let sending: Promise<void> = Promise.resolve();
  return (report: ProgressReport) => {
    const changed = !last || last.stage !== report.stage || last.rung !== report.rung;
    if (!changed && Date.now() - lastSentAt < PROGRESS_INTERVAL_MS) return;
    last = report;
    lastSentAt = Date.now();
    // One at a time, in order; a failed report is not worth failing the job for, a stop is.
    sending = sending
      .then(() => ingest.progress({ ...report, percent: Math.round(report.percent * 10) / 10 }))
      .catch((error: unknown) => {
        if (error instanceof JobStopped) stop(error);
      });
  };
}

export async function runJob(job: TranscodeRequest, signal: AbortSignal): Promise<JobOutcome> {
  const stopped = new AbortController();
  const abort = () => stopped.abort(signal.reason);
  signal.addEventListener("abort", abort, { once: true });
  const workDir = await mkdtemp(join(process.env.TRANSCODER_WORK_DIR ?? tmpdir(), `job-`));
  const ingest = new IngestClient(job.ingestUrl, job.token, stopped.signal);
  try {
    const report = progressReporter(ingest, (reason) => stopped.abort(reason));
    await ingest.progress({ stage: "probing", percent: 0, rung: null });
    const sourcePath = join(workDir, "source");
    await ingest.download("source", sourcePath);
    const subtitles = await Promise.all(
      job.subtitles.map(async ({ index, language, label }) => {
        const path = join(workDir, `subtitles-${index}`);
        await ingest.download(`subtitles/${index}`, path);
        return { path, language, label };
      }),
    );

    const outputDir = join(workDir, "out");
    await mkdir(outputDir);
    const uploads = new OutputUploads(ingest, outputDir);
    const presentation = await transcode(
      { sourcePath, outputDir, subtitles, signal: stopped.signal },
      {
        progress: report,
        fileReady: (path) => uploads.add(path),
        async publish(presentation, manifests) {
          await uploads.drain();
          for (const manifest of manifests) uploads.add(manifest);
          await uploads.drain();
          await ingest.publish(presentation);
        },
      },
    );
    return { kind: "ready", presentation };
  } catch (error) {
    const reason = stopped.signal.aborted ? stopped.signal.reason : error;
    if (reason instanceof InputError) {
      return { kind: "bad_input", code: reason.code, message: reason.message };
    }
    if (reason instanceof JobStopped) return { kind: "stopped" };
    throw reason;
  } finally {
    signal.removeEventListener("abort", abort);
    await rm(workDir, { recursive: true, force: true });
  }
}
