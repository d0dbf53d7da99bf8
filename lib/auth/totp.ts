/**
 * Time-based one-time passwords (RFC 6238, on HOTP from RFC 4226), as used by
 * authenticator apps: HMAC over the 30-second time step, dynamically
 * truncated to 6 digits. Secrets travel as RFC 4648 base32 in an otpauth URI.
 */
import { randomBytes, timingSafeEqual, utf8 } from "../crypto/bytes.ts";

export type TotpAlgorithm = "SHA-1" | "SHA-256" | "SHA-512";

export interface TotpOptions {
  algorithm?: TotpAlgorithm;
  digits?: number;
  /** Seconds per time step. */
  period?: number;
}

const BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let output = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return output;
}

export function base32Decode(text: string): Uint8Array<ArrayBuffer> {
  const clean = text.toUpperCase().replace(/=+$/, "").replace(/\s/g, "");
  const output: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32_ALPHABET.indexOf(char);
    if (index === -1) throw new Error(`invalid base32 character: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      output.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return new Uint8Array(output);
}

/** A new 160-bit secret (RFC 4226's recommended length), base32 encoded. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The HOTP value of one counter (RFC 4226 section 5.3). */
export async function hotp(
  secret: Uint8Array<ArrayBuffer>,
  counter: number,
  { algorithm = "SHA-1", digits = 6 }: TotpOptions = {},
): Promise<string> {
  const message = new Uint8Array(8);
  new DataView(message.buffer).setBigUint64(0, BigInt(counter));
  const key = await crypto.subtle.importKey(
    "raw",
    secret,
    { name: "HMAC", hash: algorithm },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, message));
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary =
    ((mac[offset]! & 0x7f) << 24) |
    (mac[offset + 1]! << 16) |
    (mac[offset + 2]! << 8) |
    mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

export function timeStep(unixSeconds: number, period = 30): number {
  return Math.floor(unixSeconds / period);
}

/** The TOTP value at a Unix time (RFC 6238 section 4). */
export function totp(
  secret: Uint8Array<ArrayBuffer>,
  unixSeconds: number,
  options: TotpOptions = {},
): Promise<string> {
  return hotp(secret, timeStep(unixSeconds, options.period), options);
}

/**
 * Checks a code against the current step and one step either side (clock
 * drift of up to 30 s), skipping steps at or before `afterStep` so a code
 * cannot be replayed. Returns the matching step, or null.
 */
export async function verifyTotp(
  secretBase32: string,
  code: string,
  unixSeconds: number,
  { afterStep = -1, window = 1 }: { afterStep?: number; window?: number } = {},
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const secret = base32Decode(secretBase32);
  const current = timeStep(unixSeconds);
  let matched: number | null = null;
  // Every candidate is computed and compared, so timing does not reveal which one matched.
  for (let step = current - window; step <= current + window; step++) {
    const expected = await hotp(secret, step);
    if (timingSafeEqual(utf8(expected), utf8(code)) && step > afterStep) matched = step;
  }
  return matched;
}

/** The `otpauth://` URI an authenticator app reads from a QR code. */
export function otpauthUri({
  issuer,
  accountName,
  secret,
}: {
  issuer: string;
  accountName: string;
  secret: string;
}): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName)}`;
  const params = new URLSearchParams({
    secret,
    issuer,
    algorithm: "SHA1",
    digits: "6",
    period: "30",
  });
  return `otpauth://totp/${label}?${params}`;
}
