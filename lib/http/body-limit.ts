/**
 * Caps request bodies (64 KB for JSON by default; routers that take uploads
 * set more) before anything parses them, so an oversized body costs us
 * almost nothing.
 */
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "./api-error.ts";

export const JSON_BODY_LIMIT_BYTES = 64 * 1024;

export function limitBody(maxSize = JSON_BODY_LIMIT_BYTES) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(
        413,
        "payload_too_large",
        `This request body is limited to ${maxSize} bytes.`,
      );
    },
  });
}
