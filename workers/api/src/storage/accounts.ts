/** Queries on accounts, their recovery codes and password-reset tokens. */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import {
  accounts,
  passwordResetTokens,
  recoveryCodes,
  sessions,
  type Account,
} from "../../../../lib/db/schema.ts";
import type { Role } from "../../../../lib/auth/roles.ts";
import type { Database } from "../../../../lib/db/database.ts";

export function findAccountByEmail(db: Database, email: string): Promise<Account | undefined> {
  return db.query.accounts.findFirst({ where: eq(accounts.email, email) });
}

export function findAccount(db: Database, accountId: string): Promise<Account | undefined> {
  return db.query.accounts.findFirst({ where: eq(accounts.id, accountId) });
}

/** Inserts an account; false when the email is already registered. */
export async function insertAccount(
  db: Database,
  account: { id: string; email: string; passwordHash: string; roles: Role[] },
): Promise<boolean> {
  const inserted = await db
    .insert(accounts)
    .values(account)
    .onConflictDoNothing({ target: accounts.email })
    .returning({ id: accounts.id });
  return inserted.length === 1;
}

export async function updatePasswordHash(db: Database, accountId: string, passwordHash: string) {
  await db.update(accounts).set({ passwordHash }).where(eq(accounts.id, accountId));
}

export async function setPendingMfaSecret(db: Database, accountId: string, sealedSecret: string) {
  await db
    .update(accounts)
    .set({ mfaPendingSecret: sealedSecret })
    .where(eq(accounts.id, accountId));
}

/**
 * Turns the pending secret into the active one and replaces the recovery
 * codes, in one transaction. False if the pending secret changed meanwhile.
 */
export async function activateMfa(
  db: Database,
  {
    accountId,
    sealedSecret,
    step,
    recoveryCodeHashes,
  }: {
    accountId: string;
    sealedSecret: string;
    step: number;
    recoveryCodeHashes: string[];
  },
): Promise<boolean> {
  const [activated] = await db.batch([
    db
      .update(accounts)
      .set({ mfaSecret: sealedSecret, mfaPendingSecret: null, mfaLastStep: step })
      .where(and(eq(accounts.id, accountId), eq(accounts.mfaPendingSecret, sealedSecret)))
      .returning({ id: accounts.id }),
    db.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId)),
    db
      .insert(recoveryCodes)
      .values(recoveryCodeHashes.map((codeHash) => ({ accountId, codeHash }))),
  ]);
  return activated.length === 1;
}

/**
 * Records that a TOTP step was used, unless it (or a later one) already was:
 * two requests racing with the same code cannot both win.
 */
export async function claimMfaStep(
  db: Database,
  accountId: string,
  step: number,
): Promise<boolean> {
  const claimed = await db
    .update(accounts)
    .set({ mfaLastStep: step })
    .where(
      and(
        eq(accounts.id, accountId),
        sql`(${accounts.mfaLastStep} is null or ${accounts.mfaLastStep} < ${step})`,
      ),
    )
    .returning({ id: accounts.id });
  return claimed.length === 1;
}

export async function claimRecoveryCode(
  db: Database,
  accountId: string,
  codeHash: string,
): Promise<boolean> {
  const claimed = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(recoveryCodes.accountId, accountId),
        eq(recoveryCodes.codeHash, codeHash),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ accountId: recoveryCodes.accountId });
  return claimed.length === 1;
}

export async function insertPasswordResetToken(
  db: Database,
  token: { tokenHash: string; accountId: string; expiresAt: Date },
) {
  await db.insert(passwordResetTokens).values(token);
}

/**
 * Spends a reset token and sets the new password hash, revoking every
 * session of the account, all in one transaction. Returns the revoked
 * sessions, or null when the token is unknown, spent or expired.
 */
export async function resetPasswordWithToken(
  db: Database,
  { tokenHash, passwordHash, now }: { tokenHash: string; passwordHash: string; now: Date },
): Promise<{ id: string; accountId: string }[] | null> {
  const spentBy = db
    .select({ accountId: passwordResetTokens.accountId })
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.tokenHash, tokenHash), eq(passwordResetTokens.usedAt, now)));
  const [spent, , revoked] = await db.batch([
    db
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResetTokens.tokenHash, tokenHash),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, now),
        ),
      )
      .returning({ accountId: passwordResetTokens.accountId }),
    db
      .update(accounts)
      .set({ passwordHash })
      .where(sql`${accounts.id} = (${spentBy})`),
    db
      .update(sessions)
      .set({ revokedAt: now, revokedReason: "password_reset" })
      .where(and(sql`${sessions.accountId} = (${spentBy})`, isNull(sessions.revokedAt)))
      .returning({ id: sessions.id, accountId: sessions.accountId }),
  ]);
  return spent.length === 1 ? revoked : null;
}
