/**
 * Accepting a batch of QoE events: check the view token and that its
 * playback session is still on (or just ended), fold the batch
 * into the rollups, then record every event in Analytics Engine. A batch is
 * validated whole before this runs, so it is stored whole or not at all.
 *
 * When the rollup store (D1) is unavailable the batch goes to the rollup
 * queue and is applied later by the queue consumer; only when the queue
 * refuses it too does the client get a 503 (and nothing was stored).
 */
import type { AnalyticsBindings } from "../bindings.ts";
import { tokenKeys } from "../../../../lib/auth/signed-token.ts";
import { ApiError } from "../../../../lib/http/api-error.ts";
import type { QoeBatch, QoeEvent } from "../../../../lib/qoe/events.ts";
import { foldBatch } from "../../../../lib/qoe/fold.ts";
import { verifyViewToken, type QoeView } from "../../../../lib/qoe/view-token.ts";
import { dataPointOf } from "../analytics-engine.ts";
import { applyFoldedBatch, DuplicateBatchError } from "../storage/rollup-writes.ts";

/** What the rollup queue carries: everything needed to fold the batch later, as it arrived. */
export interface QueuedBatch {
  batchId: string;
  view: QoeView;
  events: QoeEvent[];
  receivedAt: number;
}

async function viewOf(env: AnalyticsBindings, token: string): Promise<QoeView> {
  let view: QoeView;
  try {
    view = await verifyViewToken(await tokenKeys(env.JWT_SIGNING_KEYS), token);
  } catch {
    throw new ApiError(401, "invalid_view_token", "The view token is invalid or expired.");
  }
  // A token outlives its view: it counts only while the view's playback session is on
  // (and briefly after, for the last batch), so nobody reports invented views with it.
  const sessions = env.STREAM_SESSIONS.getByName(view.accountId);
  if (!(await sessions.acceptsEventsFor(view.viewId))) {
    throw new ApiError(
      403,
      "view_ended",
      "This view's playback session has ended; a new playback has a view token of its own.",
    );
  }
  return view;
}

/** Folds a batch into the rollups; false when this batch id had already been applied. */
export async function applyBatch(env: AnalyticsBindings, batch: QueuedBatch): Promise<boolean> {
  try {
    await applyFoldedBatch(
      env.DB,
      batch.batchId,
      batch.view,
      foldBatch(batch.events, batch.receivedAt),
      batch.receivedAt,
    );
    return true;
  } catch (error) {
    if (error instanceof DuplicateBatchError) return false;
    throw error;
  }
}

export async function acceptBatch(
  env: AnalyticsBindings,
  batch: QoeBatch,
  now = Date.now(),
): Promise<{ accepted: number; duplicate: boolean }> {
  const view = await viewOf(env, batch.viewToken);
  const queued: QueuedBatch = {
    batchId: batch.batchId,
    view,
    events: [...batch.events].sort((a, b) => a.seq - b.seq),
    receivedAt: now,
  };
  let applied: boolean;
  try {
    applied = await applyBatch(env, queued);
  } catch (error) {
    console.warn(
      JSON.stringify({
        level: "warn",
        message: "rollup store unavailable; batch queued",
        worker: "analytics",
        batchId: batch.batchId,
        error: String(error),
      }),
    );
    try {
      await env.ROLLUP_QUEUE.send(queued);
    } catch {
      throw new ApiError(503, "unavailable", "Analytics are unavailable; send the batch again.");
    }
    applied = true;
  }
  if (!applied) return { accepted: 0, duplicate: true };
  for (const event of queued.events) env.QOE_EVENTS.writeDataPoint(dataPointOf(view, event));
  return { accepted: queued.events.length, duplicate: false };
}

/** The rollup queue's consumer: apply each batch; a failure is retried later (the store may still be down). */
export async function consumeQueuedBatches(
  batch: MessageBatch<QueuedBatch>,
  env: AnalyticsBindings,
) {
  for (const message of batch.messages) {
    try {
      await applyBatch(env, message.body);
      message.ack();
    } catch {
      message.retry();
    }
  }
}
