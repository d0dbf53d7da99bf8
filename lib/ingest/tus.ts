/**
 * The tus 1.0 protocol's header formats (https://tus.io/protocols/resumable-upload):
 * the version handshake, `Upload-Metadata` (comma-separated `key base64value`
 * pairs) and `Upload-Checksum` (`algorithm base64digest`). Pure functions,
 * shared by the ingest Worker and its tests.
 */
import { fromBase64Url, toBase64Url, utf8 } from "../crypto/bytes.ts";

export const TUS_VERSION = "1.0.0";
export const TUS_EXTENSIONS = ["creation", "termination", "checksum", "expiration"];
/** Content type of a PATCH body. */
export const OFFSET_OCTET_STREAM = "application/offset+octet-stream";

/** The checksum algorithms we accept, by their tus names, with their WebCrypto names. */
export const CHECKSUM_ALGORITHMS = { sha1: "SHA-1", sha256: "SHA-256", md5: "MD5" } as const;
export type ChecksumAlgorithm = keyof typeof CHECKSUM_ALGORITHMS;

const METADATA_KEY = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Standard base64 (tus uses it, not base64url) to bytes; null when malformed. */
function decodeBase64(value: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 === 1) return null;
  try {
    return fromBase64Url(value.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, ""));
  } catch {
    return null;
  }
}

const toBase64 = (bytes: Uint8Array) =>
  toBase64Url(bytes).replaceAll("-", "+").replaceAll("_", "/") +
  "=".repeat((4 - (toBase64Url(bytes).length % 4)) % 4);

/**
 * Parses `Upload-Metadata`. Returns null when the header is malformed
 * (a bad key, bad base64, a duplicate key or a value that is not UTF-8).
 *
 * @example
 * parseUploadMetadata("filename bW92aWUubXA0,kind dmlkZW8=") // { filename: "movie.mp4", kind: "video" }
 */
export function parseUploadMetadata(header: string | undefined): Record<string, string> | null {
  const metadata: Record<string, string> = {};
  if (!header?.trim()) return metadata;
  for (const pair of header.split(",")) {
    const [key, value = "", ...rest] = pair.trim().split(" ");
    if (!key || !METADATA_KEY.test(key) || rest.length > 0 || key in metadata) return null;
    const bytes = decodeBase64(value);
    if (!bytes) return null;
    try {
      metadata[key] = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      return null;
    }
  }
  return metadata;
}

export function formatUploadMetadata(metadata: Record<string, string>): string {
  return Object.entries(metadata)
    .map(([key, value]) => `${key} ${toBase64(utf8(value))}`)
    .join(",");
}

export interface UploadChecksum {
  algorithm: ChecksumAlgorithm;
  digest: Uint8Array;
}

/**
 * Parses `Upload-Checksum`: null when absent, "unsupported" for an algorithm
 * we do not offer, "malformed" otherwise wrong.
 */
export function parseUploadChecksum(
  header: string | undefined,
): UploadChecksum | null | "unsupported" | "malformed" {
  if (header === undefined) return null;
  const [algorithm, encoded, ...rest] = header.trim().split(" ");
  if (!algorithm || !encoded || rest.length > 0) return "malformed";
  if (!(algorithm in CHECKSUM_ALGORITHMS)) return "unsupported";
  const digest = decodeBase64(encoded);
  return digest ? { algorithm: algorithm as ChecksumAlgorithm, digest } : "malformed";
}

export function formatUploadChecksum(algorithm: ChecksumAlgorithm, digest: Uint8Array): string {
  return `${algorithm} ${toBase64(digest)}`;
}
