/**
 * The ingest Worker. So far it only reports its health; resumable uploads,
 * the transcoding queue and the transcoder's storage endpoints arrive with
 * the ingest issue.
 */
import { createWorkerApp } from "../../../lib/http/worker-app.ts";

export default createWorkerApp<Env>("ingest") satisfies ExportedHandler<Env>;
