/**
 * Webhook signatures, for every webhook the platform sends (ingest events,
 * QoE alerts): HMAC-SHA256 over `<timestamp>.<body>` with the endpoint's
 * secret, sent as `Marquee-Signature: t=<unix seconds>,v1=<hex>`.
 * Signing the timestamp with the body lets a receiver refuse replays of an
 * old delivery (check that t is recent) as well as forgeries.
 */
import { timingSafeEqual, toHex, utf8 } from "../crypto/bytes.ts";

export const SIGNATURE_HEADER = "Marquee-Signature";
/** How old a delivery a receiver should accept, by default. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

async function hmac(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    utf8(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return toHex(new Uint8Array(await crypto.subtle.sign("HMAC", key, utf8(message))));
}

/**
 * The Marquee-Signature header for a body sent at `timestamp`.
 *
 * @example
 * await signWebhook("whsec_…", 1700000000, '{"type":"asset.ready"}') // "t=1700000000,v1=5f…"
 */
export async function signWebhook(secret: string, timestamp: number, body: string) {
  return `t=${timestamp},v1=${await hmac(secret, `${timestamp}.${body}`)}`;
}

/** What a receiver runs: true when the header is ours for this body and recent enough. */
export async function verifyWebhook(
  header: string | null,
  secret: string,
  body: string,
  { now = Date.now(), toleranceSeconds = DEFAULT_TOLERANCE_SECONDS } = {},
): Promise<boolean> {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? "");
  if (!match) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = await hmac(secret, `${timestamp}.${body}`);
  return timingSafeEqual(utf8(expected), utf8(match[2]!));
}
