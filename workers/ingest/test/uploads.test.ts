/**
 * The tus 1.0 conformance suite of the ingest Worker's uploads, through its
 * real entrypoint with the caller the api Worker forwards: discovery,
 * creation, chunks, resuming after dropped connections, stale offsets,
 * repeated chunks, checksums, termination, who may upload, file type and
 * size checks, offsets, truncated uploads, the protocol version, metadata
 * checked against the catalog, and subtitles uploaded alongside a video.
 *
 * Bytes land as 1 MiB part objects in tests (UPLOAD_PART_BYTES); the stored
 * source is read back from them and compared byte for byte. A video upload
 * has exactly one job from its creation on (stage `uploading`), however
 * often anything is retried.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { formatUploadChecksum } from "../../../lib/ingest/tus.ts";
import type { Caller } from "../src/app-env.ts";
import {
  assignment,
  boardOf,
  caller,
  createUpload,
  env,
  expectError,
  failedJob,
  fakeVideo,
  firstDifference,
  ingest,
  jobOfUpload,
  jobRow,
  jobsOfUpload,
  MIB,
  movie,
  offsetOf,
  patch,
  runOpened,
  series,
  sourceParts,
  startUpload,
  storedSource,
  TUS,
  uploadAll,
  uploadIdOf,
  uploadRow,
  UPLOADS,
  uploadSubtitles,
  VTT,
} from "./helpers.ts";

let admin: Caller;
let movieId: string;
beforeAll(async () => {
  admin = await caller("content_admin");
  movieId = await movie();
});

const video = (filename = "master.mp4") => ({ filename, titleId: movieId });

/**
 * A request body that delivers `bytes`, in pieces as a network does, and
 * then fails, as a dropped connection does (after a pause, so that what was
 * sent has arrived before the failure does).
 */
function droppedAfter(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    async pull(controller) {
      if (at >= bytes.length) {
        await new Promise((resume) => setTimeout(resume, 150));
        controller.error(new Error("connection reset"));
        return;
      }
      controller.enqueue(bytes.slice(at, at + 256 * 1024));
      at += 256 * 1024;
    },
  });
}

/** Sends a PATCH whose connection drops; whether an answer comes back does not matter. */
async function sendDropped(
  location: string,
  offset: number,
  bytes: Uint8Array,
  headers: Record<string, string> = {},
) {
  await patch(admin, location, offset, droppedAfter(bytes), headers).then(
    (response) => response.body?.cancel(),
    () => {},
  );
}

async function digestOf(algorithm: "SHA-1" | "SHA-256" | "MD5", bytes: Uint8Array) {
  return new Uint8Array(await crypto.subtle.digest(algorithm, bytes));
}

/** The stored source of the upload at `location` equals `bytes`, byte for byte. */
async function expectStored(location: string, bytes: Uint8Array) {
  const stored = await storedSource(uploadIdOf(location));
  expect(stored?.length).toBe(bytes.length);
  expect(firstDifference(stored, bytes)).toBe(-1);
}

/** How much of the master the job's TaskBoard was told it may read. */
async function readableBytes(location: string) {
  const job = await jobOfUpload(location);
  return (await boardOf(job!.id).sourceFacts())?.readableBytes ?? 0;
}

describe("discovery", () => {
  it("says what it supports, without a caller", async () => {
    const response = await ingest(UPLOADS, { method: "OPTIONS" });
    expect(response.status).toBe(204);
    expect(response.headers.get("tus-version")).toBe("1.0.0");
    expect(response.headers.get("tus-resumable")).toBe("1.0.0");
    expect(response.headers.get("tus-extension")?.split(",")).toEqual(
      expect.arrayContaining(["creation", "termination", "checksum", "expiration"]),
    );
    expect(response.headers.get("tus-checksum-algorithm")?.split(",")).toEqual(
      expect.arrayContaining(["sha1", "sha256"]),
    );
    expect(Number(response.headers.get("tus-max-size"))).toBeGreaterThan(1024 * MIB);
  });
});

