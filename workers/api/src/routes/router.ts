/**
 * Every sub-app of the api Worker is made here, so all of them cap request
 * bodies before anything reads them (64 KB of JSON unless the router says
 * otherwise) and report validation failures the same way: a 400
 * `validation_failed` listing each offending field.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "../../../../lib/http/api-error.ts";
import type { AppEnv } from "../app-env.ts";
import { JSON_BODY_LIMIT_BYTES, limitBody } from "../middleware/body-limit.ts";

export function createRouter({ maxBodyBytes = JSON_BODY_LIMIT_BYTES } = {}) {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new ApiError(400, "validation_failed", "The request is not valid.", {
          details: result.error.issues.map((issue) => ({
            path: issue.path.join(".") || result.target,
            message: issue.message,
          })),
        });
      }
    },
  });
  router.use("*", limitBody(maxBodyBytes));
  return router;
}
