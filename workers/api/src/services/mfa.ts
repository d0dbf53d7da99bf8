/**
 * Enrolling in two-factor sign-in: the account owner proves their password,
 * gets a new TOTP secret (kept sealed in D1 as pending), and turns 2FA on by
 * sending one valid code, which returns the recovery codes.
 */
import { verifyPassword } from "../../../../lib/auth/password.ts";
import { generateRecoveryCodes } from "../../../../lib/auth/recovery-codes.ts";
import { generateTotpSecret, otpauthUri, verifyTotp } from "../../../../lib/auth/totp.ts";
import { hashToken } from "../../../../lib/crypto/bytes.ts";
import { open, seal } from "../../../../lib/crypto/secret-box.ts";
import { ApiError, notFound } from "../../../../lib/http/api-error.ts";
import { activateMfa, findAccount, setPendingMfaSecret } from "../storage/accounts.ts";
import type { ServiceContext } from "./context.ts";

const ISSUER = "Marquee";

export async function enrollMfa(ctx: ServiceContext, accountId: string, password: string) {
  const account = await findAccount(ctx.db, accountId);
  if (!account) throw notFound("account");
  if (!(await verifyPassword(password, account.passwordHash)))
    throw new ApiError(403, "invalid_password", "That password is not right.");
  if (account.mfaSecret)
    throw new ApiError(409, "mfa_already_enabled", "Two-factor sign-in is already on.");
  const secret = generateTotpSecret();
  await setPendingMfaSecret(ctx.db, account.id, await seal(secret, ctx.config.MFA_ENCRYPTION_KEY));
  return { secret, otpauthUri: otpauthUri({ issuer: ISSUER, accountName: account.email, secret }) };
}

export async function confirmMfa(ctx: ServiceContext, accountId: string, code: string) {
  const account = await findAccount(ctx.db, accountId);
  if (!account) throw notFound("account");
  if (account.mfaSecret)
    throw new ApiError(409, "mfa_already_enabled", "Two-factor sign-in is already on.");
  if (!account.mfaPendingSecret)
    throw new ApiError(409, "mfa_not_enrolling", "Start enrolment first (enrollMfa).");
  const secret = await open(account.mfaPendingSecret, ctx.config.MFA_ENCRYPTION_KEY);
  const step = await verifyTotp(secret, code, Date.now() / 1000);
  if (step === null)
    throw new ApiError(
      400,
      "invalid_mfa_code",
      "That code is not right; check the time on your device.",
    );
  const recoveryCodes = generateRecoveryCodes();
  const activated = await activateMfa(ctx.db, {
    accountId: account.id,
    sealedSecret: account.mfaPendingSecret,
    step,
    recoveryCodeHashes: await Promise.all(recoveryCodes.map(hashToken)),
  });
  if (!activated)
    throw new ApiError(409, "mfa_not_enrolling", "Enrolment changed meanwhile; start again.");
  return { recoveryCodes };
}
