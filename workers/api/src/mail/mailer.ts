/**
 * The mail adapter. Code that sends mail depends on `Mailer` only; which
 * implementation runs is configuration (`MAIL_PROVIDER`):
 *
 * - `dev-mailbox`: nothing leaves the machine. Each message is logged and
 *   kept for a day in KV, where the dev mailbox page (/dev/mailbox) lists it.
 * - `resend`: sent through Resend's HTTP API with `RESEND_API_KEY`.
 */
import type { Config } from "../config.ts";
import { DevMailbox } from "./dev-mailbox.ts";
import { ResendMailer } from "./resend-mailer.ts";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export function createMailer(env: Env, settings: Config): Mailer {
  switch (settings.MAIL_PROVIDER) {
    case "dev-mailbox":
      return new DevMailbox(env.KV);
    case "resend":
      if (!settings.RESEND_API_KEY) throw new Error("MAIL_PROVIDER=resend needs RESEND_API_KEY");
      return new ResendMailer(settings.RESEND_API_KEY, settings.MAIL_FROM);
  }
}
