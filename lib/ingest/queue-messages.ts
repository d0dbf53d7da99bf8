/**
 * The bodies of the ingest queues' messages. A message names a row (a job,
 * a delivery) rather than carrying its data, so a duplicate or late message
 * always acts on the row's current state.
 */
import { z } from "zod";

export const TranscodeMessageSchema = z.object({ jobId: z.uuid() });
export type TranscodeMessage = z.infer<typeof TranscodeMessageSchema>;

export const WebhookMessageSchema = z.object({ deliveryId: z.uuid() });
export type WebhookMessage = z.infer<typeof WebhookMessageSchema>;
