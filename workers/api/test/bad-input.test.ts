/**
 * The bad-input suite, generated from the OpenAPI document so that every
 * operation, including ones added later, is covered: malformed JSON, wrong
 * types, missing fields, a JSON array, an oversized body, a non-JSON body,
 * malformed path and query parameters, an id nobody owns, no token, an
 * expired token, a tampered token and a role that is too low. Each must
 * answer its 4xx with the error contract; none may answer 5xx.
 *
 * The document says what each operation needs (`x-required-role`,
 * `x-requires-profile`, parameter schemas), so the suite builds a caller that
 * passes every check but the one under test.
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
  staffToken,
  viewerToken,
  type RequestOptions,
} from "./helpers.ts";

interface JsonSchema {
  type?: string;
  format?: string;
  enum?: string[];
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  $ref?: string;
  anyOf?: JsonSchema[];
}

interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  operationId: string;
  method: string;
  path: string;
  role?: string;
  needsProfile: boolean;
  parameters: Parameter[];
  jsonBody?: JsonSchema;
  /** Media types of a body that is not JSON (artwork uploads, upload chunks). */
  otherBodyTypes: string[];
  /**
   * The transcoder's routes take a task token, not a user's; the ingest
   * Worker's own tests try their bad input (workers/ingest/test/transcoder-routes.test.ts).
   */
  taskToken: boolean;
  /** GET /metrics takes the METRICS_TOKEN secret, not a user's token. */
  metricsToken: boolean;
}

const document = (await (await request("/api/openapi.json")).json()) as {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        "x-required-role"?: string;
        "x-requires-profile"?: boolean;
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
        security?: Record<string, string[]>[];
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
    const content = operation.requestBody?.content ?? {};
    const json = content["application/json"]?.schema;
    return {
      operationId: operation.operationId,
      method: method.toUpperCase(),
      path,
      ...(operation["x-required-role"] ? { role: operation["x-required-role"] } : {}),
      needsProfile: operation["x-requires-profile"] === true,
      parameters: operation.parameters ?? [],
      ...(json ? { jsonBody: resolve(json) } : {}),
      otherBodyTypes: Object.keys(content).filter((type) => type !== "application/json"),
      taskToken: (operation.security ?? []).some((scheme) => "taskToken" in scheme),
      metricsToken: (operation.security ?? []).some((scheme) => "metricsToken" in scheme),
    };
  }),
);

const forUsers = operations.filter((operation) => !operation.taskToken);
const withJsonBody = forUsers.filter((operation) => operation.jsonBody);
const secured = forUsers.filter((operation) => operation.role);
const withPathParams = forUsers.filter((operation) =>
  operation.parameters.some((p) => p.in === "path"),
);
const withQueryParams = forUsers.filter((operation) =>
  operation.parameters.some((p) => p.in === "query"),
);

/** A well-formed value for a path parameter that matches nothing. */
function unknownValue(parameter: Parameter): string {
  const schema = resolve(parameter.schema);
  if (schema.enum) return schema.enum[0]!;
  if (schema.format === "uuid") return crypto.randomUUID();
  if (schema.type === "integer" || schema.type === "number" || schema.minimum !== undefined)
    return "0";
  if (parameter.name === "path") return "master.m3u8";
  if (parameter.name === "taskId") return "probe";
  if (parameter.name === "file") return `${"0".repeat(64)}.svg`;
  throw new Error(`no unknown value for path parameter ${parameter.name}`);
}

function pathOf(operation: Operation, override?: (parameter: Parameter) => string) {
  return operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const parameter = operation.parameters.find((p) => p.in === "path" && p.name === name)!;
    return encodeURIComponent(override ? override(parameter) : unknownValue(parameter));
  });
}

/** A value of the wrong JSON type for a schema. */
function wrongType(schema: JsonSchema): unknown {
  const resolved = resolve(schema);
  const type = resolved.type ?? resolved.anyOf?.map((s) => resolve(s).type).find(Boolean);
  return type === "string" ? 12345 : type === "object" ? "not an object" : "not a number";
}

/** A query value its schema refuses. */
function invalidQueryValue(schema: JsonSchema): string {
  const resolved = resolve(schema);
  if (resolved.enum) return "not-an-option";
  if (resolved.type === "integer" || resolved.type === "number") return "not-a-number";
  if (resolved.format === "date-time" || resolved.format === "date") return "yesterday";
  if (resolved.format === "uuid") return "not-a-uuid";
  if (resolved.pattern) return "NOT A SLUG!";
  if (resolved.maxLength !== undefined) return "x".repeat(resolved.maxLength + 1);
  throw new Error("no invalid value for this query parameter");
}

