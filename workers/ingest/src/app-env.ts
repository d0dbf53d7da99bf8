/**
 * The ingest Worker's Hono environment: its bindings and what middleware
 * learns about the request.
 */
import type { IngestBindings } from "./bindings.ts";
import type { CallerVariables } from "../../../lib/http/forwarded-caller.ts";
import type { RequestContextVariables } from "../../../lib/http/request-context.ts";
import type { TaskGrant } from "../../../lib/ingest/task-token.ts";

export type { Caller } from "../../../lib/http/forwarded-caller.ts";

export interface IngestEnv {
  Bindings: IngestBindings;
  Variables: RequestContextVariables &
    CallerVariables & {
      /** Transcoder routes: the task attempt the task token names, still current. */
      grant?: TaskGrant;
    };
}
