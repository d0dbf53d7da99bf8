/**
 * Artwork from R2. Keys are content-addressed, so an object never changes
 * and is cached for a year; every answer runs under a CSP that executes
 * nothing (SVG artwork is a document when opened directly).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { notFound } from "../../../../lib/http/api-error.ts";
import { errorResponses } from "../../../../lib/http/openapi.ts";
import { createRouter } from "./router.ts";

export const artworkRoutes = createRouter();

artworkRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{file}",
    operationId: "getArtwork",
    summary: "An artwork image",
    description: "Public and immutable: the URL changes when the image does.",
    tags: ["Browse"],
    request: {
      params: z.object({
        file: z
          .string()
          .regex(/^[0-9a-f]{64}\.(?:png|jpg|webp|svg)$/, "An artwork file name.")
          .openapi({ param: { name: "file", in: "path" } }),
      }),
    },
    responses: {
      200: {
        description: "The image.",
        content: { "image/*": { schema: { type: "string", format: "binary" } } },
      },
      304: { description: "Unchanged." },
      ...errorResponses(400, 404),
    },
  }),
  async (c) => {
    const object = await c.env.MEDIA.get(`artwork/${c.req.valid("param").file}`, {
      onlyIf: c.req.raw.headers,
    });
    if (!object) throw notFound("artwork");
    const headers = new Headers();
    object.writeHttpMetadata(headers);
    headers.set("ETag", object.httpEtag);
    headers.set("Cache-Control", "public, max-age=31536000, immutable");
    headers.set(
      "Content-Security-Policy",
      "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    );
    headers.set("Cross-Origin-Resource-Policy", "same-site");
    // `onlyIf` answered without a body: the client's copy is current.
    if (!("body" in object)) return new Response(null, { status: 304, headers });
    return new Response(object.body, { status: 200, headers });
  },
);
