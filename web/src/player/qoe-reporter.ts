/**
 * Sends a view's QoE events to the analytics Worker (sendQoeEvents) in
 * batches: every 10 s while the view lasts, and once more when it ends.
 * The last batch goes with navigator.sendBeacon, which the browser delivers
 * even as the page unloads; the others with fetch keepalive. A batch that
 * fails is sent again with the next one under the same batch id, so the
 * server counts it once (it deduplicates by id).
 *
 * QoE must never cost the viewer anything: no await on the playback path,
 * and a failure only means a gap in the dashboards.
 */
import { QoeBatchQueue, worthResending, type QoeBatch } from "../../../lib/qoe/batch-queue.ts";
import type { UnstampedQoeEvent } from "../../../lib/qoe/events.ts";

export const QOE_FLUSH_INTERVAL_MS = 10_000;
const ENDPOINT = "/api/qoe/events";

export class QoeReporter {
  private readonly queue = new QoeBatchQueue();
  private timer: ReturnType<typeof setInterval> | undefined;

  private readonly viewToken: string;

  /** `beforeFlush` runs just before each periodic flush, so the tracker can add its heartbeat. */
  constructor(viewToken: string, beforeFlush: () => void = () => {}) {
    this.viewToken = viewToken;
    this.timer = setInterval(() => {
      beforeFlush();
      this.flush();
    }, QOE_FLUSH_INTERVAL_MS);
  }

  record(event: UnstampedQoeEvent): void {
    this.queue.record(event);
  }

  private body(batch: QoeBatch): string {
    return JSON.stringify({ viewToken: this.viewToken, ...batch });
  }

  flush(): void {
    for (const batch of this.queue.take()) {
      void fetch(ENDPOINT, {
        method: "POST",
        keepalive: true,
        credentials: "omit",
        headers: { "content-type": "application/json" },
        body: this.body(batch),
      }).then(
        (response) => {
          if (worthResending(response.status)) this.queue.retry(batch);
        },
        () => this.queue.retry(batch),
      );
    }
  }

  /** The view is over: send what is left so that it survives the page going away. */
  end(): void {
    clearInterval(this.timer);
    for (const batch of this.queue.take()) {
      const body = new Blob([this.body(batch)], { type: "application/json" });
      if (!navigator.sendBeacon(ENDPOINT, body)) {
        void fetch(ENDPOINT, { method: "POST", keepalive: true, body }).catch(() => {});
      }
    }
  }
}
