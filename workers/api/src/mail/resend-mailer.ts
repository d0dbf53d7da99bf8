/** Production mail through Resend's HTTP API (https://resend.com/docs/api-reference/emails/send-email). */
import type { MailMessage, Mailer } from "./mailer.ts";

export class ResendMailer implements Mailer {
  readonly #apiKey: string;
  readonly #from: string;
  readonly #endpoint: string;

  constructor(apiKey: string, from: string, endpoint = "https://api.resend.com/emails") {
    this.#apiKey = apiKey;
    this.#from = from;
    this.#endpoint = endpoint;
  }

  async send({ to, subject, text }: MailMessage): Promise<void> {
    const response = await fetch(this.#endpoint, {
      method: "POST",
      headers: { Authorization: `Bearer ${this.#apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ from: this.#from, to: [to], subject, text }),
    });
    if (!response.ok)
      throw new Error(`Resend refused the message: ${response.status} ${await response.text()}`);
  }
}
