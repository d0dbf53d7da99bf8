/**
 * One resumable upload to the ingest API (tus 1.0) with tus-js-client,
 * authenticated like every other request of the app: by its cookies.
 *
 * Chunks are 8 MiB: a Worker takes at most 100 MB in one request, and a
 * dropped connection then costs at most one chunk. Network drops and 5xx
 * answers are retried after growing delays (tus-js-client resumes from the
 * server's offset); so are rate limits.
 *
 * The access cookie lasts 15 minutes, less than a large upload takes. When
 * a request comes back 401, the session is renewed through the app's own
 * single-flight refresh (api/http.ts: a refresh token works once, so two
 * refreshes would sign the session out), and tus-js-client retries: the
 * 401 is marked retryable in `onShouldRetry`, and `onBeforeRequest` holds
 * the retried request until the renewal is done.
 *
 * Once an upload exists its endpoint is forgotten. tus-js-client answers
 * any 4xx to its resuming HEAD by creating a new upload (from byte zero);
 * without an endpoint it reports an error instead, so a 401 there is
 * renewed and retried like any other and the upload goes on where it was.
 */
import {
  DetailedError,
  Upload,
  defaultOptions,
  type HttpRequest,
  type UploadOptions,
} from "tus-js-client";
import { ApiError, errorFromResponse, networkError } from "../api/api-error.ts";
import { UPLOADS_PATH } from "../api/client.ts";
import { accessGeneration, renewAfterUnauthorized } from "../api/http.ts";

const MIB = 1024 * 1024;
export const CHUNK_BYTES = 8 * MIB;
const RETRY_DELAYS_MS = [0, 1_000, 3_000, 5_000, 10_000, 20_000, 30_000, 60_000];

export interface TusUploadOptions {
  /** Upload-Metadata: what the upload is and where it goes. */
  metadata: Record<string, string>;
  /**
   * Names this file going to this place. With one, a stopped upload can
   * be found again after a reload (`findResumable`) and goes on from its
   * offset; without, every start is a new upload.
   */
  resumeKey?: string;
  onProgress?: (sentBytes: number, totalBytes: number) => void;
}

/** A started upload: pause and resume it. */
export interface TusUpload {
  /** Resolves with the upload's id once its last byte is stored; rejects with an ApiError. */
  done: Promise<string>;
  pause: () => void;
  resume: () => void;
}

const fingerprintOf = (resumeKey: string) => `marquee-upload:${resumeKey}`;

/** The renewal hooks of one upload: 401s renew the session, then the request is retried. */
function cookieSession(): Pick<UploadOptions, "onBeforeRequest" | "onShouldRetry"> {
  const sentIn = new WeakMap<HttpRequest, number>();
  let renewal: Promise<boolean> = Promise.resolve(true);
  let signedOut = false;

  async function renew(body: string, sentInGeneration: number): Promise<boolean> {
    // A HEAD answer (resuming) has no body to say why; take it as an expired
    // cookie: if the session itself is over, the refresh finds out.
    const error = body
      ? await errorFromResponse(new Response(body, { status: 401 }))
      : new ApiError(401, "unauthenticated", "Your session has expired.");
    try {
      const renewed = await renewAfterUnauthorized(error, sentInGeneration);
      signedOut = !renewed;
      return renewed;
    } catch {
      // Not an expired cookie, or the refresh could not be sent: the upload stops and says so.
      return false;
    }
  }

  return {
    onBeforeRequest: async (request) => {
      if (!(await renewal)) throw new Error("The session could not be renewed.");
      sentIn.set(request, accessGeneration());
    },
    onShouldRetry: (error, attempt, options) => {
      if (signedOut) return false;
      const status = error.originalResponse?.getStatus();
      if (status === 401) {
        renewal = renew(
          error.originalResponse?.getBody() ?? "",
          sentIn.get(error.originalRequest) ?? accessGeneration(),
        );
        return true;
      }
      if (status === 429) return true;
      return defaultOptions.onShouldRetry?.(error, attempt, options) ?? false;
    },
  };
}

/** What went wrong, as the app shows errors: the server's own words when it answered. */
async function uploadError(error: Error): Promise<ApiError> {
  const response = error instanceof DetailedError ? error.originalResponse : null;
  if (!response) return networkError();
  return errorFromResponse(new Response(response.getBody(), { status: response.getStatus() }));
}

/** The upload's id: the last segment of the Location the server created it at. */
const uploadIdOf = (upload: Upload) =>
  new URL(upload.url ?? "", location.href).pathname.split("/").pop() ?? "";

/**
 * Starts uploading `file`, or, when `resumeKey` names an upload stopped
 * earlier in this browser, goes on with that one (which keeps the metadata
 * it was created with).
 *
 * @example
 * const upload = await startTusUpload(file, { metadata: { filename: file.name, kind: "subtitles", language: "en" } });
 * const uploadId = await upload.done;
 */
export async function startTusUpload(file: File, options: TusUploadOptions): Promise<TusUpload> {
  const { resumeKey, onProgress } = options;
  let startedOver = false;
  let upload!: Upload;
  const done = new Promise<string>((resolve, reject) => {
    upload = new Upload(file, {
      endpoint: UPLOADS_PATH,
      metadata: options.metadata,
      chunkSize: CHUNK_BYTES,
      retryDelays: RETRY_DELAYS_MS,
      ...(resumeKey
        ? { fingerprint: () => Promise.resolve(fingerprintOf(resumeKey)) }
        : { storeFingerprintForResuming: false }),
      removeFingerprintOnSuccess: true,
      ...cookieSession(),
      onUploadUrlAvailable: () => {
        upload.options.endpoint = null;
      },
      onProgress: onProgress ?? null,
      onSuccess: () => resolve(uploadIdOf(upload)),
      onError: (error) => {
        // The server forgot the upload (a day idle): start it again from byte zero, once.
        const gone = error instanceof DetailedError && error.originalResponse?.getStatus() === 404;
        if (gone && !startedOver) {
          startedOver = true;
          upload.url = null;
          upload.options.endpoint = UPLOADS_PATH;
          upload.start();
          return;
        }
        void uploadError(error).then(reject);
      },
    });
  });
  const [previous] = resumeKey ? await upload.findPreviousUploads() : [];
  if (previous) {
    upload.options.endpoint = null;
    upload.options.metadata = previous.metadata;
    upload.resumeFromPreviousUpload(previous);
  }
  upload.start();
  return { done, pause: () => void upload.abort(), resume: () => upload.start() };
}

/** Whether an upload under `resumeKey` stopped before it finished, in this browser. */
export async function hasResumableUpload(resumeKey: string): Promise<boolean> {
  const storage = defaultOptions.urlStorage;
  return (await storage.findUploadsByFingerprint(fingerprintOf(resumeKey))).length > 0;
}
