/** Sign-up, sign-in, the two-factor step, token refresh, sign-out and password reset. */
import { createRoute, z } from "@hono/zod-openapi";
import { unauthenticated } from "../../../../lib/http/api-error.ts";
import { clearAuthCookies, refreshCookie } from "../auth-cookies.ts";
import { authenticate } from "../middleware/auth.ts";
import { enforceRateLimit, rateLimit } from "../middleware/rate-limit.ts";
import {
  AcceptedSchema,
  LoginResultSchema,
  LoginSchema,
  RefreshSchema,
  RegisterSchema,
  RequestPasswordResetSchema,
  ResetPasswordSchema,
  SignedInSchema,
  VerifyMfaSchema,
} from "../schemas/auth.ts";
import { errorResponses, jsonBody, jsonResponse } from "../../../../lib/http/openapi.ts";
import {
  challengedAccountId,
  completeMfaSignIn,
  register,
  requestPasswordReset,
  resetPassword,
  signIn,
} from "../services/accounts.ts";
import { serviceContext } from "../services/context.ts";
import { endSessions, refreshSession, sessionOfRefreshToken } from "../services/sessions.ts";
import { createRouter } from "./router.ts";
import { deliverTokens, deviceInfo, signedIn } from "./token-delivery.ts";

export const authRoutes = createRouter();

const tags = ["Auth"];

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/register",
    operationId: "register",
    summary: "Create an account and sign in",
    tags,
    middleware: [rateLimit("auth")],
    request: { body: jsonBody(RegisterSchema) },
    responses: {
      201: jsonResponse(SignedInSchema, "Account created; signed in."),
      ...errorResponses(400, 409, 413, 415, 429),
    },
  }),
  async (c) => {
    const { tokenDelivery, ...input } = c.req.valid("json");
    const ctx = await serviceContext(c);
    const session = await register(ctx, input, deviceInfo(c));
    return c.json(signedIn(c, session, tokenDelivery), 201);
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/login",
    operationId: "login",
    summary: "Sign in with email and password",
    description:
      "Answers `signed_in`, or `mfa_required` with a challenge token when two-factor sign-in is on. An unknown email and a wrong password get the same 401.",
    tags,
    middleware: [rateLimit("auth")],
    request: { body: jsonBody(LoginSchema) },
    responses: {
      200: jsonResponse(LoginResultSchema, "Signed in, or a second factor is needed."),
      ...errorResponses(400, 401, 413, 415, 429),
    },
  }),
  async (c) => {
    const { tokenDelivery, ...credentials } = c.req.valid("json");
    const ctx = await serviceContext(c);
    const result = await signIn(ctx, credentials, deviceInfo(c));
    if (result.status === "mfa_required") return c.json(result, 200);
    return c.json(signedIn(c, result, tokenDelivery), 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/mfa/verify",
    operationId: "verifyMfa",
    summary: "Complete sign-in with a TOTP code or a recovery code",
    tags,
    request: { body: jsonBody(VerifyMfaSchema) },
    responses: {
      200: jsonResponse(SignedInSchema, "Signed in."),
      ...errorResponses(400, 401, 413, 415, 429),
    },
  }),
  async (c) => {
    const { mfaToken, code, recoveryCode, tokenDelivery } = c.req.valid("json");
    const ctx = await serviceContext(c);
    const accountId = await challengedAccountId(ctx, mfaToken);
    // Limited per account, not per IP, so guessing codes from many addresses doesn't help.
    await enforceRateLimit(c, "auth", `account:${accountId}`);
    const session = await completeMfaSignIn(ctx, { accountId, code, recoveryCode }, deviceInfo(c));
    return c.json(signedIn(c, session, tokenDelivery), 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/refresh",
    operationId: "refreshSession",
    summary: "Exchange a refresh token for new tokens",
    description:
      "Web clients send the refresh cookie and get new cookies; API clients send `refreshToken` and get new tokens in the body. Each refresh token works once: using one twice signs the session out.",
    tags,
    middleware: [rateLimit("browse")],
    request: { body: jsonBody(RefreshSchema, false) },
    responses: {
      200: jsonResponse(
        z.object({ sessionId: z.uuid(), tokens: SignedInSchema.shape.tokens }),
        "New tokens issued.",
      ),
      ...errorResponses(400, 401, 413, 415, 429),
    },
  }),
  async (c) => {
    const fromBody = c.req.valid("json").refreshToken;
    const presented = fromBody ?? refreshCookie(c);
    if (!presented) throw unauthenticated("Send a refresh token.");
    const ctx = await serviceContext(c);
    try {
      const { sessionId, tokens } = await refreshSession(ctx, presented);
      return c.json(
        { sessionId, tokens: deliverTokens(c, tokens, fromBody ? "body" : "cookie") },
        200,
      );
    } catch (error) {
      if (!fromBody) clearAuthCookies(c);
      throw error;
    }
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/logout",
    operationId: "logout",
    summary: "Sign out this session",
    description:
      "Revokes the session of the refresh token (body or cookie) or, failing that, of the access token.",
    tags,
    middleware: [rateLimit("browse")],
    request: { body: jsonBody(RefreshSchema, false) },
    responses: { 204: { description: "Signed out." }, ...errorResponses(400, 401, 413, 415, 429) },
  }),
  async (c) => {
    const ctx = await serviceContext(c);
    const presented = c.req.valid("json").refreshToken ?? refreshCookie(c);
    const session = presented
      ? await sessionOfRefreshToken(ctx, presented)
      : await authenticate(c).then((auth) => ({ sessionId: auth.sessionId }));
    clearAuthCookies(c);
    if (!session) throw unauthenticated("That refresh token is not known.");
    await endSessions(ctx, { sessionId: session.sessionId }, "sign_out");
    return c.body(null, 204);
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/password-reset",
    operationId: "requestPasswordReset",
    summary: "Email a password-reset link",
    description: "Always answers 202, whether or not the email has an account.",
    tags,
    middleware: [rateLimit("auth")],
    request: { body: jsonBody(RequestPasswordResetSchema) },
    responses: {
      202: jsonResponse(AcceptedSchema, "If the account exists, a link is on its way."),
      ...errorResponses(400, 413, 415, 429),
    },
  }),
  async (c) => {
    requestPasswordReset(await serviceContext(c), c.req.valid("json").email);
    return c.json({ message: "If an account uses that email, a reset link is on its way." }, 202);
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/password-reset/confirm",
    operationId: "resetPassword",
    summary: "Set a new password with a reset token",
    description:
      "The token works once, for 15 minutes. Every session of the account is signed out.",
    tags,
    middleware: [rateLimit("auth")],
    request: { body: jsonBody(ResetPasswordSchema) },
    responses: { 204: { description: "Password changed." }, ...errorResponses(400, 413, 415, 429) },
  }),
  async (c) => {
    const { token, password } = c.req.valid("json");
    await resetPassword(await serviceContext(c), token, password);
    return c.body(null, 204);
  },
);
