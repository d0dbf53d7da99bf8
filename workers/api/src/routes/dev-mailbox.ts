/**
 * The local dev mailbox: mail "sent" with MAIL_PROVIDER=dev-mailbox, newest
 * first, for the /dev/mailbox page. Exists only when ENVIRONMENT is
 * development; elsewhere the route answers 404 like any unknown path.
 */
import { createRoute } from "@hono/zod-openapi";
import { notFound } from "../../../../lib/http/api-error.ts";
import { config } from "../config.ts";
import { DevMailbox } from "../mail/dev-mailbox.ts";
import { jsonResponse } from "../../../../lib/http/openapi.ts";
import { DevMailListSchema } from "../schemas/dev-mail.ts";
import { createRouter } from "./router.ts";

export const devMailboxRoutes = createRouter();

devMailboxRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listDevMail",
    summary: "Mail sent in local development",
    hide: true,
    responses: { 200: jsonResponse(DevMailListSchema, "Newest first.") },
  }),
  async (c) => {
    if (config(c.env).ENVIRONMENT !== "development") throw notFound("route");
    return c.json({ messages: await new DevMailbox(c.env.KV).list() }, 200);
  },
);
