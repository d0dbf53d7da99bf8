/**
 * Every Hono sub-app of every Worker is made here, so all of them cap
 * request bodies before anything reads them (64 KB of JSON unless the router
 * says otherwise) and report validation failures the same way: a 400
 * `validation_failed` listing each offending field.
 *
 * `maxBodyBytes: null` is for routers that stream bodies and bound them
 * themselves (uploads), where counting would mean buffering.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "hono";
import { ApiError } from "./api-error.ts";
import { JSON_BODY_LIMIT_BYTES, limitBody } from "./body-limit.ts";

export function createRouter<E extends Env>({
  maxBodyBytes = JSON_BODY_LIMIT_BYTES,
}: { maxBodyBytes?: number | null } = {}) {
  const router = new OpenAPIHono<E>({
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
  if (maxBodyBytes !== null) router.use("*", limitBody(maxBodyBytes));
  return router;
}
