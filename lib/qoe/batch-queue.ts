/**
 * A view's QoE events on their way to POST /api/qoe/events, as every
 * sender keeps them (the web player's QoeReporter, bench:load's simulated
 * viewers): events numbered and stamped as they happen, cut into batches
 * of at most MAX_EVENTS_PER_BATCH under fresh batch ids, and a batch that
 * was not acknowledged sent again under the same id with the next ones
 * (the server deduplicates by id, so it counts once). How batches travel
 * is the sender's.
 *
 * @example
 * const queue = new QoeBatchQueue();
 * queue.record({ type: "view_start" });
 * for (const batch of queue.take()) send(batch).catch(() => queue.retry(batch));
 */
import { MAX_EVENTS_PER_BATCH, type QoeEvent, type UnstampedQoeEvent } from "./events.ts";

export interface QoeBatch {
  batchId: string;
  events: QoeEvent[];
}

export class QoeBatchQueue {
  private seq = 0;
  private pending: QoeEvent[] = [];
  /** Sent but not acknowledged: sent again, same id, with the next take. */
  private unacknowledged: QoeBatch[] = [];

  record(event: UnstampedQoeEvent): void {
    this.pending.push({ ...event, seq: this.seq++, at: Date.now() } as QoeEvent);
  }

  /** Every batch to send now: the unacknowledged ones, then what was recorded since. */
  take(): QoeBatch[] {
    const batches = this.unacknowledged;
    this.unacknowledged = [];
    for (let start = 0; start < this.pending.length; start += MAX_EVENTS_PER_BATCH) {
      batches.push({
        batchId: crypto.randomUUID(),
        events: this.pending.slice(start, start + MAX_EVENTS_PER_BATCH),
      });
    }
    this.pending = [];
    return batches;
  }

  /** A batch that got no acknowledgement goes out again with the next take. */
  retry(batch: QoeBatch): void {
    this.unacknowledged.push(batch);
  }
}

/** Whether an answer to a batch means sending it again: a rate limit or a server error (other 4xx will not get better). */
export const worthResending = (status: number): boolean => status === 429 || status >= 500;
