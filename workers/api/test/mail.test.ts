import { describe, expect, it } from "vitest";
import { createMailer } from "../src/mail/mailer.ts";
import { DevMailbox } from "../src/mail/dev-mailbox.ts";
import { ResendMailer } from "../src/mail/resend-mailer.ts";
import { config } from "../src/config.ts";
import { env } from "./helpers.ts";

const message = { to: "sam@example.com", subject: "Hello", text: "Body" };

describe("mail adapter", () => {
  it("keeps dev mail in the mailbox, newest first", async () => {
    const mailbox = new DevMailbox(env.KV);
    await mailbox.send({ ...message, subject: "First" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await mailbox.send({ ...message, subject: "Second" });
    const subjects = (await mailbox.list()).map((mail) => mail.subject);
    expect(subjects.indexOf("Second")).toBeLessThan(subjects.indexOf("First"));
  });

  it("sends through Resend's API with the configured key", async () => {
    await expect(
      new ResendMailer(env.FAKE_RESEND_KEY, "Marquee <no-reply@example.com>").send(message),
    ).resolves.toBeUndefined();
  });

  it("fails loudly when Resend refuses the message", async () => {
    await expect(
      new ResendMailer("re_wrong_key", "Marquee <no-reply@example.com>").send(message),
    ).rejects.toThrow("401");
  });

  it("is chosen by MAIL_PROVIDER, and resend needs its key", () => {
    const settings = config(env);
    expect(createMailer(env, { ...settings, MAIL_PROVIDER: "dev-mailbox" })).toBeInstanceOf(
      DevMailbox,
    );
    expect(
      createMailer(env, { ...settings, MAIL_PROVIDER: "resend", RESEND_API_KEY: "re_x" }),
    ).toBeInstanceOf(ResendMailer);
    expect(() =>
      createMailer(env, { ...settings, MAIL_PROVIDER: "resend", RESEND_API_KEY: undefined }),
    ).toThrow("RESEND_API_KEY");
  });
});
