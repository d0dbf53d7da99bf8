/**
 * The ingest Worker's Hono environment: its generated bindings and what
 * middleware learns about the request.
 */
import type { IngestBindings } from "./bindings.ts";
import type { IngestJob } from "../../../lib/db/schema.ts";
import type { CallerVariables } from "../../../lib/http/forwarded-caller.ts";
import type { RequestContextVariables } from "../../../lib/http/request-context.ts";
import type { JobGrant } from "../../../lib/ingest/job-token.ts";

export type { Caller } from "../../../lib/http/forwarded-caller.ts";

export interface IngestEnv {
  Bindings: IngestBindings;
  Variables: RequestContextVariables &
    CallerVariables & {
      /** Transcoder routes: the job the job token names, as it is now. */
      job?: IngestJob;
      grant?: JobGrant;
    };
}
