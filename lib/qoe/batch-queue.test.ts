import { describe, expect, it } from "vitest";
import { QoeBatchQueue, worthResending } from "./batch-queue.ts";
import { MAX_EVENTS_PER_BATCH } from "./events.ts";

describe("QoeBatchQueue", () => {
  it("numbers events in order and cuts them into batches of at most the maximum", () => {
    const queue = new QoeBatchQueue();
    for (let i = 0; i < MAX_EVENTS_PER_BATCH + 1; i++) queue.record({ type: "pause" });
    const batches = queue.take();
    expect(batches.map((batch) => batch.events.length)).toEqual([MAX_EVENTS_PER_BATCH, 1]);
    expect(batches.flatMap((batch) => batch.events.map((event) => event.seq))).toEqual(
      Array.from({ length: MAX_EVENTS_PER_BATCH + 1 }, (_, i) => i),
    );
    expect(new Set(batches.map((batch) => batch.batchId)).size).toBe(2);
    expect(queue.take()).toEqual([]);
  });

  it("sends an unacknowledged batch again under its id, before what came after", () => {
    const queue = new QoeBatchQueue();
    queue.record({ type: "pause" });
    const [lost] = queue.take();
    queue.retry(lost!);
    queue.record({ type: "view_start" });
    const [again, next] = queue.take();
    expect(again).toEqual(lost);
    expect(next!.events.map((event) => [event.type, event.seq])).toEqual([["view_start", 1]]);
  });

  it("resends after a rate limit or a server error, never after another refusal", () => {
    expect([202, 400, 401, 403, 413, 429, 500, 503].map(worthResending)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
  });
});
