/**
 * Artwork uploads: what we accept and where it goes.
 *
 * The type is read from the bytes, never trusted from the request: PNG,
 * JPEG, WebP, or SVG. SVG is text that could carry script, so an SVG is
 * refused if it has a script, event handlers, foreignObject or any
 * reference outside itself; and every artwork is served under a CSP that
 * runs nothing (routes/artwork.ts).
 *
 * Keys are content-addressed (`artwork/<sha256>.<ext>`): the same bytes
 * always land on the same key, a new image always gets a new URL, so
 * artwork can be cached forever.
 */
import { sha256, toHex } from "../../../../lib/crypto/bytes.ts";
import { isSafeSvg } from "../../../../lib/catalog/svg-safety.ts";
import { ApiError } from "../../../../lib/http/api-error.ts";

export const ARTWORK_MAX_BYTES = 5 * 1024 * 1024;

const TYPES = {
  png: "image/png",
  jpg: "image/jpeg",
  webp: "image/webp",
  svg: "image/svg+xml",
} as const;
export type ArtworkExtension = keyof typeof TYPES;
export const ARTWORK_CONTENT_TYPES = Object.values(TYPES);

const startsWith = (bytes: Uint8Array, prefix: number[], offset = 0) =>
  prefix.every((byte, i) => bytes[offset + i] === byte);

function sniff(bytes: Uint8Array): ArtworkExtension | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpg";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return "webp";
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(head)) return "svg";
  return null;
}

export interface CheckedArtwork {
  key: string;
  contentType: (typeof TYPES)[ArtworkExtension];
}

export async function checkArtwork(bytes: Uint8Array<ArrayBuffer>): Promise<CheckedArtwork> {
  if (bytes.length === 0) throw new ApiError(400, "empty_artwork", "The image is empty.");
  if (bytes.length > ARTWORK_MAX_BYTES)
    throw new ApiError(413, "payload_too_large", "Artwork is limited to 5 MB.");
  const extension = sniff(bytes);
  if (!extension)
    throw new ApiError(
      415,
      "unsupported_media_type",
      "Artwork must be a PNG, JPEG, WebP or SVG image.",
    );
  if (extension === "svg") {
    const text = new TextDecoder().decode(bytes);
    if (!isSafeSvg(text))
      throw new ApiError(
        400,
        "unsafe_svg",
        "SVG artwork may not contain scripts, event handlers or external references.",
      );
  }
  return {
    key: `artwork/${toHex(await sha256(bytes))}.${extension}`,
    contentType: TYPES[extension],
  };
}
