/**
 * Registration, sign-in (with the two-factor step) and password reset.
 *
 * Sign-in answers an unknown email exactly as it answers a wrong password,
 * and does the same PBKDF2 work for both, so neither the answer nor its
 * timing tells whether an account exists. Password-reset requests always
 * answer 202 and do their work after the response for the same reason.
 */
import { AUDIENCES, signToken, verifyToken } from "../../../../lib/auth/signed-token.ts";
import {
  DECOY_PASSWORD_HASH,
  hashPassword,
  needsRehash,
  verifyPassword,
} from "../../../../lib/auth/password.ts";
import { normaliseRecoveryCode } from "../../../../lib/auth/recovery-codes.ts";
import { verifyTotp } from "../../../../lib/auth/totp.ts";
import { hashToken, randomToken } from "../../../../lib/crypto/bytes.ts";
import { open } from "../../../../lib/crypto/secret-box.ts";
import { MATURITY_LEVELS } from "../../../../lib/maturity.ts";
import type { Account } from "../../../../lib/db/schema.ts";
import { ApiError } from "../../../../lib/http/api-error.ts";
import { createMailer } from "../mail/mailer.ts";
import {
  claimMfaStep,
  claimRecoveryCode,
  findAccount,
  findAccountByEmail,
  insertAccount,
  insertPasswordResetToken,
  resetPasswordWithToken,
  updatePasswordHash,
} from "../storage/accounts.ts";
import { insertProfileWithinLimit } from "../storage/profiles.ts";
import type { ServiceContext } from "./context.ts";
import { startSession, stopRevokedSessions, type StartedSession } from "./sessions.ts";

const MFA_CHALLENGE_TTL_SECONDS = 5 * 60;
const RESET_TOKEN_TTL_MS = 15 * 60 * 1000;

export interface DeviceInfo {
  device: string;
  ipAddress: string | null;
}

export type SignInResult =
  | ({ status: "signed_in"; account: Account } & StartedSession)
  | { status: "mfa_required"; mfaToken: string; expiresIn: number };

const normaliseEmail = (email: string) => email.trim().toLowerCase();

const invalidCredentials = () =>
  new ApiError(401, "invalid_credentials", "The email or password is not right.");

export async function register(
  ctx: ServiceContext,
  input: { email: string; password: string; profileName?: string | undefined },
  device: DeviceInfo,
): Promise<{ account: Account } & StartedSession> {
  const email = normaliseEmail(input.email);
  const accountId = crypto.randomUUID();
  const created = await insertAccount(ctx.db, {
    id: accountId,
    email,
    passwordHash: await hashPassword(input.password),
    roles: ["account_owner"],
  });
  if (!created)
    throw new ApiError(409, "email_taken", "An account with this email already exists.");
  // Everyone starts with one profile, so "Who's watching?" is never empty.
  await insertProfileWithinLimit(ctx.db, {
    id: crypto.randomUUID(),
    accountId,
    name: input.profileName ?? (email.split("@")[0] || "Me").slice(0, 40),
    avatar: "sunrise",
    language: "en",
    isKids: false,
    maturityLevel: MATURITY_LEVELS[MATURITY_LEVELS.length - 1]!,
  });
  const account = (await findAccount(ctx.db, accountId))!;
  return { account, ...(await startSession(ctx, { account, ...device })) };
}

export async function signIn(
  ctx: ServiceContext,
  input: { email: string; password: string },
  device: DeviceInfo,
): Promise<SignInResult> {
  const account = await findAccountByEmail(ctx.db, normaliseEmail(input.email));
  const matches = await verifyPassword(
    input.password,
    account?.passwordHash ?? DECOY_PASSWORD_HASH,
  );
  if (!account || !matches) throw invalidCredentials();
  if (needsRehash(account.passwordHash))
    ctx.background(
      hashPassword(input.password).then((hash) => updatePasswordHash(ctx.db, account.id, hash)),
    );

  if (account.mfaSecret) {
    const mfaToken = await signToken(ctx.keys, {
      audience: AUDIENCES.mfaChallenge,
      subject: account.id,
      ttlSeconds: MFA_CHALLENGE_TTL_SECONDS,
    });
    return { status: "mfa_required", mfaToken, expiresIn: MFA_CHALLENGE_TTL_SECONDS };
  }
  return { status: "signed_in", account, ...(await startSession(ctx, { account, ...device })) };
}

/** The account a two-factor challenge token was issued for. */
export async function challengedAccountId(ctx: ServiceContext, mfaToken: string): Promise<string> {
  try {
    return (await verifyToken(ctx.keys, mfaToken, AUDIENCES.mfaChallenge)).sub;
  } catch {
    throw new ApiError(401, "invalid_mfa_token", "The sign-in attempt has expired; sign in again.");
  }
}

export async function completeMfaSignIn(
  ctx: ServiceContext,
  input: { accountId: string; code?: string | undefined; recoveryCode?: string | undefined },
  device: DeviceInfo,
): Promise<{ account: Account } & StartedSession> {
  const account = await findAccount(ctx.db, input.accountId);
  if (!account?.mfaSecret)
    throw new ApiError(401, "invalid_mfa_token", "The sign-in attempt has expired; sign in again.");

  let accepted = false;
  if (input.code !== undefined) {
    const secret = await open(account.mfaSecret, ctx.config.MFA_ENCRYPTION_KEY);
    const step = await verifyTotp(secret, input.code, Date.now() / 1000, {
      afterStep: account.mfaLastStep ?? -1,
    });
    accepted = step !== null && (await claimMfaStep(ctx.db, account.id, step));
  } else if (input.recoveryCode !== undefined) {
    const codeHash = await hashToken(normaliseRecoveryCode(input.recoveryCode));
    accepted = await claimRecoveryCode(ctx.db, account.id, codeHash);
  }
  if (!accepted)
    throw new ApiError(401, "invalid_mfa_code", "That code is not right, or was already used.");
  return { account, ...(await startSession(ctx, { account, ...device })) };
}

/**
 * Sends a reset link if the email has an account. Runs after the response
 * (see the module comment); the link carries the token in the URL fragment
 * so it never reaches server logs or Referer headers.
 */
export function requestPasswordReset(ctx: ServiceContext, email: string): void {
  ctx.background(
    (async () => {
      const account = await findAccountByEmail(ctx.db, normaliseEmail(email));
      if (!account) return;
      const token = randomToken();
      await insertPasswordResetToken(ctx.db, {
        tokenHash: await hashToken(token),
        accountId: account.id,
        expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MS),
      });
      const link = `${ctx.config.APP_ORIGIN}/reset-password#token=${token}`;
      await createMailer(ctx.env, ctx.config).send({
        to: account.email,
        subject: "Reset your Marquee password",
        text: `Someone asked to reset the password of your Marquee account.\n\nTo choose a new password, open this link within 15 minutes:\n${link}\n\nIf it wasn't you, ignore this email; your password stays as it is.`,
      });
    })(),
  );
}

/** Sets a new password with a reset token and signs out every session, streams included. */
export async function resetPassword(
  ctx: ServiceContext,
  token: string,
  password: string,
): Promise<void> {
  const revoked = await resetPasswordWithToken(ctx.db, {
    tokenHash: await hashToken(token),
    passwordHash: await hashPassword(password),
    now: new Date(),
  });
  if (!revoked)
    throw new ApiError(
      400,
      "invalid_reset_token",
      "This reset link is invalid, used or expired. Ask for a new one.",
    );
  await stopRevokedSessions(ctx, revoked);
}
