/**
 * Serving a job's master to its transcoders as one file with byte ranges,
 * from the part objects its upload session writes. The file has its final
 * size from the first byte on (tus declares it), so ffmpeg can seek in a
 * master that is still uploading: a read of bytes not there yet waits for
 * them while the upload keeps moving, and fails once it has stalled for
 * UPLOAD_STALL_SECONDS (the task is then retried when more has arrived).
 */
import { ApiError } from "../../../../lib/http/api-error.ts";
import { parseByteRange } from "../../../../lib/http/byte-range.ts";
import type { TaskBoard } from "../objects/task-board.ts";
import { streamSource } from "../storage/source-parts.ts";

const POLL_MS = 500;

export interface SourceReadDeps {
  media: R2Bucket;
  board: DurableObjectStub<TaskBoard>;
  stallMs: number;
}

export async function readSource(
  deps: SourceReadDeps,
  rangeHeader: string | undefined,
): Promise<Response> {
  const facts = await deps.board.sourceFacts();
  if (!facts) throw new ApiError(404, "not_found", "The source file is missing.");
  const range = parseByteRange(rangeHeader, facts.byteLength);
  if (range === "unsatisfiable") {
    throw new ApiError(416, "range_not_satisfiable", "The range starts past the end of the file.", {
      headers: { "Content-Range": `bytes */${facts.byteLength}` },
    });
  }
  const { first, last } = range ?? { first: 0, last: facts.byteLength - 1 };
  const waitFor = async (end: number) => {
    for (;;) {
      const now = await deps.board.sourceFacts();
      if (!now) throw new Error("the job is gone");
      if (now.complete || now.readableBytes >= end) return;
      if (Date.now() - now.lastProgressAt > deps.stallMs) {
        throw new Error(`the upload stalled before byte ${end} arrived`);
      }
      await new Promise((wait) => setTimeout(wait, POLL_MS));
    }
  };
  const headers = new Headers({
    "Accept-Ranges": "bytes",
    "Content-Type": "application/octet-stream",
    "Content-Length": String(last - first + 1),
  });
  if (range) headers.set("Content-Range", `bytes ${first}-${last}/${facts.byteLength}`);
  const body = streamSource(deps.media, {
    uploadId: facts.uploadId,
    partBytes: facts.partBytes,
    first,
    last,
    waitFor,
  });
  return new Response(body, { status: range ? 206 : 200, headers });
}
