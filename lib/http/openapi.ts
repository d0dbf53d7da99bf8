/**
 * OpenAPI pieces shared by every Worker's routes: the error body, request
 * and response helpers, and the security schemes named in the document.
 */
import { z } from "@hono/zod-openapi";

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation_failed" }),
      message: z.string().openapi({ example: "The request is not valid." }),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi("Error");

const ERROR_DESCRIPTIONS = {
  400: "The request is malformed or fails validation.",
  401: "Not signed in, or the token is invalid, expired or revoked.",
  403: "Signed in, but not allowed to do this.",
  404: "No such resource for this caller.",
  409: "Conflicts with the current state.",
  412: "An unsupported protocol version (tus: see the Tus-Version header).",
  413: "The request body is too large.",
  415: "The request body is not of a type this route accepts.",
  416: "The requested byte range starts past the end of the file.",
  460: "The body does not match its checksum (tus checksum extension).",
  429: "Rate limited; see Retry-After.",
  503: "Temporarily unavailable; try again shortly.",
} as const;

type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** The documented error answers of a route. */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: ERROR_DESCRIPTIONS[status],
        content: { "application/json": { schema: ErrorSchema } },
      },
    ]),
  ) as unknown as Record<
    S,
    { description: string; content: { "application/json": { schema: typeof ErrorSchema } } }
  >;
}

/** A required JSON request body. */
export function jsonBody<T extends z.ZodType>(schema: T, required = true) {
  return { content: { "application/json": { schema } }, required };
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** Routes that need a signed-in caller accept either credential. */
export const AUTHENTICATED: Record<string, string[]>[] = [{ bearerAuth: [] }, { cookieAuth: [] }];

export const IdParam = <Name extends string>(name: Name) =>
  z.object({ [name]: z.uuid().openapi({ param: { name, in: "path" } }) } as Record<
    Name,
    z.ZodUUID
  >);
