/**
 * The ingest Worker. It has no route of its own: the api Worker calls
 * `handle` over its service binding (RPC) for every /api/ingest request,
 * with the caller it authenticated, merges `openApiDocument` into the API
 * document, and calls `detectMarkers` when a title's videos change. It
 * consumes the transcode-task and webhook queues, and hosts what ingest is
 * made of: the upload sessions, each job's task board and Workflow, and the
 * transcoder's container class.
 */
import type { IngestBindings } from "./bindings.ts";
import { WorkerEntrypoint } from "cloudflare:workers";
import { handOver } from "../../../lib/http/forwarded-caller.ts";
// The app first: it extends zod for OpenAPI, which schemas built later (some in lib/db) need.
import { app, ingestOpenApiDocument } from "./app.ts";
import { database } from "../../../lib/db/database.ts";
import type { Caller } from "./app-env.ts";
import { consume } from "./consumers.ts";
import { detectTitleMarkers } from "./services/marker-detection.ts";

export { TaskBoard } from "./objects/task-board.ts";
export { UploadSession } from "./objects/upload-session.ts";
export { TranscoderContainer } from "./transcoders/transcoder-container.ts";
export { IngestJobWorkflow } from "./workflow/ingest-job-workflow.ts";
export type { Caller } from "./app-env.ts";

export default class IngestWorker extends WorkerEntrypoint<IngestBindings> {
  /** Plain fetch over the binding: health only (nobody is signed in this way). */
  override fetch(request: Request): Promise<Response> {
    return Promise.resolve(app.fetch(request, this.env, this.ctx));
  }

  /** A forwarded /api/ingest request and who sent it (null: nobody signed in, as for the transcoder). */
  async handle(request: Request, caller: Caller | null): Promise<Response> {
    return app.fetch(handOver(request, caller), this.env, this.ctx);
  }

  /** Finds a title's detected markers again: the api Worker asks when a video is attached or detached. */
  async detectMarkers(titleId: string): Promise<void> {
    await detectTitleMarkers({ db: database(this.env.DB), media: this.env.MEDIA }, titleId);
  }

  /** As JSON text: a whole document is too deep a type for RPC's typings to map. */
  openApiDocument(): string {
    return JSON.stringify(ingestOpenApiDocument());
  }

  override async queue(batch: MessageBatch<unknown>): Promise<void> {
    await consume(batch, this.env);
  }
}
