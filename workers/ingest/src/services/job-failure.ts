/**
 * A job that will not succeed: marked failed with its reason, its partial
 * outputs removed (the source is kept, so an admin can retry it), its title
 * no longer pointing at it, and `asset.errored` sent to webhooks. Used for
 * bad input (never retried) and for jobs whose retries ran out.
 */
import type { Database } from "../../../../lib/db/database.ts";
import type { WebhookMessage } from "../../../../lib/ingest/queue-messages.ts";
import { failJob } from "../storage/jobs.ts";
import { removeAssetOutputs } from "../storage/media-outputs.ts";
import { forgetCachedTitle } from "./title-cache.ts";
import { emitEvent } from "./webhooks.ts";

export interface FailureDeps {
  db: Database;
  media: R2Bucket;
  kv: KVNamespace;
  webhookQueue: Queue<WebhookMessage>;
}

export async function failForGood(
  deps: FailureDeps,
  jobId: string,
  error: { code: string; message: string },
): Promise<boolean> {
  const failed = await failJob(deps.db, jobId, error);
  if (!failed) return false;
  await Promise.all([
    removeAssetOutputs(deps.media, failed.assetId),
    forgetCachedTitle(deps.kv, deps.db, failed),
  ]);
  await emitEvent({ db: deps.db, queue: deps.webhookQueue }, "asset.errored", {
    jobId: failed.id,
    assetId: failed.assetId,
    titleId: failed.titleId,
    episodeId: failed.episodeId,
    error,
  });
  return true;
}
