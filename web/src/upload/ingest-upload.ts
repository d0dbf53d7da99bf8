/**
 * Sending a master to a movie or an episode, with its subtitle files. The
 * subtitles go first, each a small upload of its own, and the video names
 * them in its metadata, so when its last byte arrives the server makes one
 * ingest job with every track.
 *
 * A video stopped earlier in this browser (the same file, to the same
 * place, with the same subtitle files) goes on from where it stopped and
 * keeps the subtitles it was created with, so they are not sent again.
 */
import { listIngestJobs } from "../api/client.ts";
import type { IngestJob } from "../api/types.ts";
import { hasResumableUpload, startTusUpload, type TusUpload } from "./tus-upload.ts";

/** A movie takes its video itself; a series' videos go to its episodes. */
export type UploadTarget = { titleId: string } | { episodeId: string };

export interface SubtitleFile {
  file: File;
  /** A two- or three-letter language code: "en", "fr". */
  language: string;
  /** What the player's menu calls the track ("English (CC)"); empty for the language's name. */
  label: string;
}

export interface IngestUploadInput {
  master: File;
  target: UploadTarget;
  subtitles: SubtitleFile[];
}

const identity = ({ name, size, lastModified }: File) => [name, size, lastModified];

/** Names this upload in this browser's list of stopped uploads. */
export const resumeKeyOf = ({ master, target, subtitles }: IngestUploadInput) =>
  JSON.stringify([
    identity(master),
    target,
    subtitles.map(({ file, language, label }) => [...identity(file), language, label]),
  ]);

function uploadSubtitles(subtitles: SubtitleFile[]): Promise<string[]> {
  return Promise.all(
    subtitles.map(async ({ file, language, label }) => {
      const metadata = {
        kind: "subtitles",
        filename: file.name,
        language,
        ...(label.trim() && { label: label.trim() }),
      };
      return (await startTusUpload(file, { metadata })).done;
    }),
  );
}

/**
 * Uploads the subtitles, then starts the video; the returned upload is the
 * video's, to pause and resume.
 */
export async function startIngestUpload(
  input: IngestUploadInput,
  onProgress: (sentBytes: number, totalBytes: number) => void,
): Promise<TusUpload> {
  const resumeKey = resumeKeyOf(input);
  const subtitleIds = (await hasResumableUpload(resumeKey))
    ? []
    : await uploadSubtitles(input.subtitles);
  const metadata = {
    kind: "video",
    filename: input.master.name,
    ...input.target,
    ...(subtitleIds.length > 0 && { subtitles: subtitleIds.join(",") }),
  };
  return startTusUpload(input.master, { metadata, resumeKey, onProgress });
}

const JOB_LOOKUPS = 10;
const JOB_LOOKUP_INTERVAL_MS = 1_000;

/**
 * The ingest job the server made when a video upload finished. The upload
 * does not name it, so it is looked for among the newest jobs (a movie's
 * only); null if it has not shown up within a few seconds.
 */
export async function findUploadJob(
  uploadId: string,
  target: UploadTarget,
): Promise<IngestJob | null> {
  const titleId = "titleId" in target ? target.titleId : undefined;
  for (let lookup = 0; lookup < JOB_LOOKUPS; lookup++) {
    const { jobs } = await listIngestJobs({ titleId, limit: 10 });
    const job = jobs.find((candidate) => candidate.upload.id === uploadId);
    if (job) return job;
    await new Promise((wait) => setTimeout(wait, JOB_LOOKUP_INTERVAL_MS));
  }
  return null;
}
