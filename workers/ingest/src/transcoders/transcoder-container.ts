/**
 * The transcoder's container in production (Cloudflare Containers):
 * TRANSCODER_INSTANCES of them, named transcoder-0 … transcoder-N−1, each
 * running one task at a time. It runs transcoder/src/server.ts, the same
 * program local dev runs as plain processes. It reaches the ingest Worker's
 * transcoder routes over the internet with its task token, so it needs no
 * bindings and holds no keys.
 *
 * A task runs with no request open (the transcoder answers 202 and reports
 * back itself), so inbound traffic alone would let the container idle out
 * mid-task: when its idle timer runs out, it asks the program whether it is
 * busy and only stops when it is not.
 */
import { Container } from "@cloudflare/containers";
import type { IngestBindings } from "../bindings.ts";

export class TranscoderContainer extends Container<IngestBindings> {
  override defaultPort = 8080;
  override sleepAfter = "5m";
  override enableInternet = true;

  override async onActivityExpired(): Promise<void> {
    const health = await this.containerFetch("http://transcoder/health")
      .then((response) => response.json<{ status?: string }>())
      .catch(() => null);
    if (health?.status === "busy") this.renewActivityTimeout();
    else await this.stop();
  }
}
