/**
 * A subtitle file uploaded with a job's video, as its probe task reads it:
 * the job's upload names its subtitle uploads in menu order.
 */
import type { Database } from "../../../../lib/db/database.ts";
import { ApiError } from "../../../../lib/http/api-error.ts";
import { subtitleUploadOfJob } from "../storage/jobs.ts";
import { streamSource } from "../storage/source-parts.ts";

export async function readSubtitleFile(
  deps: { db: Database; media: R2Bucket },
  jobId: string,
  index: number,
): Promise<Response> {
  const upload = await subtitleUploadOfJob(deps.db, jobId, index);
  if (!upload) throw new ApiError(404, "not_found", "No such subtitle file for this job.");
  const body = streamSource(deps.media, {
    uploadId: upload.id,
    partBytes: upload.partBytes,
    first: 0,
    last: upload.byteLength - 1,
    // A subtitle upload is complete before the video that names it is accepted.
    waitFor: async () => {},
  });
  return new Response(body, {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Length": String(upload.byteLength),
    },
  });
}