describe("creating, sending and resuming", () => {
  it("uploads in chunks into part objects that are the file byte for byte; one job from the start", async () => {
    const bytes = fakeVideo(5 * MIB + 12345);
    const created = await createUpload(admin, bytes.length, video());
    expect(created.status).toBe(201);
    expect(created.headers.get("tus-resumable")).toBe("1.0.0");
    expect(Date.parse(created.headers.get("upload-expires")!)).toBeGreaterThan(Date.now());
    const location = new URL(created.headers.get("location")!, "https://x").pathname;
    expect(location).toMatch(/^\/api\/ingest\/uploads\/[0-9a-f-]{36}$/);
    const uploadId = uploadIdOf(location);

    // The upload, its asset and its job exist before a byte is sent.
    expect(await uploadRow(uploadId)).toMatchObject({
      state: "uploading",
      completed_at: null,
      account_id: admin.accountId,
    });
    const before = await jobsOfUpload(location);
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({
      state: "queued",
      stage: "uploading",
      attempt: 1,
      title_id: movieId,
      episode_id: null,
      error_code: null,
    });
    const asset = await env.DB.prepare("select state, title_id from media_assets where id = ?")
      .bind(before[0]!.asset_id)
      .first();
    expect(asset).toEqual({ state: "processing", title_id: movieId });

    const head = await ingest(location, { method: "HEAD", caller: admin, headers: TUS });
    expect(head.status).toBe(200);
    expect(head.headers.get("upload-offset")).toBe("0");
    expect(head.headers.get("upload-length")).toBe(String(bytes.length));
    expect(head.headers.get("upload-metadata")).toContain("filename ");
    expect(head.headers.get("cache-control")).toBe("no-store");

    // Chunks that do not line up with the parts.
    await uploadAll(admin, location, bytes, 1.5 * MIB);
    await expectStored(location, bytes);
    expect((await sourceParts(uploadId)).map((part) => part.size)).toEqual([
      MIB,
      MIB,
      MIB,
      MIB,
      MIB,
      12345,
    ]);
    expect((await jobsOfUpload(location)).map((job) => job.id)).toEqual([before[0]!.id]);
    const upload = await uploadRow(uploadId);
    expect(upload).toMatchObject({ state: "complete", detected_type: "mp4" });
    expect(upload!.completed_at).toEqual(expect.any(Number));
  });

  it("sends a whole file in one request", async () => {
    const bytes = fakeVideo(4 * MIB + 1);
    const location = await startUpload(admin, bytes.length, video());
    const response = await patch(admin, location, 0, bytes);
    expect(response.status).toBe(204);
    expect(response.headers.get("upload-offset")).toBe(String(bytes.length));
    await expectStored(location, bytes);
    expect(await jobsOfUpload(location)).toHaveLength(1);
  });

  it("keeps what arrived when connections drop at random offsets, and resumes from there", async () => {
    const bytes = fakeVideo(6 * MIB + 777);
    const location = await startUpload(admin, bytes.length, video());
    const between = (from: number, to: number) => from + Math.floor(Math.random() * (to - from));
    // Inside the first part, one byte short of a part, exactly on a part's end, nothing at
    // all, and two anywhere (across part boundaries).
    const stops = [
      MIB + 3,
      2 * MIB - 1,
      2 * MIB,
      2 * MIB,
      between(2 * MIB + 1, 4 * MIB),
      between(4 * MIB + 1, 6 * MIB),
    ];
    let offset = 0;
    for (const stop of stops) {
      await sendDropped(location, offset, bytes.subarray(offset, stop));
      // Nothing is lost that arrived; nothing is claimed that did not.
      expect(
        await offsetOf(admin, location),
        `dropped at ${stop} (stops: ${stops.join(", ")})`,
      ).toBe(stop);
      offset = stop;
    }
    // Whole parts are readable by the job as soon as they are stored; the tail is not.
    expect(await readableBytes(location)).toBe(Math.floor(offset / MIB) * MIB);
    await uploadAll(admin, location, bytes, 1.25 * MIB, offset);
    await expectStored(location, bytes);
    expect(await jobsOfUpload(location)).toHaveLength(1);
  });

  it("never stores a repeated chunk twice: a stale offset is a 409 and changes nothing", async () => {
    const bytes = fakeVideo(3 * MIB);
    const location = await startUpload(admin, bytes.length, video());
    const first = bytes.subarray(0, 1.5 * MIB);
    expect((await patch(admin, location, 0, first)).status).toBe(204);
    await expectError(await patch(admin, location, 0, first), 409, "offset_mismatch");
    expect(await offsetOf(admin, location)).toBe(1.5 * MIB);
    await uploadAll(admin, location, bytes, MIB, 1.5 * MIB);
    await expectStored(location, bytes);
    expect(await jobsOfUpload(location)).toHaveLength(1);
  });

  it("answers a repeated last chunk without storing it again, and keeps one job", async () => {
    const bytes = fakeVideo(2 * MIB + 100);
    const location = await startUpload(admin, bytes.length, video());
    expect((await patch(admin, location, 0, bytes.subarray(0, 2 * MIB))).status).toBe(204);
    const last = bytes.subarray(2 * MIB);
    expect((await patch(admin, location, 2 * MIB, last)).status).toBe(204);
    const completed = await uploadRow(uploadIdOf(location));

    // The client never heard the answer: the same chunk again is stale…
    await expectError(await patch(admin, location, 2 * MIB, last), 409, "offset_mismatch");
    // …and at the offset HEAD reports, an empty PATCH is answered with the final offset.
    expect(await offsetOf(admin, location)).toBe(bytes.length);
    const again = await patch(admin, location, bytes.length, new Uint8Array(0));
    expect(again.status).toBe(204);
    expect(again.headers.get("upload-offset")).toBe(String(bytes.length));

    await expectStored(location, bytes);
    expect(await jobsOfUpload(location)).toHaveLength(1);
    expect(await uploadRow(uploadIdOf(location))).toEqual(completed);
  });
});

