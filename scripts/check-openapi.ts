/**
 * Validates the merged OpenAPI document (`GET /api/openapi.json`: the api
 * Worker's own, with the ingest and analytics Workers' merged in) against
 * the OpenAPI Initiative's JSON Schema for its version, with a validator
 * tested on thousands of real APIs (@seriousme/openapi-schema-validator),
 * so a document that third-party tools would reject fails `npm run check`.
 *
 * The document is the one the Workers serve: they are built as for deploy
 * and run together in Miniflare, and the document is fetched from the api
 * Worker, exactly as a client would. (The validator compiles schemas to
 * code, which workerd does not allow, so it runs here in Node.)
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { Miniflare } from "miniflare";
import { auxiliaryWorkers } from "../testing/auxiliary-workers.ts";
import { testSecrets } from "../testing/secrets.ts";
import { WORKERS } from "./workers.ts";

const secrets = await testSecrets();
const workers = await auxiliaryWorkers(
  WORKERS.map(({ config }) => ({ config, bindings: secrets, consumeQueues: false })),
);
const miniflare = new Miniflare({ workers });
try {
  const response = await miniflare.dispatchFetch("http://localhost/api/openapi.json");
  if (!response.ok) throw new Error(`GET /api/openapi.json answered ${response.status}`);
  const document = (await response.json()) as object;
  const validator = new Validator();
  const result = await validator.validate(document);
  if (!result.valid) {
    console.error(`✗ The OpenAPI document is not valid OpenAPI ${validator.version}:`);
    console.error(JSON.stringify(result.errors, null, 2));
    process.exitCode = 1;
  } else {
    const paths = Object.keys((document as { paths: object }).paths).length;
    console.log(`✓ The OpenAPI document (${paths} paths) is valid OpenAPI ${validator.version}.`);
  }
} finally {
  await miniflare.dispose();
}
