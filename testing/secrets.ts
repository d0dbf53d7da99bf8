/** Fresh secrets for a test run: the same shapes `wrangler secret put` stores in production. */
import { generateSigningKey } from "../lib/auth/signed-token.ts";
import { randomBytes, toBase64Url } from "../lib/crypto/bytes.ts";

export async function testSecrets() {
  return {
    JWT_SIGNING_KEYS: JSON.stringify([await generateSigningKey("test-key-1")]),
    MFA_ENCRYPTION_KEY: toBase64Url(randomBytes(32)),
    WEBHOOK_SECRET_KEY: toBase64Url(randomBytes(32)),
    METRICS_TOKEN: toBase64Url(randomBytes(32)),
    ALERT_WEBHOOK_SECRET: toBase64Url(randomBytes(32)),
  };
}
