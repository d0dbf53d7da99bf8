/**
 * The bad-input suite, generated from the OpenAPI document so that every
 * operation, including ones added later, is covered: malformed JSON, wrong
 * types, missing fields, a JSON array, an oversized body, a non-JSON body,
 * a non-UUID path parameter, no token, an expired token, a tampered token
 * and, for owner-only routes, a kids session. Each must answer its 4xx with
 * the error contract; none may answer 5xx.
 */
import { describe, expect, it } from "vitest";
import { issueAccessToken } from "../../../lib/auth/access-token.ts";
import { tokenKeys } from "../../../lib/auth/signed-token.ts";
import {
  env,
  expectError,
  kidsSessionToken,
  registerAccount,
  request,
  type RequestOptions,
} from "./helpers.ts";

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  $ref?: string;
  anyOf?: JsonSchema[];
}

interface Operation {
  operationId: string;
  method: string;
  path: string;
  role?: string;
  body?: JsonSchema;
}

const document = (await (await request("/api/openapi.json")).json()) as {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        "x-required-role"?: string;
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
      }
    >
  >;
  components: { schemas: Record<string, JsonSchema> };
};

function resolve(schema: JsonSchema): JsonSchema {
  return schema.$ref
    ? resolve(document.components.schemas[schema.$ref.split("/").pop()!]!)
    : schema;
}

const operations: Operation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => {
    const schema = operation.requestBody?.content["application/json"]?.schema;
    return {
      operationId: operation.operationId,
      method: method.toUpperCase(),
      path,
      ...(operation["x-required-role"] ? { role: operation["x-required-role"] } : {}),
      ...(schema ? { body: resolve(schema) } : {}),
    };
  }),
);

const withBody = operations.filter((operation) => operation.body);
const secured = operations.filter((operation) => operation.role);
const withParams = operations.filter((operation) => operation.path.includes("{"));

/** The path with every parameter filled in (a well-formed id that no one owns, by default). */
function pathOf(operation: Operation, id: string = crypto.randomUUID()) {
  return operation.path.replace(/\{\w+\}/g, id);
}

/** A value of the wrong JSON type for a schema. */
function wrongType(schema: JsonSchema): unknown {
  const type =
    resolve(schema).type ??
    resolve(schema)
      .anyOf?.map((s) => resolve(s).type)
      .find(Boolean);
  return type === "string" ? 12345 : type === "object" ? "not an object" : "not a number";
}

async function callerFor(operation: Operation): Promise<string | undefined> {
  // A fresh account per call, so the suite's many requests never meet a rate limit.
  return operation.role ? (await registerAccount()).accessToken : undefined;
}

async function send(operation: Operation, options: RequestOptions, path = pathOf(operation)) {
  // GET and HEAD cannot carry a body; send the rest of the request as it is.
  const { body, ...rest } = options;
  const bodiless = operation.method === "GET" || operation.method === "HEAD";
  return request(path, { method: operation.method, ...rest, ...(bodiless ? {} : { body }) });
}

/** Operations whose empty body is invalid need a valid one to reach their 404. */
const VALID_BODIES: Record<string, unknown> = { updateProfile: { name: "Someone" } };

function expectNo5xx(response: Response) {
  expect(response.status, `${response.status} is not a 4xx`).toBeLessThan(500);
}

it("documents every operation of the foundation with a stable operationId", () => {
  expect(operations.map((operation) => operation.operationId)).toEqual(
    expect.arrayContaining([
      "register",
      "login",
      "logout",
      "refreshSession",
      "requestPasswordReset",
      "resetPassword",
      "enrollMfa",
      "confirmMfa",
      "verifyMfa",
      "listSessions",
      "revokeSession",
      "getAccount",
      "listProfiles",
      "createProfile",
      "updateProfile",
      "deleteProfile",
      "selectProfile",
      "getHealth",
    ]),
  );
  expect(new Set(operations.map((operation) => operation.operationId)).size).toBe(
    operations.length,
  );
});