describe("checksums", () => {
  it("accepts chunks whose Upload-Checksum matches (sha1, sha256 and md5, as advertised)", async () => {
    const bytes = fakeVideo(3 * MIB);
    const location = await startUpload(admin, bytes.length, video());
    const chunks = [
      { algorithm: "sha1", webCrypto: "SHA-1", from: 0, to: MIB + 1 },
      { algorithm: "sha256", webCrypto: "SHA-256", from: MIB + 1, to: 2 * MIB + 7 },
      { algorithm: "md5", webCrypto: "MD5", from: 2 * MIB + 7, to: bytes.length },
    ] as const;
    for (const { algorithm, webCrypto, from, to } of chunks) {
      const chunk = bytes.subarray(from, to);
      const checksum = formatUploadChecksum(algorithm, await digestOf(webCrypto, chunk));
      const response = await patch(admin, location, from, chunk, { "upload-checksum": checksum });
      expect(response.status, algorithm).toBe(204);
      expect(response.headers.get("upload-offset")).toBe(String(to));
    }
    await expectStored(location, bytes);
  });

  it("refuses a chunk that does not match with 460, keeping none of it, even the parts it filled", async () => {
    const bytes = fakeVideo(4 * MIB);
    const location = await startUpload(admin, bytes.length, video());
    expect((await patch(admin, location, 0, bytes.subarray(0, MIB / 2))).status).toBe(204);
    // A chunk that fills parts 0 and 1, damaged in transit: its checksum is the good bytes'.
    const chunk = bytes.subarray(MIB / 2, 3 * MIB);
    const checksum = formatUploadChecksum("sha1", await digestOf("SHA-1", chunk));
    const damaged = chunk.slice();
    damaged[MIB] = damaged[MIB]! ^ 0xff;
    await expectError(
      await patch(admin, location, MIB / 2, damaged, { "upload-checksum": checksum }),
      460,
      "checksum_mismatch",
    );
    expect(await offsetOf(admin, location)).toBe(MIB / 2);
    expect(await readableBytes(location)).toBe(0);

    expect(
      (await patch(admin, location, MIB / 2, chunk, { "upload-checksum": checksum })).status,
    ).toBe(204);
    expect(await readableBytes(location)).toBe(3 * MIB);
    await uploadAll(admin, location, bytes, MIB, 3 * MIB);
    await expectStored(location, bytes);
  });

  it("keeps nothing of a checksummed chunk whose connection dropped", async () => {
    const bytes = fakeVideo(2 * MIB);
    const location = await startUpload(admin, bytes.length, video());
    const checksum = formatUploadChecksum("sha1", await digestOf("SHA-1", bytes));
    await sendDropped(location, 0, bytes.subarray(0, 1.25 * MIB), { "upload-checksum": checksum });
    expect(await offsetOf(admin, location)).toBe(0);
    expect(await readableBytes(location)).toBe(0);
    expect((await patch(admin, location, 0, bytes, { "upload-checksum": checksum })).status).toBe(
      204,
    );
    await expectStored(location, bytes);
  });

  it("refuses an unknown algorithm or a malformed header with 400", async () => {
    const bytes = fakeVideo(1000);
    const location = await startUpload(admin, bytes.length, video());
    for (const header of ["crc32 AAAA", "sha1", "sha1 not*base64", "sha1 AAAA extra"]) {
      await expectError(
        await patch(admin, location, 0, bytes, { "upload-checksum": header }),
        400,
        "invalid_checksum",
      );
    }
    expect(await offsetOf(admin, location)).toBe(0);
  });
});

