/**
 * A tus client for the tests, speaking to the real Workers: the api Worker
 * forwards to the ingest Worker, which streams into an upload session (a
 * Durable Object) and R2. Also: files that look like what they claim to be
 * (a video container, WebVTT) and a movie to attach uploads to.
 */
import { expect } from "vitest";
import { formatUploadMetadata } from "../../../lib/ingest/tus.ts";
import { env, request } from "./helpers.ts";

export const TUS = { "tus-resumable": "1.0.0" };
export const UPLOADS = "/api/ingest/uploads";
export const MIB = 1024 * 1024;

/** Bytes that open like an MP4 (an ftyp box), then `length` bytes in total of a pattern unique to this file. */
export function fakeVideo(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes.subarray(0, Math.min(length, 65536)));
  for (let i = 65536; i < length; i++) bytes[i] = bytes[i % 65536]! ^ (i >> 16);
  const ftyp = [0, 0, 0, 24, ...new TextEncoder().encode("ftypisom"), 0, 0, 2, 0];
  bytes.set(ftyp.slice(0, Math.min(length, ftyp.length)));
  return bytes;
}

export const VTT = new TextEncoder().encode(
  "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHello there.\n",
);

export async function sha256Hex(bytes: Uint8Array | ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** A movie in the catalog (unpublished: admins upload before they publish). */
export async function createMovie(adminToken: string): Promise<string> {
  const response = await request("/api/admin/catalog/titles", {
    token: adminToken,
    body: {
      slug: `upload-${crypto.randomUUID().slice(0, 8)}`,
      type: "movie",
      name: "The Upload Test",
      synopsis: "A film that exists to be uploaded.",
      year: 2026,
      releasedOn: "2026-11-01",
      runtimeMinutes: 90,
      rating: "PG",
      languages: ["en"],
      genres: ["drama"],
      credits: [],
    },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

export function createUpload(
  token: string,
  length: number,
  metadata: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return request(UPLOADS, {
    method: "POST",
    token,
    headers: {
      ...TUS,
      "upload-length": String(length),
      "upload-metadata": formatUploadMetadata(metadata),
      ...headers,
    },
  });
}

/** Creates an upload and returns its URL path. */
export async function startUpload(
  token: string,
  length: number,
  metadata: Record<string, string>,
): Promise<string> {
  const response = await createUpload(token, length, metadata);
  expect(response.status).toBe(201);
  return response.headers.get("location")!;
}

export function patch(
  token: string,
  location: string,
  offset: number,
  body: Uint8Array | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
) {
  return request(location, {
    method: "PATCH",
    token,
    body,
    headers: {
      ...TUS,
      "content-type": "application/offset+octet-stream",
      "upload-offset": String(offset),
      ...headers,
    },
  });
}

export async function offsetOf(token: string, location: string): Promise<number | null> {
  const response = await request(location, { method: "HEAD", token, headers: TUS });
  if (response.status === 404) return null;
  expect(response.status).toBe(200);
  return Number(response.headers.get("upload-offset"));
}

/** Sends `bytes` in chunks of `chunkSize`, each starting where the last ended. */
export async function uploadAll(
  token: string,
  location: string,
  bytes: Uint8Array,
  chunkSize: number,
  from = 0,
) {
  for (let offset = from; offset < bytes.length; offset += chunkSize) {
    const response = await patch(
      token,
      location,
      offset,
      bytes.subarray(offset, offset + chunkSize),
    );
    expect(response.status).toBe(204);
    expect(Number(response.headers.get("upload-offset"))).toBe(
      Math.min(bytes.length, offset + chunkSize),
    );
  }
}

export const uploadIdOf = (location: string) => location.split("/").pop()!;

/** The stored source of a completed upload, from R2. */
export async function storedSource(location: string) {
  const object = await env.MEDIA.get(`sources/${uploadIdOf(location)}`);
  return object ? new Uint8Array(await object.arrayBuffer()) : null;
}

export async function jobsOfUpload(location: string) {
  const { results } = await env.DB.prepare(
    "select id, state, asset_id, title_id, episode_id from ingest_jobs where upload_id = ?",
  )
    .bind(uploadIdOf(location))
    .all<{ id: string; state: string; asset_id: string; title_id: string | null }>();
  return results;
}
