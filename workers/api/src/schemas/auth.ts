/** Request and response schemas of sign-up, sign-in, sessions and 2FA. */
import { z } from "@hono/zod-openapi";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../../../lib/auth/password-length.ts";
import { isCommonPassword } from "../../../../lib/auth/password-policy.ts";
import { ROLES } from "../../../../lib/auth/roles.ts";
import { PLANS } from "../../../../lib/db/schema.ts";

export const TokenDeliverySchema = z.enum(["cookie", "body"]).default("cookie").openapi({
  description:
    "`cookie` (web apps): tokens are set as httpOnly cookies and not returned. `body` (API clients): tokens are returned in the response.",
});

export const EmailSchema = z.email().max(254).openapi({ example: "viewer@example.com" });

/** A password being chosen: the policy applies. */
export const NewPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH)
  .refine((password) => !isCommonPassword(password), "This password is too common; choose another.")
  .openapi({ example: "correct-horse-battery" });

/** A password being checked: any length, so sign-in never reveals the policy. */
const CurrentPasswordSchema = z.string().min(1).max(PASSWORD_MAX_LENGTH);

export const AccountSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    roles: z.array(z.enum(ROLES)),
    plan: z.enum(PLANS),
    mfaEnabled: z.boolean(),
    activeProfileId: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi("Account");

export const TokensSchema = z
  .object({
    tokenType: z.literal("Bearer"),
    accessToken: z.string(),
    expiresIn: z.number().int().openapi({ description: "Seconds until the access token expires." }),
    refreshToken: z
      .string()
      .optional()
      .openapi({ description: "Present where a refresh token was issued." }),
  })
  .openapi("Tokens");

export const SignedInSchema = z
  .object({
    status: z.literal("signed_in"),
    account: AccountSchema,
    sessionId: z.uuid(),
    tokens: TokensSchema.optional().openapi({ description: "Only with tokenDelivery=body." }),
  })
  .openapi("SignedIn");

export const MfaChallengeSchema = z
  .object({
    status: z.literal("mfa_required"),
    mfaToken: z
      .string()
      .openapi({ description: "Pass to verifyMfa with a code; valid for 5 minutes." }),
    expiresIn: z.number().int(),
  })
  .openapi("MfaChallenge");

export const RegisterSchema = z
  .object({
    email: EmailSchema,
    password: NewPasswordSchema,
    profileName: z.string().trim().min(1).max(40).optional().openapi({
      description: "Name of the first profile; defaults to the email's local part.",
    }),
    tokenDelivery: TokenDeliverySchema,
  })
  .openapi("RegisterRequest");

export const LoginSchema = z
  .object({
    email: EmailSchema,
    password: CurrentPasswordSchema,
    tokenDelivery: TokenDeliverySchema,
  })
  .openapi("LoginRequest");

export const LoginResultSchema = z
  .discriminatedUnion("status", [SignedInSchema, MfaChallengeSchema])
  .openapi("LoginResult");

export const RefreshSchema = z
  .object({
    refreshToken: z.string().min(20).max(100).optional().openapi({
      description: "API clients send it here; web clients send the refresh cookie instead.",
    }),
  })
  .openapi("RefreshRequest");

export const RequestPasswordResetSchema = z
  .object({ email: EmailSchema })
  .openapi("PasswordResetRequest");

export const ResetPasswordSchema = z
  .object({ token: z.string().min(20).max(100), password: NewPasswordSchema })
  .openapi("PasswordResetConfirmation");

export const AcceptedSchema = z.object({ message: z.string() }).openapi("Accepted");

export const VerifyMfaSchema = z
  .object({
    mfaToken: z.string().min(1).max(2048),
    code: z
      .string()
      .regex(/^\d{6}$/, "A code is 6 digits.")
      .optional(),
    recoveryCode: z.string().min(10).max(20).optional(),
    tokenDelivery: TokenDeliverySchema,
  })
  .refine((body) => (body.code === undefined) !== (body.recoveryCode === undefined), {
    message: "Send either code or recoveryCode.",
    path: ["code"],
  })
  .openapi("VerifyMfaRequest");

export const EnrollMfaSchema = z
  .object({
    password: CurrentPasswordSchema.openapi({
      description: "Your current password, to confirm it is you.",
    }),
  })
  .openapi("EnrollMfaRequest");

export const MfaEnrolmentSchema = z
  .object({
    secret: z
      .string()
      .openapi({ description: "Base32 secret, for typing into an authenticator app." }),
    otpauthUri: z.string().openapi({ description: "The URI to show as a QR code." }),
  })
  .openapi("MfaEnrolment");

export const ConfirmMfaSchema = z
  .object({ code: z.string().regex(/^\d{6}$/, "A code is 6 digits.") })
  .openapi("ConfirmMfaRequest");

export const RecoveryCodesSchema = z
  .object({
    recoveryCodes: z.array(z.string()).openapi({ description: "Shown once; each works once." }),
  })
  .openapi("RecoveryCodes");

export const SessionSchema = z
  .object({
    id: z.uuid(),
    device: z.string(),
    ipAddress: z.string().nullable(),
    createdAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
    current: z.boolean(),
  })
  .openapi("Session");

export const SessionListSchema = z
  .object({ sessions: z.array(SessionSchema) })
  .openapi("SessionList");
