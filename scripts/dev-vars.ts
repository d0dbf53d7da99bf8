/**
 * Local secrets and settings for `wrangler dev`, in `.dev.vars` (gitignored).
 * Made with fresh keys and then kept, so sessions survive a restart; a key
 * added by a later version of the code is added without touching the rest.
 * Production sets the same names with `wrangler secret put`.
 *
 * The api Worker reads the file itself; the ingest Worker gets the values it
 * needs from the environment of `wrangler dev` (local-stack.ts), which is
 * where wrangler looks for a Worker's declared secrets when its folder has
 * no .dev.vars of its own.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { generateSigningKey } from "../lib/auth/signed-token.ts";
import { randomBytes, toBase64Url } from "../lib/crypto/bytes.ts";

const DEFAULTS: Record<string, () => Promise<string> | string> = {
  ENVIRONMENT: () => "development",
  MAIL_PROVIDER: () => "dev-mailbox",
  JWT_SIGNING_KEYS: async () =>
    `'${JSON.stringify([await generateSigningKey(`dev-${new Date().toISOString().slice(0, 10)}`)])}'`,
  MFA_ENCRYPTION_KEY: () => toBase64Url(randomBytes(32)),
  WEBHOOK_SECRET_KEY: () => toBase64Url(randomBytes(32)),
  // The bearer token for GET /metrics (curl -H "Authorization: Bearer $METRICS_TOKEN").
  METRICS_TOKEN: () => toBase64Url(randomBytes(32)),
};

/** The file's values, unquoted. */
function parse(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) values[match[1]!] = match[2]!.replace(/^'(.*)'$/, "$1");
  }
  return values;
}

export async function ensureDevVars(path: string): Promise<Record<string, string>> {
  const text = existsSync(path)
    ? readFileSync(path, "utf8")
    : "# Written by `npm run dev`; local only. Delete it to get new keys.\n";
  const present = parse(text);
  const missing = Object.keys(DEFAULTS).filter((name) => !(name in present));
  if (missing.length > 0) {
    const lines = await Promise.all(
      missing.map(async (name) => `${name}=${await DEFAULTS[name]!()}`),
    );
    writeFileSync(path, text.replace(/\n*$/, "\n") + lines.join("\n") + "\n", { mode: 0o600 });
  }
  return parse(readFileSync(path, "utf8"));
}
