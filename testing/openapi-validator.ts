/**
 * A real OpenAPI validator for Worker tests: @seriousme/openapi-schema-
 * validator (the OpenAPI Initiative's JSON Schemas for 2.0 to 3.2, tested
 * on thousands of real APIs), run by Node and offered to workerd as a
 * service binding, since it compiles schemas to code and workerd does not
 * allow that. POST a document and get `{ valid, version, errors }`.
 */
import { Validator } from "@seriousme/openapi-schema-validator";

export async function openapiValidator(request: Request): Promise<Response> {
  const validator = new Validator();
  const result = await validator.validate((await request.json()) as Record<string, unknown>);
  return Response.json({
    valid: result.valid,
    version: validator.version,
    errors: result.valid ? [] : result.errors,
  });
}
