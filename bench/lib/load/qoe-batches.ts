/**
 * A simulated view's QoE batches, kept as the web player's QoeReporter
 * keeps them (the same lib/qoe/batch-queue.ts: numbered, stamped, batched,
 * unacknowledged ones sent again under their id), sent through the load
 * client so each is timed; a 429, a 5xx or no answer means sending again.
 */
import { QoeBatchQueue, worthResending } from "../../../lib/qoe/batch-queue.ts";
import type { UnstampedQoeEvent } from "../../../lib/qoe/events.ts";
import type { LoadClient } from "./http-client.ts";
import { NO_ANSWER, ROUTES } from "./stats.ts";

export class QoeBatches {
  private readonly queue = new QoeBatchQueue();
  private readonly client: LoadClient;
  private readonly viewToken: string;

  constructor(client: LoadClient, viewToken: string) {
    this.client = client;
    this.viewToken = viewToken;
  }

  record(event: UnstampedQoeEvent): void {
    this.queue.record(event);
  }

  /** Sends what has been recorded (and what was not acknowledged before). */
  async flush(): Promise<void> {
    await Promise.all(
      this.queue.take().map(async (batch) => {
        const { status } = await this.client.send(ROUTES.qoe, "/api/qoe/events", {
          method: "POST",
          json: { viewToken: this.viewToken, ...batch },
        });
        if (status === NO_ANSWER || worthResending(status)) this.queue.retry(batch);
      }),
    );
  }
}