describe("termination", () => {
  it("abandons an unfinished upload: gone with its parts, and its job fails as abandoned", async () => {
    const bytes = fakeVideo(3 * MIB);
    const location = await startUpload(admin, bytes.length, video());
    expect((await patch(admin, location, 0, bytes.subarray(0, 2 * MIB + 5))).status).toBe(204);
    expect(await sourceParts(uploadIdOf(location))).toHaveLength(2);
    const job = (await jobOfUpload(location))!;
    // As it is once the job's Workflow is under way (upload-session.test.ts covers an
    // upload abandoned before that).
    await runOpened(job.id);

    const response = await ingest(location, { method: "DELETE", caller: admin, headers: TUS });
    expect(response.status).toBe(204);
    expect(response.headers.get("tus-resumable")).toBe("1.0.0");
    expect(await offsetOf(admin, location)).toBeNull();
    await expectError(await patch(admin, location, 2 * MIB + 5, bytes.subarray(2 * MIB + 5)), 404);
    await expectError(
      await ingest(location, { method: "DELETE", caller: admin, headers: TUS }),
      404,
    );
    expect(await uploadRow(uploadIdOf(location))).toMatchObject({ state: "terminated" });
    expect(await sourceParts(uploadIdOf(location))).toEqual([]);

    const failed = await failedJob(job.id);
    expect(failed.error_code).toBe("upload_abandoned");
    expect(failed.error_message).toEqual(expect.any(String));
    expect(await jobsOfUpload(location)).toHaveLength(1);
    const asset = await env.DB.prepare("select state from media_assets where id = ?")
      .bind(job.asset_id)
      .first();
    expect(asset).toEqual({ state: "failed" });
  });

  it("refuses to terminate a completed upload (it is its job's source)", async () => {
    const bytes = fakeVideo(1000);
    const location = await startUpload(admin, bytes.length, video());
    expect((await patch(admin, location, 0, bytes)).status).toBe(204);
    await expectError(
      await ingest(location, { method: "DELETE", caller: admin, headers: TUS }),
      409,
      "upload_complete",
    );
    await expectStored(location, bytes);
    expect((await jobOfUpload(location))?.error_code).toBeNull();
  });
});

