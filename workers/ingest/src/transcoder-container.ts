/**
 * The transcoder's container in production (Cloudflare Containers): one
 * instance per job, started on the first request and stopped when idle.
 * It runs transcoder/src/server.ts, the same program local dev runs as a
 * plain process. It reaches the ingest Worker's storage endpoints over the
 * internet with its job token, so it needs no bindings and holds no keys.
 */
import type { IngestBindings } from "./bindings.ts";
import { Container } from "@cloudflare/containers";

export class TranscoderContainer extends Container<IngestBindings> {
  override defaultPort = 8080;
  // Long enough to outlive a job's silence between requests, short enough not to idle for long.
  override sleepAfter = "5m";
  override enableInternet = true;
}
