/**
 * The bodies of the ingest queues' messages. A message names a row (a task,
 * a delivery) rather than carrying its data, so a duplicate or late message
 * always acts on the row's current state.
 */
import { z } from "zod";

/** One task of one run of a job, to hand to a free transcoder. */
export const TaskMessageSchema = z.object({
  jobId: z.uuid(),
  run: z.number().int().positive(),
  taskId: z.string().regex(/^[a-z0-9-]{1,64}$/),
});
export type TaskMessage = z.infer<typeof TaskMessageSchema>;

export const WebhookMessageSchema = z.object({ deliveryId: z.uuid() });
export type WebhookMessage = z.infer<typeof WebhookMessageSchema>;
