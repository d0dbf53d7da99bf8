/**
 * Byte helpers shared by Workers and Node tooling: encodings, random tokens,
 * digests and a constant-time comparison. Only WebCrypto is used, so the same
 * code runs in workerd and in Node 22.
 */

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  // encode() always allocates a fresh ArrayBuffer; the runtime types just don't say so.
  return encoder.encode(text) as Uint8Array<ArrayBuffer>;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replaceAll("-", "+").replaceAll("_", "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

/**
 * An unguessable opaque token (refresh tokens, reset tokens): 256 bits of
 * randomness, base64url encoded.
 */
export function randomToken(): string {
  return toBase64Url(randomBytes(32));
}

export async function sha256(
  data: string | Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const input = typeof data === "string" ? utf8(data) : data;
  return new Uint8Array(await crypto.subtle.digest("SHA-256", input));
}

/**
 * Opaque tokens are stored only as their SHA-256 digest: they carry 256 bits
 * of entropy, so a fast hash is enough, and a leaked table reveals nothing
 * usable.
 */
export async function hashToken(token: string): Promise<string> {
  return toHex(await sha256(token));
}

/**
 * Compares two byte strings in time that depends only on their lengths, so a
 * caller cannot learn how many leading bytes matched.
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}
