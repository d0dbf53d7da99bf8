/** The dev mailbox's answer: mail "sent" locally, newest first. */
import { z } from "@hono/zod-openapi";

export const DevMailSchema = z.object({
  id: z.string(),
  sentAt: z.iso.datetime(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
});

export const DevMailListSchema = z.object({ messages: z.array(DevMailSchema) });