/** Valid required query parameters, so a request reaches the check under test. */
function validQuery(operation: Operation): string {
  const required = operation.parameters.filter((p) => p.in === "query" && p.required);
  return required.length ? `?${new URLSearchParams(required.map((p) => [p.name, "drama"]))}` : "";
}

/**
 * A token that passes every access check of the operation. A fresh account
 * per call, so the suite's many requests never meet a rate limit.
 */
async function callerFor(operation: Operation): Promise<string | undefined> {
  if (!operation.role) return undefined;
  if (operation.role !== "viewer" && operation.role !== "account_owner") {
    return (await staffToken(operation.role as "content_admin")).token;
  }
  return operation.needsProfile
    ? (await viewerToken()).token
    : (await registerAccount()).accessToken;
}

/**
 * Headers a protocol requires of every request of an operation (tus wants
 * `Tus-Resumable`, `Upload-Length`, `Upload-Offset`), with valid values, so a
 * request reaches the check under test.
 */
function protocolHeaders(operation: Operation): Record<string, string> {
  return Object.fromEntries(
    operation.parameters
      .filter((p) => p.in === "header" && p.required)
      .map((p) => [p.name, resolve(p.schema).enum?.[0] ?? "1"]),
  );
}

async function send(
  operation: Operation,
  options: RequestOptions,
  path = pathOf(operation) + validQuery(operation),
) {
  // GET and HEAD cannot carry a body; send the rest of the request as it is.
  const { body, headers, ...rest } = options;
  const bodiless = operation.method === "GET" || operation.method === "HEAD";
  return request(path, {
    method: operation.method,
    headers: { ...protocolHeaders(operation), ...headers },
    ...rest,
    ...(bodiless ? {} : { body }),
  });
}

/** Bodies that pass validation, for operations whose empty body would not (to reach their 404). */
const VALID_REQUESTS: Record<string, Pick<RequestOptions, "body" | "headers">> = {
  updateProfile: { body: { name: "Someone" } },
  updateTitle: { body: { name: "Renamed" } },
  createSeason: { body: { number: 1, name: "Season 1" } },
  updateSeason: { body: { name: "Renamed" } },
  createEpisode: { body: { number: 1, name: "Pilot", runtimeMinutes: 42 } },
  updateEpisode: { body: { name: "Renamed" } },
  rateTitle: { body: { rating: "up" } },
  reviewTitle: { body: { body: "A review that is long enough." } },
  moderateReview: { body: { state: "approved" } },
  uploadArtwork: {
    body: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>',
    headers: { "content-type": "image/svg+xml" },
  },
  setTitleVideo: { body: { assetId: null } },
  setEpisodeVideo: { body: { assetId: null } },
  setTitleMarkers: { body: { intro: null } },
  setEpisodeMarkers: { body: { intro: null } },
  updateExperiment: { body: { name: "Renamed" } },
  appendUploadChunk: {
    body: new Uint8Array(1),
    headers: { "content-type": "application/offset+octet-stream", "upload-offset": "0" },
  },
};

function expectNo5xx(response: Response) {
  expect(response.status, `${response.status} is not a 4xx`).toBeLessThan(500);
}

it("documents every operation with a unique operationId", () => {
  expect(operations.map((operation) => operation.operationId)).toEqual(
    expect.arrayContaining([
      // The foundation
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
      // The catalog
      "getHome",
      "getTitle",
      "searchTitles",
      "suggestTitles",
      "addToMyList",
      "removeFromMyList",
      "getMyList",
      "rateTitle",
      "reviewTitle",
      "listReviews",
      "createTitle",
      "updateTitle",
      "publishTitle",
      "getTitleMarkers",
      "setTitleMarkers",
      "getEpisodeMarkers",
      "setEpisodeMarkers",
      "unpublishTitle",
      "deleteTitle",
      "createSeason",
      "createEpisode",
      "uploadArtwork",
      // Ingest
      "createUpload",
      "listIngestJobs",
      "getIngestJob",
      "retryIngestJob",
      "cancelIngestJob",
      // Experiments
      "createExperiment",
      "updateExperiment",
      "listExperiments",
      "getExperimentResults",
      "getAssignments",
      // Operations
      "getMetrics",
    ]),
  );
  expect(new Set(operations.map((operation) => operation.operationId)).size).toBe(
    operations.length,
  );
});

