/**
 * The OpenAPI document clients and tools read (`GET /api/openapi.json`:
 * the api Worker's, with the ingest and analytics Workers' merged in) is
 * valid OpenAPI for its version, by a real validator run in Node
 * (testing/openapi-validator.ts). `npm run check` runs this file too.
 */
import { describe, expect, it } from "vitest";
import { env, request } from "./helpers.ts";

interface Validation {
  valid: boolean;
  version: string;
  errors: unknown[];
}

const validate = async (document: unknown): Promise<Validation> =>
  (await (
    await env.OPENAPI_VALIDATOR.fetch("http://validator/", {
      method: "POST",
      body: JSON.stringify(document),
    })
  ).json()) as Validation;

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1, ingest and analytics included", async () => {
    const response = await request("/api/openapi.json");
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(["/api/playback", "/api/ingest/uploads", "/api/qoe/events"]),
    );
    const result = await validate(document);
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ valid: true, version: "3.1" });
  });

  it("and the validator does reject an optional path parameter", async () => {
    const broken = {
      openapi: "3.1.0",
      info: { title: "x", version: "1" },
      paths: {
        "/items/{id}": {
          get: {
            parameters: [{ name: "id", in: "path", required: false, schema: { type: "string" } }],
            responses: { "200": { description: "ok" } },
          },
        },
      },
    };
    expect((await validate(broken)).valid).toBe(false);
  });
});