describe("who may upload", () => {
  it("content admins and admins; a viewer gets 403, nobody signed in 401", async () => {
    const viewer = await caller("viewer");
    await expectError(await createUpload(viewer, 1000, video()), 403, "forbidden");
    const location = await startUpload(admin, 1000, video());
    await expectError(await patch(viewer, location, 0, fakeVideo(1000)), 403, "forbidden");
    expect((await ingest(location, { method: "HEAD", caller: viewer, headers: TUS })).status).toBe(
      403,
    );
    await expectError(
      await ingest(location, { method: "DELETE", caller: viewer, headers: TUS }),
      403,
      "forbidden",
    );
    await expectError(await createUpload(null, 1000, video()), 401, "unauthenticated");
    await expectError(await patch(null, location, 0, fakeVideo(1000)), 401, "unauthenticated");
    expect(await offsetOf(admin, location)).toBe(0);

    expect((await createUpload(await caller("admin"), 1000, video())).status).toBe(201);
  });
});

describe("file types", () => {
  it("refuses a file that is not a video, from its bytes, whatever its name, and forgets it", async () => {
    const text = new TextEncoder().encode("Just some notes, not a film at all.\n".repeat(40));
    const location = await startUpload(admin, text.length, video("holiday.mp4"));
    const job = (await jobOfUpload(location))!;
    await runOpened(job.id);
    await expectError(await patch(admin, location, 0, text), 415, "unsupported_file_type");
    expect(await offsetOf(admin, location)).toBeNull();
    expect(await uploadRow(uploadIdOf(location))).toMatchObject({ state: "terminated" });
    expect(await sourceParts(uploadIdOf(location))).toEqual([]);
    expect((await failedJob(job.id)).error_code).toBe("upload_abandoned");
  });

  it("checks the type once enough bytes have arrived, even a few at a time", async () => {
    const text = new TextEncoder().encode("x".repeat(4000));
    const location = await startUpload(admin, text.length, video());
    for (let offset = 0; offset < 500; offset += 100) {
      expect(
        (await patch(admin, location, offset, text.subarray(offset, offset + 100))).status,
      ).toBe(204);
    }
    await expectError(
      await patch(admin, location, 500, text.subarray(500, 600)),
      415,
      "unsupported_file_type",
    );
  });

  it("recognises each container it accepts by its first bytes, not its name", async () => {
    const ascii = (text: string) => [...new TextEncoder().encode(text)];
    const file = (head: number[], at: Record<number, number[]> = {}) => {
      const bytes = fakeVideo(2000);
      bytes.fill(0, 0, 600);
      bytes.set(head);
      for (const [offset, more] of Object.entries(at)) bytes.set(more, Number(offset));
      return bytes;
    };
    const cases = {
      quicktime: file([0, 0, 0, 20, ...ascii("ftypqt  ")]),
      matroska: file([0x1a, 0x45, 0xdf, 0xa3, ...ascii("....matroska")]),
      webm: file([0x1a, 0x45, 0xdf, 0xa3, ...ascii("....webm")]),
      avi: file([...ascii("RIFF"), 0, 0, 0, 0, ...ascii("AVI LIST")]),
      mpegts: file([0x47], { 188: [0x47], 376: [0x47] }),
    };
    for (const [expected, bytes] of Object.entries(cases)) {
      const location = await startUpload(admin, bytes.length, video("film.bin"));
      expect((await patch(admin, location, 0, bytes)).status, expected).toBe(204);
      expect((await uploadRow(uploadIdOf(location)))?.detected_type).toBe(expected);
    }
  });
});

