/** Local development mail: logged, and kept in KV for the dev mailbox page. */
import type { z } from "@hono/zod-openapi";
import type { DevMailSchema } from "../schemas/dev-mail.ts";
import type { MailMessage, Mailer } from "./mailer.ts";

const PREFIX = "dev-mailbox:";
const KEEP_SECONDS = 24 * 60 * 60;

export type StoredMail = z.infer<typeof DevMailSchema>;

export class DevMailbox implements Mailer {
  readonly #kv: KVNamespace;

  constructor(kv: KVNamespace) {
    this.#kv = kv;
  }

  async send(message: MailMessage): Promise<void> {
    const sentAt = new Date().toISOString();
    // Keys sort newest first: the list is read in key order.
    const id = `${String(Number.MAX_SAFE_INTEGER - Date.now()).padStart(16, "0")}-${crypto.randomUUID()}`;
    const mail: StoredMail = { id, sentAt, ...message };
    console.log(
      JSON.stringify({
        level: "info",
        message: "dev mail",
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
      }),
    );
    await this.#kv.put(PREFIX + id, JSON.stringify(mail), { expirationTtl: KEEP_SECONDS });
  }

  async list(limit = 50): Promise<StoredMail[]> {
    const { keys } = await this.#kv.list({ prefix: PREFIX, limit });
    const mails = await Promise.all(keys.map((key) => this.#kv.get<StoredMail>(key.name, "json")));
    return mails.filter((mail): mail is StoredMail => mail !== null);
  }
}