describe.each(withBody)("$operationId ($method $path) with a bad body", (operation) => {
  it("answers malformed JSON with 400", async () => {
    const response = await send(operation, {
      token: await callerFor(operation),
      body: "{ not json",
    });
    await expectError(response, 400);
  });

  it("answers a JSON array with 400", async () => {
    await expectError(
      await send(operation, { token: await callerFor(operation), body: "[]" }),
      400,
      "validation_failed",
    );
  });

  it("answers wrong types with 400 naming the fields", async () => {
    const properties = Object.entries(operation.body!.properties ?? {});
    const body = Object.fromEntries(properties.map(([name, schema]) => [name, wrongType(schema)]));
    const response = await send(operation, { token: await callerFor(operation), body });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as {
      error: { code: string; details: { path: string }[] };
    };
    expect(error.code).toBe("validation_failed");
    expect(error.details.length).toBeGreaterThan(0);
  });

  it("answers missing required fields with 400", async ({ skip }) => {
    if (!operation.body!.required?.length) skip("no required fields");
    await expectError(
      await send(operation, { token: await callerFor(operation), body: {} }),
      400,
      "validation_failed",
    );
  });

  it("answers an oversized body with 413", async () => {
    const body = JSON.stringify({ padding: "x".repeat(70 * 1024) });
    await expectError(
      await send(operation, { token: await callerFor(operation), body }),
      413,
      "payload_too_large",
    );
  });

  it("answers a body that is not JSON with 415", async () => {
    const response = await send(operation, {
      token: await callerFor(operation),
      body: "a=1",
      headers: { "content-type": "text/plain" },
    });
    await expectError(response, 415, "unsupported_media_type");
  });
});

describe.each(withParams)("$operationId ($method $path) with a bad path parameter", (operation) => {
  it("answers a parameter that is not a UUID with 400", async () => {
    const response = await send(
      operation,
      { token: await callerFor(operation), body: {} },
      pathOf(operation, "not-a-uuid"),
    );
    await expectError(response, 400, "validation_failed");
  });

  it("answers an id nobody owns with 404", async () => {
    const body = VALID_BODIES[operation.operationId] ?? {};
    const response = await send(operation, { token: await callerFor(operation), body });
    await expectError(response, 404, "not_found");
  });
});

describe.each(secured)("$operationId ($method $path) without valid credentials", (operation) => {
  it("answers no token with 401", async () => {
    await expectError(await send(operation, { body: {} }), 401, "unauthenticated");
  });

  it("answers an expired token with 401", async () => {
    const account = await registerAccount();
    const expired = await issueAccessToken(
      await tokenKeys(env.JWT_SIGNING_KEYS),
      {
        accountId: account.accountId,
        sessionId: account.sessionId,
        profileId: null,
        roles: ["account_owner"],
        plan: "standard",
      },
      -1,
    );
    await expectError(await send(operation, { token: expired, body: {} }), 401, "token_expired");
  });

  it("answers a tampered token with 401", async () => {
    const token = (await registerAccount()).accessToken;
    const tampered = token.slice(0, -6) + (token.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
    await expectError(await send(operation, { token: tampered, body: {} }), 401, "invalid_token");
  });
});

describe.each(secured.filter((operation) => operation.role === "account_owner"))(
  "$operationId ($method $path) for a role that is too low",
  (operation) => {
    it("answers a kids session with 403", async () => {
      const kidsToken = await kidsSessionToken((await registerAccount()).accessToken);
      await expectError(await send(operation, { token: kidsToken, body: {} }), 403, "forbidden");
    });
  },
);

describe.each(operations)("$operationId ($method $path) never fails on our side", (operation) => {
  it.each([
    ["an empty body", { body: {} }],
    ["a null body", { body: "null" }],
    [
      "deeply nested junk",
      {
        body: JSON.stringify({
          a: { b: { c: [1, { d: null }] } },
          email: ["x"],
          password: { $gt: "" },
        }),
      },
    ],
    [
      "unicode junk",
      { body: JSON.stringify({ email: "\u0000\uffff@\u202e.com", name: "\ud83d" }) },
    ],
  ] as const)("with %s", async (_, options) => {
    const response = await send(operation, { token: await callerFor(operation), ...options });
    expectNo5xx(response);
    if (response.status >= 400) await expectError(response, response.status);
  });
});