describe("sizes and offsets", () => {
  it("refuses an upload larger than the maximum, or empty, before a byte is sent", async () => {
    await expectError(await createUpload(admin, 10 ** 15, video()), 413, "upload_too_large");
    await expectError(await createUpload(admin, 0, video()), 400, "empty_upload");
    await expectError(
      await createUpload(admin, 3 * MIB, { kind: "subtitles", filename: "en.vtt", language: "en" }),
      413,
      "upload_too_large",
    );
    await expectError(
      await createUpload(admin, 1000, video(), { "upload-length": "lots" }),
      400,
      "validation_failed",
    );
  });

  it("refuses bad offsets and bodies longer than the upload", async () => {
    const bytes = fakeVideo(1000);
    const location = await startUpload(admin, bytes.length, video());
    await expectError(await patch(admin, location, 5, bytes), 409, "offset_mismatch");
    for (const offset of ["-1", "ten", "1.5", ""]) {
      await expectError(
        await patch(admin, location, 0, bytes, { "upload-offset": offset }),
        400,
        "validation_failed",
      );
    }
    await expectError(
      await patch(admin, location, 0, fakeVideo(1001)),
      413,
      "exceeds_upload_length",
    );
    expect(await offsetOf(admin, location)).toBe(0);
    await expectError(
      await patch(admin, `${UPLOADS}/${crypto.randomUUID()}`, 0, bytes),
      404,
      "not_found",
    );
  });

  it("keeps a truncated upload incomplete: no complete row, and its job waits for the rest", async () => {
    const bytes = fakeVideo(3 * MIB);
    const location = await startUpload(admin, bytes.length, video());
    expect((await patch(admin, location, 0, bytes.subarray(0, 2 * MIB + 100))).status).toBe(204);
    expect(await offsetOf(admin, location)).toBe(2 * MIB + 100);
    expect(await uploadRow(uploadIdOf(location))).toMatchObject({
      state: "uploading",
      completed_at: null,
    });
    // The whole parts are stored; the last 100 bytes wait in the session for the rest.
    expect((await sourceParts(uploadIdOf(location))).map((part) => part.size)).toEqual([MIB, MIB]);
    const jobs = await jobsOfUpload(location);
    expect(jobs).toHaveLength(1);
    await runOpened(jobs[0]!.id);
    // Its index is not at the front, so nothing can be probed before the last byte.
    await new Promise((wait) => setTimeout(wait, 500));
    expect(await jobRow(jobs[0]!.id)).toMatchObject({ state: "queued", stage: "uploading" });
    expect((await boardOf(jobs[0]!.id).grid()).probe).toMatchObject({ state: "waiting" });
  });
});

describe("the protocol", () => {
  it("speaks only tus 1.0.0 and takes only offset streams", async () => {
    const old = await createUpload(admin, 10, video(), { "tus-resumable": "0.2.2" });
    await expectError(old, 412, "unsupported_tus_version");
    expect(old.headers.get("tus-version")).toBe("1.0.0");
    expect(old.headers.get("tus-resumable")).toBe("1.0.0");
    const none = await ingest(UPLOADS, {
      method: "POST",
      caller: admin,
      headers: { "upload-length": "10" },
    });
    await expectError(none, 412, "unsupported_tus_version");

    const location = await startUpload(admin, 10, video());
    await expectError(
      await patch(admin, location, 0, fakeVideo(10), { "tus-resumable": "2.0.0" }),
      412,
    );
    const json = await patch(admin, location, 0, fakeVideo(10), {
      "content-type": "application/json",
    });
    expect(json.headers.get("tus-resumable")).toBe("1.0.0");
    await expectError(json, 415, "unsupported_media_type");
    expect(await offsetOf(admin, location)).toBe(0);
  });

  it("validates the metadata against the catalog", async () => {
    const { titleId: seriesId, episodeId } = await series();
    const video = await startUpload(admin, 1000, { filename: "a.mp4", titleId: movieId });
    const subtitleId = await uploadSubtitles(admin, VTT, { language: "en" });
    const cases: Record<string, string>[] = [
      { titleId: movieId },
      { filename: "a.mp4" },
      { filename: " ", titleId: movieId },
      { filename: "a.mp4", titleId: crypto.randomUUID() },
      { filename: "a.mp4", titleId: seriesId },
      { filename: "a.mp4", episodeId: crypto.randomUUID() },
      { filename: "a.mp4", titleId: movieId, episodeId },
      { filename: "a.mp4", titleId: "not-an-id" },
      { filename: "a.mp4", titleId: movieId, kind: "podcast" },
      { filename: "a.mp4", titleId: movieId, subtitles: crypto.randomUUID() },
      { filename: "a.mp4", titleId: movieId, subtitles: uploadIdOf(video) },
      { filename: "a.mp4", titleId: movieId, subtitles: `${subtitleId},${subtitleId}` },
      { filename: "en.vtt", kind: "subtitles" },
      { filename: "en.vtt", kind: "subtitles", language: "English" },
    ];
    for (const metadata of cases) {
      const response = await createUpload(admin, 1000, metadata);
      expect(response.status, JSON.stringify(metadata)).toBe(400);
      expect(await response.json(), JSON.stringify(metadata)).toMatchObject({
        error: { code: "validation_failed" },
      });
    }
    await expectError(
      await createUpload(admin, 1000, {}, { "upload-metadata": "filename not-base64!" }),
      400,
      "validation_failed",
    );
  });

  it("attaches an episode's video to the episode", async () => {
    const { episodeId } = await series();
    const location = await startUpload(admin, 1000, { filename: "pilot.mp4", episodeId });
    expect(await jobsOfUpload(location)).toEqual([
      expect.objectContaining({ title_id: null, episode_id: episodeId, stage: "uploading" }),
    ]);
  });
});

