/**
 * The bindings this Worker uses, by name and type. Declared here rather
 * than read from the generated `Env`, because the api Worker's type check
 * includes this Worker's code (through its typed service binding) with the
 * api's own `Env`; bindings-check.ts proves that this Worker's generated
 * `Env` (from wrangler.toml) provides every one of them.
 */
import type { TaskMessage, WebhookMessage } from "../../../lib/ingest/queue-messages.ts";
import type { TaskBoard } from "./objects/task-board.ts";
import type { UploadSession } from "./objects/upload-session.ts";
import type { TranscoderContainer } from "./transcoders/transcoder-container.ts";
import type { JobRunParams } from "./workflow/start.ts";

export interface IngestBindings {
  DB: D1Database;
  KV: KVNamespace;
  MEDIA: R2Bucket;
  UPLOAD_SESSIONS: DurableObjectNamespace<UploadSession>;
  TASK_BOARDS: DurableObjectNamespace<TaskBoard>;
  TRANSCODER: DurableObjectNamespace<TranscoderContainer>;
  INGEST_JOBS: Workflow<JobRunParams>;
  TRANSCODE_QUEUE: Queue<TaskMessage>;
  WEBHOOK_QUEUE: Queue<WebhookMessage>;
  // Vars and secrets; config.ts parses them.
  ENVIRONMENT: string;
  APP_ORIGIN: string;
  TRANSCODER_INSTANCES: string;
  TRANSCODER_URLS: string;
  UPLOAD_MAX_BYTES: string;
  UPLOAD_PART_BYTES: string;
  UPLOAD_IDLE_TIMEOUT_SECONDS: string;
  UPLOAD_STALL_SECONDS: string;
  TRANSCODE_CHUNK_SEGMENTS: string;
  TASK_LEASE_SECONDS: string;
  TASK_MAX_ATTEMPTS: string;
  TRANSCODER_WAIT_DEADLINE_SECONDS: string;
  WEBHOOK_RETRY_DELAY_SECONDS: string;
  JWT_SIGNING_KEYS: string;
  WEBHOOK_SECRET_KEY: string;
}
