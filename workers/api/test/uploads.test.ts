/**
 * Resumable uploads (tus 1.0) end to end through the real Workers: the api
 * Worker authenticates and forwards, the ingest Worker speaks tus, the
 * upload session stores bytes in R2 (multipart, 5 MiB parts in tests) and
 * makes the job when the last byte arrives.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { formatUploadChecksum } from "../../../lib/ingest/tus.ts";
import { loadDemoCatalog } from "./demo-catalog.ts";
import { env, expectError, kidsSessionToken, request, staffToken, viewerToken } from "./helpers.ts";
import {
  createMovie,
  createUpload,
  fakeVideo,
  jobsOfUpload,
  MIB,
  offsetOf,
  patch,
  sha256Hex,
  startUpload,
  storedSource,
  TUS,
  uploadAll,
  uploadIdOf,
  UPLOADS,
  VTT,
} from "./uploads.ts";

let admin: string;
let movieId: string;
beforeAll(async () => {
  await loadDemoCatalog();
  admin = (await staffToken("content_admin")).token;
  movieId = await createMovie(admin);
});

const video = (filename = "master.mp4") => ({ filename, titleId: movieId });

/**
 * A request body that delivers `bytes`, in chunks as a network does, and
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

async function digestOf(algorithm: "SHA-1" | "SHA-256", bytes: Uint8Array) {
  return new Uint8Array(await crypto.subtle.digest(algorithm, bytes));
}

describe("discovery", () => {
  it("says what it supports, without a session", async () => {
    const response = await request(UPLOADS, { method: "OPTIONS" });
    expect(response.status).toBe(204);
    expect(response.headers.get("tus-version")).toBe("1.0.0");
    expect(response.headers.get("tus-resumable")).toBe("1.0.0");
    expect(response.headers.get("tus-extension")?.split(",")).toEqual(
      expect.arrayContaining(["creation", "termination", "checksum", "expiration"]),
    );
    expect(response.headers.get("tus-checksum-algorithm")?.split(",")).toContain("sha1");
    expect(Number(response.headers.get("tus-max-size"))).toBeGreaterThan(1024 * MIB);
  });
});

describe("creating, sending and resuming", () => {
  it("uploads in chunks; the stored object is the source byte for byte; one queued job", async () => {
    const bytes = fakeVideo(12 * MIB + 12345);
    const created = await createUpload(admin, bytes.length, video());
    expect(created.status).toBe(201);
    expect(created.headers.get("tus-resumable")).toBe("1.0.0");
    expect(Date.parse(created.headers.get("upload-expires")!)).toBeGreaterThan(Date.now());
    const location = created.headers.get("location")!;
    expect(location).toMatch(/^\/api\/ingest\/uploads\/[0-9a-f-]{36}$/);

    const head = await request(location, { method: "HEAD", token: admin, headers: TUS });
    expect(head.status).toBe(200);
    expect(head.headers.get("upload-offset")).toBe("0");
    expect(head.headers.get("upload-length")).toBe(String(bytes.length));
    expect(head.headers.get("upload-metadata")).toContain("filename ");
    expect(head.headers.get("cache-control")).toBe("no-store");

    await uploadAll(admin, location, bytes, 3 * MIB);
    expect(await sha256Hex((await storedSource(location))!)).toBe(await sha256Hex(bytes));
    const jobs = await jobsOfUpload(location);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ state: "queued", title_id: movieId });
    const upload = await env.DB.prepare("select state, detected_type from uploads where id = ?")
      .bind(uploadIdOf(location))
      .first();
    expect(upload).toEqual({ state: "complete", detected_type: "mp4" });
  });

  it("sends a whole file in one request", async () => {
    const bytes = fakeVideo(11 * MIB);
    const location = await startUpload(admin, bytes.length, video());
    const response = await patch(admin, location, 0, bytes);
    expect(response.status).toBe(204);
    expect(response.headers.get("upload-offset")).toBe(String(bytes.length));
    expect(await sha256Hex((await storedSource(location))!)).toBe(await sha256Hex(bytes));
  });

  it("keeps what arrived when connections drop at random offsets, and resumes from there", async () => {
    const bytes = fakeVideo(14 * MIB + 777);
    const location = await startUpload(admin, bytes.length, video());
    let offset = 0;
    // Drops inside the first part, across part boundaries and near the end.
    for (const stop of [1 * MIB + 3, 6 * MIB + 11, 6 * MIB + 12, 11 * MIB, 14 * MIB]) {
      const sent = patch(admin, location, offset, droppedAfter(bytes.subarray(offset, stop)));
      await sent.then(
        (response) => response.body?.cancel(),
        () => {},
      );
      const stored = await offsetOf(admin, location);
      // Nothing is lost that arrived; nothing is claimed that did not.
      expect(stored).toBe(stop);
      offset = stored!;
    }
    await uploadAll(admin, location, bytes, 4 * MIB, offset);
    expect(await sha256Hex((await storedSource(location))!)).toBe(await sha256Hex(bytes));
    expect(await jobsOfUpload(location)).toHaveLength(1);
  });

  it("never stores a repeated chunk twice: a stale offset is a 409 and changes nothing", async () => {
    const bytes = fakeVideo(7 * MIB);
    const location = await startUpload(admin, bytes.length, video());
    expect((await patch(admin, location, 0, bytes.subarray(0, 2 * MIB))).status).toBe(204);
    const repeated = await patch(admin, location, 0, bytes.subarray(0, 2 * MIB));
    await expectError(repeated, 409, "offset_mismatch");
    expect(await offsetOf(admin, location)).toBe(2 * MIB);
    await uploadAll(admin, location, bytes, 2 * MIB, 2 * MIB);
    expect(await sha256Hex((await storedSource(location))!)).toBe(await sha256Hex(bytes));
  });

  it("answers a repeated last chunk, once complete, with the final offset and still one job", async () => {
    const bytes = fakeVideo(1 * MIB);
    const location = await startUpload(admin, bytes.length, video());
    expect((await patch(admin, location, 0, bytes)).status).toBe(204);
    const again = await patch(admin, location, bytes.length, new Uint8Array(0));
    expect(again.status).toBe(204);
    expect(again.headers.get("upload-offset")).toBe(String(bytes.length));
    expect(await jobsOfUpload(location)).toHaveLength(1);
  });
});

describe("checksums", () => {
  it("accepts chunks whose Upload-Checksum matches (sha1, sha256)", async () => {
    const bytes = fakeVideo(6 * MIB);
    const location = await startUpload(admin, bytes.length, video());
    const first = bytes.subarray(0, 5 * MIB + 1);
    const second = bytes.subarray(5 * MIB + 1);
    const sha1 = formatUploadChecksum("sha1", await digestOf("SHA-1", first));
    expect((await patch(admin, location, 0, first, { "upload-checksum": sha1 })).status).toBe(204);
    const sha256 = formatUploadChecksum("sha256", await digestOf("SHA-256", second));
    const last = await patch(admin, location, first.length, second, { "upload-checksum": sha256 });
    expect(last.status).toBe(204);
    expect(await sha256Hex((await storedSource(location))!)).toBe(await sha256Hex(bytes));
  });

  it("refuses a chunk that does not match with 460, keeping none of it", async () => {
    const bytes = fakeVideo(7 * MIB);
    const location = await startUpload(admin, bytes.length, video());
    expect((await patch(admin, location, 0, bytes.subarray(0, 1 * MIB))).status).toBe(204);
    // A chunk across a part boundary: the part it filled must not count either.
    const chunk = bytes.subarray(1 * MIB, 6 * MIB);
    const wrong = formatUploadChecksum("sha1", await digestOf("SHA-1", bytes.subarray(0, 10)));
    await expectError(
      await patch(admin, location, 1 * MIB, chunk, { "upload-checksum": wrong }),
      460,
      "checksum_mismatch",
    );
    expect(await offsetOf(admin, location)).toBe(1 * MIB);
    const right = formatUploadChecksum("sha1", await digestOf("SHA-1", chunk));
    expect(
      (await patch(admin, location, 1 * MIB, chunk, { "upload-checksum": right })).status,
    ).toBe(204);
    await uploadAll(admin, location, bytes, 2 * MIB, 6 * MIB);
    expect(await sha256Hex((await storedSource(location))!)).toBe(await sha256Hex(bytes));
  });

  it("keeps nothing of a checksummed chunk whose connection dropped", async () => {
    const bytes = fakeVideo(2 * MIB);
    const location = await startUpload(admin, bytes.length, video());
    const checksum = formatUploadChecksum("sha1", await digestOf("SHA-1", bytes));
    await patch(admin, location, 0, droppedAfter(bytes.subarray(0, MIB)), {
      "upload-checksum": checksum,
    }).then(
      (response) => response.body?.cancel(),
      () => {},
    );
    expect(await offsetOf(admin, location)).toBe(0);
  });

  it("refuses an unknown algorithm or a malformed header with 400", async () => {
    const location = await startUpload(admin, 1000, video());
    const bytes = fakeVideo(1000);
    await expectError(
      await patch(admin, location, 0, bytes, { "upload-checksum": "crc32 AAAA" }),
      400,
      "invalid_checksum",
    );
    await expectError(
      await patch(admin, location, 0, bytes, { "upload-checksum": "sha1" }),
      400,
      "invalid_checksum",
    );
    expect(await offsetOf(admin, location)).toBe(0);
  });
});

describe("termination", () => {
  it("abandons an unfinished upload: it is gone, with its stored bytes", async () => {
    const bytes = fakeVideo(6 * MIB);
    const location = await startUpload(admin, bytes.length, video());
    expect((await patch(admin, location, 0, bytes.subarray(0, 5 * MIB + 5))).status).toBe(204);
    const response = await request(location, { method: "DELETE", token: admin, headers: TUS });
    expect(response.status).toBe(204);
    expect(await offsetOf(admin, location)).toBeNull();
    await expectError(await patch(admin, location, 5 * MIB + 5, bytes.subarray(5 * MIB + 5)), 404);
    const upload = await env.DB.prepare("select state from uploads where id = ?")
      .bind(uploadIdOf(location))
      .first();
    expect(upload).toEqual({ state: "terminated" });
    expect(await storedSource(location)).toBeNull();
  });

  it("refuses to terminate a completed upload (it is a job's source)", async () => {
    const bytes = fakeVideo(1000);
    const location = await startUpload(admin, bytes.length, video());
    expect((await patch(admin, location, 0, bytes)).status).toBe(204);
    await expectError(
      await request(location, { method: "DELETE", token: admin, headers: TUS }),
      409,
      "upload_complete",
    );
  });
});

describe("bad uploads", () => {
  it("lets only content admins upload", async () => {
    const viewer = (await viewerToken()).token;
    await expectError(await createUpload(viewer, 1000, video()), 403, "forbidden");
    const location = await startUpload(admin, 1000, video());
    await expectError(await patch(viewer, location, 0, fakeVideo(1000)), 403, "forbidden");
    const kids = await kidsSessionToken((await viewerToken()).account.accessToken);
    await expectError(await createUpload(kids, 1000, video()), 403, "forbidden");
    await expectError(
      await request(UPLOADS, { method: "POST", headers: { ...TUS, "upload-length": "1" } }),
      401,
      "unauthenticated",
    );
  });

  it("refuses a file that is not a video, from its bytes, whatever its name, and forgets it", async () => {
    const text = new TextEncoder().encode("Just some notes, not a film at all.\n".repeat(40));
    const location = await startUpload(admin, text.length, video("holiday.mp4"));
    await expectError(await patch(admin, location, 0, text), 415, "unsupported_file_type");
    expect(await offsetOf(admin, location)).toBeNull();
    expect(await jobsOfUpload(location)).toHaveLength(0);
  });

  it("checks the type once enough bytes have arrived, even a few at a time", async () => {
    const text = new TextEncoder().encode("x".repeat(4000));
    const location = await startUpload(admin, text.length, video());
    for (let offset = 0; offset < 500; offset += 100) {
      expect(
        (await patch(admin, location, offset, text.subarray(offset, offset + 100))).status,
      ).toBe(204);
    }
    await expectError(await patch(admin, location, 500, text.subarray(500, 600)), 415);
  });

  it("refuses an upload larger than the maximum, or empty, before a byte is sent", async () => {
    await expectError(await createUpload(admin, 10 ** 15, video()), 413, "upload_too_large");
    await expectError(await createUpload(admin, 0, video()), 400, "empty_upload");
    await expectError(
      await createUpload(admin, 3 * MIB, { kind: "subtitles", filename: "en.vtt", language: "en" }),
      413,
      "upload_too_large",
    );
  });

  it("refuses bad offsets and bodies longer than the upload", async () => {
    const bytes = fakeVideo(1000);
    const location = await startUpload(admin, bytes.length, video());
    await expectError(await patch(admin, location, 5, bytes), 409, "offset_mismatch");
    await expectError(
      await patch(admin, location, 0, bytes, { "upload-offset": "-1" }),
      400,
      "validation_failed",
    );
    await expectError(
      await patch(admin, location, 0, bytes, { "upload-offset": "ten" }),
      400,
      "validation_failed",
    );
    await expectError(
      await patch(admin, location, 0, fakeVideo(1001)),
      413,
      "exceeds_upload_length",
    );
    expect(await offsetOf(admin, location)).toBe(0);
  });

  it("keeps a truncated upload incomplete: no source, no job", async () => {
    const bytes = fakeVideo(3 * MIB);
    const location = await startUpload(admin, bytes.length, video());
    expect((await patch(admin, location, 0, bytes.subarray(0, 2 * MIB))).status).toBe(204);
    expect(await offsetOf(admin, location)).toBe(2 * MIB);
    expect(await storedSource(location)).toBeNull();
    expect(await jobsOfUpload(location)).toHaveLength(0);
  });

  it("speaks only tus 1.0.0 and takes only offset streams", async () => {
    const response = await request(UPLOADS, {
      method: "POST",
      token: admin,
      headers: { "tus-resumable": "0.2.2", "upload-length": "10" },
    });
    await expectError(response, 412, "unsupported_tus_version");
    expect(response.headers.get("tus-version")).toBe("1.0.0");
    const location = await startUpload(admin, 10, video());
    await expectError(
      await patch(admin, location, 0, fakeVideo(10), { "content-type": "application/json" }),
      415,
      "unsupported_media_type",
    );
  });

  it("validates the metadata against the catalog", async () => {
    const series = await env.DB.prepare(
      "select id from titles where type = 'series' limit 1",
    ).first<{
      id: string;
    }>();
    const cases: Record<string, string>[] = [
      { titleId: movieId },
      { filename: "a.mp4" },
      { filename: "a.mp4", titleId: crypto.randomUUID() },
      { filename: "a.mp4", titleId: series!.id },
      { filename: "a.mp4", titleId: movieId, episodeId: crypto.randomUUID() },
      { filename: "a.mp4", titleId: "not-an-id" },
      { filename: "a.mp4", titleId: movieId, kind: "podcast" },
      { filename: "a.mp4", titleId: movieId, subtitles: crypto.randomUUID() },
      { filename: "en.vtt", kind: "subtitles" },
      { filename: "en.vtt", kind: "subtitles", language: "English" },
    ];
    for (const metadata of cases) {
      await expectError(await createUpload(admin, 1000, metadata), 400, "validation_failed");
    }
    await expectError(
      await createUpload(admin, 1000, {}, { "upload-metadata": "filename not-base64!" }),
      400,
      "validation_failed",
    );
  });
});

describe("subtitles uploaded alongside", () => {
  it("uploads WebVTT, refuses what is not subtitles, and attaches them to a video", async () => {
    const subtitles = await startUpload(admin, VTT.length, {
      kind: "subtitles",
      filename: "french.vtt",
      language: "fr",
      label: "Français",
    });
    const unfinished = await startUpload(admin, VTT.length, {
      kind: "subtitles",
      filename: "german.vtt",
      language: "de",
    });
    // Not complete yet, so not attachable.
    await expectError(
      await createUpload(admin, 1000, {
        ...video(),
        subtitles: unfinished.split("/").pop()!,
      }),
      400,
      "validation_failed",
    );
    expect((await patch(admin, subtitles, 0, VTT)).status).toBe(204);
    // A subtitles upload makes no job of its own.
    expect(await jobsOfUpload(subtitles)).toHaveLength(0);

    const bytes = fakeVideo(2000);
    const location = await startUpload(admin, bytes.length, {
      ...video(),
      subtitles: uploadIdOf(subtitles),
    });
    expect((await patch(admin, location, 0, bytes)).status).toBe(204);
    const upload = await env.DB.prepare("select subtitle_upload_ids from uploads where id = ?")
      .bind(uploadIdOf(location))
      .first<{ subtitle_upload_ids: string }>();
    expect(JSON.parse(upload!.subtitle_upload_ids)).toEqual([uploadIdOf(subtitles)]);

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
