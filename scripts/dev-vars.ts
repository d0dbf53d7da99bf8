/**
 * Local secrets and settings for `wrangler dev`, in `.dev.vars` (gitignored).
 * Made once with fresh keys and then kept, so sessions survive a restart.
 * Production sets the same names with `wrangler secret put`.
 */
import { existsSync, writeFileSync } from "node:fs";
import { generateSigningKey } from "../lib/auth/signed-token.ts";
import { randomBytes, toBase64Url } from "../lib/crypto/bytes.ts";

export async function ensureDevVars(path: string): Promise<void> {
  if (existsSync(path)) return;
  const signingKey = await generateSigningKey(`dev-${new Date().toISOString().slice(0, 10)}`);
  const lines = [
    "# Written by `npm run dev`; local only. Delete it to get new keys.",
    "ENVIRONMENT=development",
    "MAIL_PROVIDER=dev-mailbox",
    `JWT_SIGNING_KEYS='${JSON.stringify([signingKey])}'`,
    `MFA_ENCRYPTION_KEY=${toBase64Url(randomBytes(32))}`,
  ];
  writeFileSync(path, lines.join("\n") + "\n", { mode: 0o600 });
}
