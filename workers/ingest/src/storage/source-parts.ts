/**
 * A master in R2: fixed-size part objects (lib/media/asset-layout.ts),
 * written by its upload session and read back as one file. A read may ask
 * for bytes that are still on their way (the job transcodes while the
 * upload goes on): it streams what is there and, at the first part not yet
 * readable, asks `waitFor` until that part is, or gives up with an error
 * (which breaks the response mid-stream, as a dropped connection would;
 * ffmpeg reconnects or the task is retried).
 */
import { sourcePartKey, sourcePrefix } from "../../../../lib/media/asset-layout.ts";

export async function writeSourcePart(
  media: R2Bucket,
  uploadId: string,
  part: number,
  bytes: Uint8Array,
): Promise<void> {
  await media.put(sourcePartKey(uploadId, part), bytes);
}

/** Deletes every part of an upload's source, a listing page (up to 1,000 keys) at a time. */
export async function removeSource(media: R2Bucket, uploadId: string): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await media.list({ prefix: sourcePrefix(uploadId), cursor, limit: 1000 });
    if (page.objects.length > 0) await media.delete(page.objects.map((object) => object.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
}

/** Reads a whole small source (a subtitle file: one part). */
export async function readSmallSource(
  media: R2Bucket,
  uploadId: string,
): Promise<R2ObjectBody | null> {
  return media.get(sourcePartKey(uploadId, 0));
}

export interface SourceRange {
  uploadId: string;
  partBytes: number;
  /** Inclusive first and last byte. */
  first: number;
  last: number;
  /**
   * Resolves once every byte before `end` may be read, or rejects when the
   * upload will not bring it (stalled, abandoned).
   */
  waitFor(end: number): Promise<void>;
}

/**
 * The bytes [first, last] as one stream, part after part. Each part's R2
 * body is piped straight into the response (runtime streams end to end, no
 * JavaScript per chunk: a transcoder reads a film's master at disk speed).
 *
 * @example
 * new Response(streamSource(env.MEDIA, { uploadId, partBytes, first: 0, last: size - 1, waitFor }))
 */
export function streamSource(media: R2Bucket, range: SourceRange): ReadableStream<Uint8Array> {
  const { readable, writable } = new FixedLengthStream(range.last - range.first + 1);
  void (async () => {
    for (let next = range.first; next <= range.last;) {
      const part = Math.floor(next / range.partBytes);
      const partStart = part * range.partBytes;
      const end = Math.min(range.last + 1, partStart + range.partBytes);
      await range.waitFor(end);
      const object = await media.get(sourcePartKey(range.uploadId, part), {
        range: { offset: next - partStart, length: end - next },
      });
      if (!object) throw new Error(`source part ${part} is missing`);
      await object.body.pipeTo(writable, { preventClose: true });
      next = end;
    }
    await writable.close();
  })().catch((error: unknown) => writable.abort(error).catch(() => {}));
  return readable;
}
