/**
 * A simulated view's QoE batches, as the web player's QoeReporter sends
 * them (web/src/player/qoe-reporter.ts): events numbered and stamped as they
 * happen, sent to sendQoeEvents in batches with the view token, and a batch
 * that got a 429, a 5xx or no answer sent again with the next flush under
 * the same batch id (the server counts it once).
 */
import type { QoeEvent, UnstampedQoeEvent } from "../../../lib/qoe/events.ts";
import { MAX_EVENTS_PER_BATCH } from "../../../lib/qoe/events.ts";
import type { LoadClient } from "./http-client.ts";
import { NO_ANSWER, ROUTES } from "./stats.ts";

interface Batch {
  batchId: string;
  events: QoeEvent[];
}

export class QoeBatches {
  private seq = 0;
  private pending: QoeEvent[] = [];
  private unacknowledged: Batch[] = [];
  private readonly client: LoadClient;
  private readonly viewToken: string;

  constructor(client: LoadClient, viewToken: string) {
    this.client = client;
    this.viewToken = viewToken;
  }

  record(event: UnstampedQoeEvent): void {
    this.pending.push({ ...event, seq: this.seq++, at: Date.now() } as QoeEvent);
  }

  /** Sends what has been recorded (and what was not acknowledged before). */
  async flush(): Promise<void> {
    const batches = this.unacknowledged;
    this.unacknowledged = [];
    for (let start = 0; start < this.pending.length; start += MAX_EVENTS_PER_BATCH) {
      batches.push({
        batchId: crypto.randomUUID(),
        events: this.pending.slice(start, start + MAX_EVENTS_PER_BATCH),
      });
    }
    this.pending = [];
    await Promise.all(
      batches.map(async (batch) => {
        const { status } = await this.client.send(ROUTES.qoe, "/api/qoe/events", {
          method: "POST",
          json: { viewToken: this.viewToken, ...batch },
        });
        if (status === NO_ANSWER || status === 429 || status >= 500)
          this.unacknowledged.push(batch);
      }),
    );
  }
}
