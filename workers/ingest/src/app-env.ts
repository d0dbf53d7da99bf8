/**
 * The ingest Worker's Hono environment: its generated bindings and what
 * middleware learns about the request.
 */
import type { IngestBindings } from "./bindings.ts";
import type { Role } from "../../../lib/auth/roles.ts";
import type { IngestJob } from "../../../lib/db/schema.ts";
import type { RequestContextVariables } from "../../../lib/http/request-context.ts";
import type { JobGrant } from "../../../lib/ingest/job-token.ts";

/**
 * The signed-in caller as the api Worker authenticated them. It arrives as
 * an RPC argument, never in a header, so no client can claim to be anyone.
 */
export interface Caller {
  accountId: string;
  sessionId: string;
  roles: Role[];
}

export interface IngestEnv {
  Bindings: IngestBindings;
  Variables: RequestContextVariables & {
    caller: Caller | null;
    /** Transcoder routes: the job the job token names, as it is now. */
    job?: IngestJob;
    grant?: JobGrant;
  };
}
