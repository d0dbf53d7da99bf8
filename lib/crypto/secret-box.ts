/**
 * Authenticated encryption (AES-256-GCM) for small secrets kept in D1, such as
 * TOTP seeds: a copy of the database alone does not reveal them. The key is a
 * Worker secret; the stored form is `v1.<iv>.<ciphertext>` in base64url.
 */
import { fromBase64Url, randomBytes, toBase64Url, utf8 } from "./bytes.ts";

const VERSION = "v1";

async function importKey(base64UrlKey: string): Promise<CryptoKey> {
  const raw = fromBase64Url(base64UrlKey);
  if (raw.length !== 32) throw new Error("secret-box key must be 32 bytes (base64url)");
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

export async function seal(plaintext: string, base64UrlKey: string): Promise<string> {
  const iv = randomBytes(12);
  const key = await importKey(base64UrlKey);
  const ciphertext = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, utf8(plaintext));
  return [VERSION, toBase64Url(iv), toBase64Url(new Uint8Array(ciphertext))].join(".");
}

export async function open(sealed: string, base64UrlKey: string): Promise<string> {
  const [version, iv, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !ciphertext) throw new Error("unrecognised sealed value");
  const key = await importKey(base64UrlKey);
  const plaintext = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: fromBase64Url(iv) },
    key,
    fromBase64Url(ciphertext),
  );
  return new TextDecoder().decode(plaintext);
}
