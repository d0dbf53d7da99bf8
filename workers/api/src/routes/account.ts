/** The signed-in account: its details, two-factor enrolment and sessions. */
import { createRoute } from "@hono/zod-openapi";
import { notFound } from "../../../../lib/http/api-error.ts";
import { authorized } from "../middleware/authorized.ts";
import {
  AccountSchema,
  ConfirmMfaSchema,
  EnrollMfaSchema,
  MfaEnrolmentSchema,
  RecoveryCodesSchema,
  SessionListSchema,
} from "../schemas/auth.ts";
import { IdParam, errorResponses, jsonBody, jsonResponse } from "../../../../lib/http/openapi.ts";
import { serviceContext } from "../services/context.ts";
import { confirmMfa, enrollMfa } from "../services/mfa.ts";
import { presentAccount, presentSession } from "../services/presenters.ts";
import { endSessions } from "../services/sessions.ts";
import { findAccount } from "../storage/accounts.ts";
import { findSession, listActiveSessions } from "../storage/sessions.ts";
import { clearAuthCookies } from "../auth-cookies.ts";
import { createRouter } from "./router.ts";

export const accountRoutes = createRouter();

const tags = ["Account"];

accountRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "getAccount",
    summary: "The signed-in account",
    tags,
    ...authorized("viewer", "browse"),
    responses: {
      200: jsonResponse(AccountSchema, "The account."),
      ...errorResponses(401, 404, 429),
    },
  }),
  async (c) => {
    const auth = c.get("auth")!;
    const account = await findAccount((await serviceContext(c)).db, auth.accountId);
    if (!account) throw notFound("account");
    return c.json(presentAccount(account, auth.profileId), 200);
  },
);

accountRoutes.openapi(
  createRoute({
    method: "post",
    path: "/mfa/enroll",
    operationId: "enrollMfa",
    summary: "Start turning on two-factor sign-in",
    description:
      "Needs the current password. Returns a new TOTP secret and its otpauth URI; confirm with a code to turn 2FA on.",
    tags,
    ...authorized("account_owner", "profile"),
    request: { body: jsonBody(EnrollMfaSchema) },
    responses: {
      200: jsonResponse(MfaEnrolmentSchema, "A secret to add to an authenticator app."),
      ...errorResponses(400, 401, 403, 409, 413, 415, 429),
    },
  }),
  async (c) => {
    const enrolment = await enrollMfa(
      await serviceContext(c),
      c.get("auth")!.accountId,
      c.req.valid("json").password,
    );
    return c.json(enrolment, 200);
  },
);

accountRoutes.openapi(
  createRoute({
    method: "post",
    path: "/mfa/confirm",
    operationId: "confirmMfa",
    summary: "Turn on two-factor sign-in with a first code",
    tags,
    ...authorized("account_owner", "profile"),
    request: { body: jsonBody(ConfirmMfaSchema) },
    responses: {
      200: jsonResponse(RecoveryCodesSchema, "2FA is on; keep these recovery codes."),
      ...errorResponses(400, 401, 403, 409, 413, 415, 429),
    },
  }),
  async (c) => {
    const codes = await confirmMfa(
      await serviceContext(c),
      c.get("auth")!.accountId,
      c.req.valid("json").code,
    );
    return c.json(codes, 200);
  },
);

// Sessions not seen for longer than a refresh token lives are over, revoked or not.
const SESSION_LIST_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

accountRoutes.openapi(
  createRoute({
    method: "get",
    path: "/sessions",
    operationId: "listSessions",
    summary: "Devices signed in to this account",
    tags,
    ...authorized("account_owner", "browse"),
    responses: {
      200: jsonResponse(SessionListSchema, "Active sessions, most recently seen first."),
      ...errorResponses(401, 403, 429),
    },
  }),
  async (c) => {
    const auth = c.get("auth")!;
    const { db } = await serviceContext(c);
    const sessions = await listActiveSessions(
      db,
      auth.accountId,
      new Date(Date.now() - SESSION_LIST_WINDOW_MS),
    );
    return c.json(
      { sessions: sessions.map((session) => presentSession(session, auth.sessionId)) },
      200,
    );
  },
);

accountRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/sessions/{sessionId}",
    operationId: "revokeSession",
    summary: "Sign out one device",
    tags,
    ...authorized("account_owner", "profile"),
    request: { params: IdParam("sessionId") },
    responses: { 204: { description: "Signed out." }, ...errorResponses(400, 401, 403, 404, 429) },
  }),
  async (c) => {
    const auth = c.get("auth")!;
    const { sessionId } = c.req.valid("param");
    const ctx = await serviceContext(c);
    const session = await findSession(ctx.db, sessionId);
    if (!session || session.accountId !== auth.accountId) throw notFound("session");
    await endSessions(ctx, { sessionId }, "revoked_by_user");
    if (sessionId === auth.sessionId) clearAuthCookies(c);
    return c.body(null, 204);
  },
);
