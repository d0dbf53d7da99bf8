/** Queries on profiles, including the PIN attempt counter. */
import { and, asc, eq, sql } from "drizzle-orm";
import { profiles, type Profile } from "../../../../lib/db/schema.ts";
import { PROFILE_LIMIT } from "../../../../lib/profiles.ts";
import type { Database } from "../../../../lib/db/database.ts";

export const PIN_MAX_ATTEMPTS = 5;

export function listProfiles(db: Database, accountId: string): Promise<Profile[]> {
  return db.query.profiles.findMany({
    where: eq(profiles.accountId, accountId),
    orderBy: asc(profiles.createdAt),
  });
}

/** A profile, only if it belongs to the account. */
export function findProfile(
  db: Database,
  accountId: string,
  profileId: string,
): Promise<Profile | undefined> {
  return db.query.profiles.findFirst({
    where: and(eq(profiles.id, profileId), eq(profiles.accountId, accountId)),
  });
}

export type NewProfile = Omit<typeof profiles.$inferInsert, "createdAt" | "updatedAt">;

/**
 * Inserts a profile unless the account already has PROFILE_LIMIT: the count
 * and the insert are one statement, so concurrent creates cannot overshoot.
 * Throws on a duplicate name (unique index).
 */
export async function insertProfileWithinLimit(
  db: Database,
  profile: NewProfile,
): Promise<boolean> {
  const now = Date.now();
  const result = await db.run(sql`
    insert into ${profiles}
      (id, account_id, name, avatar, language, is_kids, maturity_level, pin_hash, pin_attempts, created_at, updated_at)
    select ${profile.id}, ${profile.accountId}, ${profile.name}, ${profile.avatar}, ${profile.language},
           ${profile.isKids ? 1 : 0}, ${profile.maturityLevel}, ${profile.pinHash ?? null}, 0, ${now}, ${now}
    where (select count(*) from ${profiles} where account_id = ${profile.accountId}) < ${PROFILE_LIMIT}`);
  return result.meta.changes === 1;
}

export async function updateProfile(
  db: Database,
  accountId: string,
  profileId: string,
  changes: Partial<
    Pick<Profile, "name" | "avatar" | "language" | "isKids" | "maturityLevel" | "pinHash">
  >,
): Promise<Profile | undefined> {
  const [updated] = await db
    .update(profiles)
    .set({
      ...changes,
      // A new or removed PIN starts with a clean attempt record.
      ...("pinHash" in changes ? { pinAttempts: 0, pinLockedUntil: null } : {}),
    })
    .where(and(eq(profiles.id, profileId), eq(profiles.accountId, accountId)))
    .returning();
  return updated;
}

/** Deletes a profile unless it is the account's last one. */
export async function deleteProfileUnlessLast(
  db: Database,
  accountId: string,
  profileId: string,
): Promise<boolean> {
  const result = await db.run(sql`
    delete from ${profiles}
    where id = ${profileId} and account_id = ${accountId}
      and (select count(*) from ${profiles} where account_id = ${accountId}) > 1`);
  return result.meta.changes === 1;
}

/**
 * Reserves one PIN attempt before the PIN is checked. The increment is
 * conditional on the profile not being locked and having attempts left, so
 * however many guesses arrive at once, at most PIN_MAX_ATTEMPTS are checked.
 */
export async function reservePinAttempt(
  db: Database,
  profileId: string,
  now: Date,
): Promise<boolean> {
  const reserved = await db
    .update(profiles)
    .set({ pinAttempts: sql`${profiles.pinAttempts} + 1` })
    .where(
      and(
        eq(profiles.id, profileId),
        sql`${profiles.pinAttempts} < ${PIN_MAX_ATTEMPTS}`,
        sql`(${profiles.pinLockedUntil} is null or ${profiles.pinLockedUntil} <= ${now.getTime()})`,
      ),
    )
    .returning({ attempts: profiles.pinAttempts });
  return reserved.length === 1;
}

export async function resetPinAttempts(db: Database, profileId: string) {
  await db
    .update(profiles)
    .set({ pinAttempts: 0, pinLockedUntil: null })
    .where(eq(profiles.id, profileId));
}

/**
 * After a wrong PIN: when the attempts are used up, lock the profile until
 * `lockUntil` and give back a fresh set of attempts for after the lock.
 * Returns the lock time when it locked.
 */
export async function recordWrongPin(
  db: Database,
  profileId: string,
  lockUntil: Date,
): Promise<Date | null> {
  const [locked] = await db
    .update(profiles)
    .set({ pinAttempts: 0, pinLockedUntil: lockUntil })
    .where(and(eq(profiles.id, profileId), sql`${profiles.pinAttempts} >= ${PIN_MAX_ATTEMPTS}`))
    .returning({ until: profiles.pinLockedUntil });
  return locked?.until ?? null;
}
