/**
 * The bindings this Worker uses, by name and type. Declared here rather
 * than read from the generated `Env`, because the api Worker's type check
 * includes this Worker's code (through its typed service binding) with the
 * api's own `AnalyticsBindings`; bindings-check.ts proves that this Worker's generated
 * `Env` (from wrangler.toml) provides every one of them.
 */
import type { StreamSessions } from "../../../durable-objects/src/stream-sessions.ts";
import type { QueuedBatch } from "./services/qoe-events.ts";

export interface AnalyticsBindings {
  DB: D1Database;
  KV: KVNamespace;
  QOE_EVENTS: AnalyticsEngineDataset;
  ROLLUP_QUEUE: Queue<QueuedBatch>;
  STREAM_SESSIONS: DurableObjectNamespace<StreamSessions>;
  JWT_SIGNING_KEYS: string;
  /** The alert rules' settings (alert-config.ts reads and checks them). */
  ALERT_REBUFFER_PERCENTAGE: string;
  ALERT_PLAYBACK_FAILURE_PERCENTAGE: string;
  ALERT_CONCURRENT_VIEWERS: string;
  ALERT_WEBHOOK_URL: string;
}