describe.each(withJsonBody)("$operationId ($method $path) with a bad body", (operation) => {
  it("answers malformed JSON with 400", async () => {
    await expectError(
      await send(operation, { token: await callerFor(operation), body: "{ not json" }),
      400,
    );
  });

  it("answers a JSON array with 400", async () => {
    await expectError(
      await send(operation, { token: await callerFor(operation), body: "[]" }),
      400,
      "validation_failed",
    );
  });

  it("answers wrong types with 400 naming the fields", async () => {
    const properties = Object.entries(operation.jsonBody!.properties ?? {});
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
    if (!operation.jsonBody!.required?.length) skip("no required fields");
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

describe.each(withPathParams)(
  "$operationId ($method $path) with a bad path parameter",
  (operation) => {
    it("answers a malformed parameter with 400", async () => {
      const path = pathOf(operation, () => "not-a-valid-value");
      await expectError(
        await send(operation, { token: await callerFor(operation), body: {} }, path),
        400,
        "validation_failed",
      );
    });

    it("answers an id nobody owns with 404", async () => {
      const valid = VALID_REQUESTS[operation.operationId] ?? { body: {} };
      await expectError(
        await send(operation, { token: await callerFor(operation), ...valid }),
        404,
        "not_found",
      );
    });
  },
);

describe.each(withQueryParams)(
  "$operationId ($method $path) with bad query parameters",
  (operation) => {
    const queryParams = operation.parameters.filter((p) => p.in === "query");

    it.each(queryParams.map((p) => [p.name, p] as const))(
      "answers an invalid %s with 400",
      async (name, parameter) => {
        const query = new URLSearchParams(validQuery(operation).slice(1));
        query.set(name, invalidQueryValue(parameter.schema));
        const response = await send(
          operation,
          { token: await callerFor(operation) },
          `${pathOf(operation)}?${query}`,
        );
        await expectError(response, 400, "validation_failed");
      },
    );

    it("answers missing required parameters with 400", async ({ skip }) => {
      if (!queryParams.some((p) => p.required)) skip("no required query parameters");
      await expectError(
        await send(operation, { token: await callerFor(operation) }, pathOf(operation)),
        400,
        "validation_failed",
      );
    });
  },
);

describe.each(forUsers.filter((operation) => operation.otherBodyTypes.length > 0))(
  "$operationId ($method $path) with a body of the wrong type",
  (operation) => {
    it("answers JSON with 415", async () => {
      const response = await send(operation, {
        token: await callerFor(operation),
        body: { image: "no" },
      });
      await expectError(response, 415, "unsupported_media_type");
    });
  },
);

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
        roles: ["admin"],
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

describe.each(operations.filter((operation) => operation.metricsToken))(
  "$operationId ($method $path) without the metrics token",
  (operation) => {
    it.each([
      ["no token", undefined],
      ["a user's access token", "user"],
      ["a wrong token of the right length", "x".repeat(env.METRICS_TOKEN.length)],
    ] as const)("answers %s with 401", async (_, token) => {
      const presented = token === "user" ? (await registerAccount()).accessToken : token;
      await expectError(await send(operation, { token: presented }), 401, "unauthenticated");
    });
  },
);

describe.each(secured.filter((operation) => operation.role !== "viewer"))(
  "$operationId ($method $path) for a role that is too low",
  (operation) => {
    it("answers a kids session (a viewer) with 403", async () => {
      const kidsToken = await kidsSessionToken((await registerAccount()).accessToken);
      await expectError(await send(operation, { token: kidsToken, body: {} }), 403, "forbidden");
    });

    it("answers an account owner with 403 on staff routes", async ({ skip }) => {
      if (operation.role === "account_owner") skip("owner route");
      await expectError(
        await send(operation, { token: (await viewerToken()).token, body: {} }),
        403,
        "forbidden",
      );
    });
  },
);

describe.each(operations.filter((operation) => operation.needsProfile))(
  "$operationId ($method $path) before a profile is chosen",
  (operation) => {
    it("answers 403 profile_required", async () => {
      const account = await registerAccount();
      await expectError(
        await send(operation, { token: account.accessToken, body: {} }),
        403,
        "profile_required",
      );
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