describe("subtitles uploaded alongside", () => {
  it("uploads WebVTT and SubRip, refuses what is not subtitles, and hands them to the video's job", async () => {
    const french = await startUpload(admin, VTT.length, {
      kind: "subtitles",
      filename: "french.vtt",
      language: "fr",
      label: "Français",
    });
    const srt = new TextEncoder().encode("1\n00:00:01,000 --> 00:00:04,000\nHallo.\n");
    const german = await startUpload(admin, srt.length, {
      kind: "subtitles",
      filename: "german.srt",
      language: "de",
    });
    // Not complete yet, so not attachable.
    await expectError(
      await createUpload(admin, 1000, { ...video(), subtitles: uploadIdOf(french) }),
      400,
      "validation_failed",
    );
    expect((await patch(admin, french, 0, VTT)).status).toBe(204);
    expect((await patch(admin, german, 0, srt)).status).toBe(204);
    expect(await uploadRow(uploadIdOf(french))).toMatchObject({
      state: "complete",
      detected_type: "webvtt",
    });
    expect((await uploadRow(uploadIdOf(german)))?.detected_type).toBe("srt");
    // A subtitles upload makes no job of its own.
    expect(await jobsOfUpload(french)).toEqual([]);

    const bytes = fakeVideo(2000);
    const ids = [uploadIdOf(french), uploadIdOf(german)];
    const location = await startUpload(admin, bytes.length, {
      ...video(),
      subtitles: ids.join(","),
    });
    expect((await patch(admin, location, 0, bytes)).status).toBe(204);
    const upload = await env.DB.prepare("select subtitle_upload_ids from uploads where id = ?")
      .bind(uploadIdOf(location))
      .first<{ subtitle_upload_ids: string }>();
    expect(JSON.parse(upload!.subtitle_upload_ids)).toEqual(ids);
    // The probe is told about them, in menu order, to fetch them by index.
    const probe = await assignment((await jobOfUpload(location))!.id, "probe");
    expect(probe.spec).toMatchObject({
      kind: "probe",
      subtitles: [
        { index: 0, language: "fr", label: "Français" },
        { index: 1, language: "de", label: "de" },
      ],
    });

    const notSubtitles = await startUpload(admin, 600, {
      kind: "subtitles",
      filename: "en.vtt",
      language: "en",
    });
    await expectError(
      await patch(admin, notSubtitles, 0, fakeVideo(600)),
      415,
      "unsupported_file_type",
    );
  });
});
