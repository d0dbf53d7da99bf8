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
import type { QoeEvent, UnstampedQoeEvent } from "../../../lib/qoe/events.ts";
import { MAX_EVENTS_PER_BATCH } from "../../../lib/qoe/events.ts";

export const QOE_FLUSH_INTERVAL_MS = 10_000;
const ENDPOINT = "/api/qoe/events";

interface Batch {
  batchId: string;
  events: QoeEvent[];
}

export class QoeReporter {
  private seq = 0;
  private pending: QoeEvent[] = [];
  /** Sent but not acknowledged: sent again, same id, with the next flush. */
  private unacknowledged: Batch[] = [];
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
    this.pending.push({ ...event, seq: this.seq++, at: Date.now() } as QoeEvent);
  }

  private take(): Batch[] {
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

  private body(batch: Batch): string {
    return JSON.stringify({ viewToken: this.viewToken, ...batch });
  }

  flush(): void {
    for (const batch of this.take()) {
      void fetch(ENDPOINT, {
        method: "POST",
        keepalive: true,
        credentials: "omit",
        headers: { "content-type": "application/json" },
        body: this.body(batch),
      }).then(
        (response) => {
          // 4xx other than a rate limit will not get better by sending again.
          if (response.status === 429 || response.status >= 500) this.unacknowledged.push(batch);
        },
        () => this.unacknowledged.push(batch),
      );
    }
  }

  /** The view is over: send what is left so that it survives the page going away. */
  end(): void {
    clearInterval(this.timer);
    for (const batch of this.take()) {
      const body = new Blob([this.body(batch)], { type: "application/json" });
      if (!navigator.sendBeacon(ENDPOINT, body)) {
        void fetch(ENDPOINT, { method: "POST", keepalive: true, body }).catch(() => {});
      }
    }
  }
}
