/**
 * The bodies of the ingest queues' messages. A message names a row (a task,
 * a delivery) rather than carrying its data, so a duplicate or late message
 * always acts on the row's current state.
 */
import { z } from "zod";

/**
 * A ticket for one task of one run of a job: whoever consumes it asks the
 * job's TaskBoard for its most urgent waiting task and hands that to a free
 * transcoder. (The board, not the message, picks the task, so the lowest
 * rung's first chunks go first however the queue orders its messages.)
 */
export const TaskMessageSchema = z.object({
  jobId: z.uuid(),
  run: z.number().int().positive(),
});
export type TaskMessage = z.infer<typeof TaskMessageSchema>;

export const WebhookMessageSchema = z.object({ deliveryId: z.uuid() });
export type WebhookMessage = z.infer<typeof WebhookMessageSchema>;
