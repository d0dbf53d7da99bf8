/**
 * The api Worker's part in ingest: it authenticates every /api/ingest
 * request and forwards it, with the caller, to the ingest Worker over its
 * service binding, which decides what that caller may do there. No session:
 * 401 here; a viewer: forwarded, and refused by the ingest Worker's role
 * check; a content admin's tus requests reach the ingest Worker and come
 * back with its answers; the tus discovery and the transcoder's routes pass
 * without a session. What ingest does is tested in workers/ingest/test.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { formatUploadMetadata } from "../../../lib/ingest/tus.ts";
import { loadDemoCatalog } from "./demo-catalog.ts";
import { env, expectError, request, staffToken, viewerToken } from "./helpers.ts";
import { createMovie } from "./movie-fixture.ts";

const UPLOADS = "/api/ingest/uploads";
const TUS = { "tus-resumable": "1.0.0" };
/** The ingest Worker's own words when a caller lacks the role (workers/ingest/src/middleware/staff-only.ts). */
const INGEST_REFUSAL = "Only content admins may do this.";

let admin: { accountId: string; token: string };
let movieId: string;
beforeAll(async () => {
  await loadDemoCatalog();
  const staff = await staffToken("content_admin");
  admin = { accountId: staff.account.accountId, token: staff.token };
  movieId = await createMovie(admin.token);
});

const createUpload = (token: string | undefined, length = 1000) =>
  request(UPLOADS, {
    method: "POST",
    token,
    headers: {
      ...TUS,
      "upload-length": String(length),
      "upload-metadata": formatUploadMetadata({ filename: "film.mp4", titleId: movieId }),
    },
  });

const uploadCount = async () =>
  (await env.DB.prepare("select count(*) as n from uploads").first<{ n: number }>())!.n;

describe("forwarding /api/ingest", () => {
  it("refuses a request without a valid session with 401, before the ingest Worker sees it", async () => {
    const before = await uploadCount();
    await expectError(await createUpload(undefined), 401, "unauthenticated");
    await expectError(await createUpload("not-a-session"), 401);
    await expectError(await request("/api/ingest/jobs"), 401, "unauthenticated");
    expect(await uploadCount()).toBe(before);
  });

  it("forwards a viewer, whom the ingest Worker refuses with 403", async () => {
    const viewer = (await viewerToken()).token;
    for (const response of [
      await createUpload(viewer),
      await request("/api/ingest/jobs", { token: viewer }),
      await request("/api/ingest/webhooks", { token: viewer }),
    ]) {
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        error: { code: "forbidden", message: INGEST_REFUSAL },
      });
    }
  });

  it("forwards a content admin's tus requests, with who they are, and returns the ingest Worker's answers", async () => {
    const discovery = await request(UPLOADS, { method: "OPTIONS" });
    expect(discovery.status).toBe(204);
    expect(discovery.headers.get("tus-version")).toBe("1.0.0");
    expect(discovery.headers.get("tus-extension")).toContain("creation");

    const bytes = new Uint8Array(1000).fill(7);
    bytes.set([0, 0, 0, 24, ...new TextEncoder().encode("ftypisom"), 0, 0, 2, 0]);
    const created = await createUpload(admin.token, bytes.length);
    expect(created.status).toBe(201);
    expect(created.headers.get("tus-resumable")).toBe("1.0.0");
    const location = created.headers.get("location")!;
    expect(location).toMatch(/^\/api\/ingest\/uploads\/[0-9a-f-]{36}$/);
    const uploadId = location.split("/").pop()!;
    // The upload is the caller's: the ingest Worker got the account the api Worker authenticated.
    const row = await env.DB.prepare("select account_id, state from uploads where id = ?")
      .bind(uploadId)
      .first();
    expect(row).toEqual({ account_id: admin.accountId, state: "uploading" });

    const head = await request(location, { method: "HEAD", token: admin.token, headers: TUS });
    expect(head.status).toBe(200);
    expect(head.headers.get("upload-offset")).toBe("0");
    // A body streams through untouched.
    const sent = await request(location, {
      method: "PATCH",
      token: admin.token,
      body: bytes,
      headers: { ...TUS, "content-type": "application/offset+octet-stream", "upload-offset": "0" },
    });
    expect(sent.status).toBe(204);
    expect(sent.headers.get("upload-offset")).toBe(String(bytes.length));
    const job = await env.DB.prepare(
      "select title_id, created_by from ingest_jobs where upload_id = ?",
    )
      .bind(uploadId)
      .first();
    expect(job).toEqual({ title_id: movieId, created_by: admin.accountId });
  });

  it("merges the ingest Worker's routes into the API document, every security scheme they name declared", async () => {
    const document = (await (await request("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { operationId: string; security?: object[] }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    const operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith("/api/ingest/"))
      .flatMap(([, methods]) => Object.values(methods));
    expect(operations.map((operation) => operation.operationId)).toEqual(
      expect.arrayContaining([
        "createUpload",
        "listIngestJobs",
        "createWebhook",
        "readJobSource",
        "heartbeatTask",
      ]),
    );
    const named = new Set(
      operations.flatMap((operation) =>
        (operation.security ?? []).flatMap((scheme) => Object.keys(scheme)),
      ),
    );
    const declared = Object.keys(document.components.securitySchemes);
    expect([...named].filter((name) => !declared.includes(name))).toEqual([]);
  });

  it("forwards the transcoder's routes without a session; the ingest Worker checks the task token", async () => {
    const source = `/api/ingest/transcoder/jobs/${crypto.randomUUID()}/source`;
    await expectError(await request(source), 401, "unauthenticated");
    // A user's access token is a session here, but not a task token there.
    await expectError(await request(source, { token: admin.token }), 401, "invalid_token");
  });
});
