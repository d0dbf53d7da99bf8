/**
 * Admin routes of the ingest Worker: only a signed-in `content_admin` (or
 * `admin`) may upload or manage jobs and webhooks. The api Worker has
 * already verified the session; this checks what it may do here.
 */
import { callerWithRole, requiresRole } from "../../../../lib/http/forwarded-caller.ts";
import type { IngestEnv } from "../app-env.ts";

export const staffOnly = () =>
  callerWithRole<IngestEnv>("content_admin", "Only content admins may do this.");

/** The OpenAPI description of a staff route's access rule. */
export const STAFF_ONLY = requiresRole("content_admin");
