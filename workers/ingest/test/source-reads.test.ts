/**
 * Reading a master while it uploads: a fast-start MP4 (index first) is
 * probed as soon as its first part is stored, and a transcoder's read of
 * bytes still on their way waits for them, then gets exactly what was
 * uploaded; an MP4 whose index is at the end is probed only once complete;
 * ranges, an unsatisfiable range, and a read that gives up when the upload
 * stalls.
 */
import { describe, expect, it } from "vitest";
import {
  assignment,
  assignments,
  caller,
  expectError,
  fastStartVideo,
  jobOfUpload,
  MIB,
  movie,
  patch,
  startUpload,
  transcoder,
} from "./helpers.ts";

/** An MP4 whose media comes first and index last (no fast start): ftyp, mdat, moov. */
function indexAtEndVideo(length: number): Uint8Array<ArrayBuffer> {
  const bytes = fastStartVideo(length);
  bytes.set([0, 0, 0x0f, 0xe8, ...new TextEncoder().encode("mdat")], 24);
  return bytes;
}

async function uploading(bytes: Uint8Array) {
  const admin = await caller("content_admin");
  const location = await startUpload(admin, bytes.length, {
    filename: "film.mp4",
    titleId: await movie(),
  });
  return { admin, location };
}

const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());

describe("a master still uploading", () => {
  it("is probed after its first part, and a read of bytes on their way waits for them", async () => {
    const bytes = fastStartVideo(3 * MIB + 123);
    const { admin, location } = await uploading(bytes);
    expect((await patch(admin, location, 0, bytes.subarray(0, MIB + 10))).status).toBe(204);
    const job = (await jobOfUpload(location))!;
    const probe = await assignment(job.id, "probe");
    expect(probe.spec).toMatchObject({ kind: "probe", availableBytes: MIB });

    const whole = transcoder.source(probe);
    const tail = transcoder.source(probe, `bytes=${3 * MIB}-`);
    // The rest arrives after the reads began.
    await new Promise((wait) => setTimeout(wait, 300));
    expect((await patch(admin, location, MIB + 10, bytes.subarray(MIB + 10))).status).toBe(204);

    const wholeResponse = await whole;
    expect(wholeResponse.status).toBe(200);
    expect(wholeResponse.headers.get("content-length")).toBe(String(bytes.length));
    expect(await bytesOf(wholeResponse)).toEqual(bytes);
    const tailResponse = await tail;
    expect(tailResponse.status).toBe(206);
    expect(tailResponse.headers.get("content-range")).toBe(
      `bytes ${3 * MIB}-${bytes.length - 1}/${bytes.length}`,
    );
    expect(await bytesOf(tailResponse)).toEqual(bytes.subarray(3 * MIB));
  });

  it("with its index at the end is probed only once complete", async () => {
    const bytes = indexAtEndVideo(2 * MIB + 5);
    const { admin, location } = await uploading(bytes);
    expect((await patch(admin, location, 0, bytes.subarray(0, MIB + 1))).status).toBe(204);
    const job = (await jobOfUpload(location))!;
    await new Promise((wait) => setTimeout(wait, 1000));
    expect((await assignments()).filter((a) => a.jobId === job.id)).toEqual([]);
    expect((await patch(admin, location, MIB + 1, bytes.subarray(MIB + 1))).status).toBe(204);
    const probe = await assignment(job.id, "probe");
    expect(probe.spec).toMatchObject({ kind: "probe", availableBytes: bytes.length });
  });

  it("answers a read that cannot be served, and gives up when the upload stalls", async () => {
    const bytes = fastStartVideo(2 * MIB);
    const { admin, location } = await uploading(bytes);
    expect((await patch(admin, location, 0, bytes.subarray(0, MIB))).status).toBe(204);
    const job = (await jobOfUpload(location))!;
    const probe = await assignment(job.id, "probe");
    await expectError(
      await transcoder.source(probe, `bytes=${2 * MIB}-`),
      416,
      "range_not_satisfiable",
    );
    const partial = await transcoder.source(probe, `bytes=0-${MIB + 99}`);
    expect(partial.status).toBe(206);
    // UPLOAD_STALL_SECONDS is 2 in tests: nothing more arrives, so the stream breaks off.
    await expect(partial.arrayBuffer()).rejects.toThrow();
  });
});
