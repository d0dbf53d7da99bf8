/**
 * The bindings this Worker uses, by name and type. Declared here rather
 * than read from the generated `Env`, because the api Worker's type check
 * includes this Worker's code (through its typed service binding) with the
 * api's own `Env`; bindings-check.ts proves that this Worker's generated
 * `Env` (from wrangler.toml) provides every one of them.
 */
import type { UploadSession } from "../../../durable-objects/src/upload-session.ts";
import type { TranscodeMessage, WebhookMessage } from "../../../lib/ingest/queue-messages.ts";
import type { TranscoderContainer } from "./transcoder-container.ts";

export interface IngestBindings {
  DB: D1Database;
  KV: KVNamespace;
  MEDIA: R2Bucket;
  UPLOAD_SESSIONS: DurableObjectNamespace<UploadSession>;
  TRANSCODER: DurableObjectNamespace<TranscoderContainer>;
  TRANSCODE_QUEUE: Queue<TranscodeMessage>;
  WEBHOOK_QUEUE: Queue<WebhookMessage>;
  // Vars and secrets; config.ts parses them.
  ENVIRONMENT: string;
  APP_ORIGIN: string;
  TRANSCODER_URL: string;
  UPLOAD_MAX_BYTES: string;
  UPLOAD_PART_BYTES: string;
  UPLOAD_IDLE_TIMEOUT_SECONDS: string;
  TRANSCODE_TIMEOUT_SECONDS: string;
  TRANSCODE_RETRY_DELAY_SECONDS: string;
  WEBHOOK_RETRY_DELAY_SECONDS: string;
  JWT_SIGNING_KEYS: string;
  WEBHOOK_SECRET_KEY: string;
}
