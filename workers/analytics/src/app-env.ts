/** The analytics Worker's Hono environment: its generated bindings and who forwarded the request. */
import type { AnalyticsBindings } from "./bindings.ts";
import type { CallerVariables } from "../../../lib/http/forwarded-caller.ts";
import type { RequestContextVariables } from "../../../lib/http/request-context.ts";

export interface AnalyticsEnv {
  Bindings: AnalyticsBindings;
  Variables: RequestContextVariables & CallerVariables;
}
