/**
 * Stable identifiers for demo rows: slugs from names, and UUIDs derived from
 * a label (sha256 of it), so re-running the seed targets the same rows and
 * INSERT OR IGNORE keeps it idempotent. The UUIDs are shaped as version 4
 * (random) with the RFC 9562 variant, so strict validators accept them.
 */
import { createHash } from "node:crypto";

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** A version-4-shaped UUID that is a pure function of `label`. */
export function uuidFrom(label: string): string {
  const hex = sha256Hex(`marquee-demo:${label}`).slice(0, 32).split("");
  hex[12] = "4";
  // The variant: the top two bits of the 17th digit are 10, so it is one of 8, 9, a, b.
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/**
 * A URL slug: accents folded ("Café Lumière" → "cafe-lumiere"), apostrophes
 * dropped ("Amélie's" → "amelies"), anything else non-alphanumeric a hyphen.
 */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
