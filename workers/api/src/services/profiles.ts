/**
 * Profiles: up to five per account, each with a maturity level and an
 * optional 4-digit PIN.
 *
 * Rules: a kids profile is capped at KIDS_MAX_LEVEL. A session acting as a
 * kids profile has only the viewer role: it may rename its own profile or
 * change its avatar and language, nothing else. Selecting a PIN-protected
 * profile needs the PIN; five wrong PINs lock the profile for 15 minutes.
 */
import { hashPassword, verifyPassword } from "../../../../lib/auth/password.ts";
import { hasRole } from "../../../../lib/auth/roles.ts";
import {
  KIDS_MAX_LEVEL,
  MATURITY_LEVELS,
  maturityRank,
  type MaturityLevel,
} from "../../../../lib/maturity.ts";
import type { Avatar, Language } from "../../../../lib/profiles.ts";
import type { Profile } from "../../../../lib/db/schema.ts";
import { ApiError, forbidden, notFound } from "../../../../lib/http/api-error.ts";
import type { AuthContext } from "../app-env.ts";
import { findAccount } from "../storage/accounts.ts";
import {
  deleteProfileUnlessLast,
  findProfile,
  insertProfileWithinLimit,
  listProfiles,
  recordWrongPin,
  reservePinAttempt,
  resetPinAttempts,
  updateProfile,
} from "../storage/profiles.ts";
import { setActiveProfile } from "../storage/sessions.ts";
import { profileChanged } from "./active-profile.ts";
import type { ServiceContext } from "./context.ts";
import { mintAccessToken, type IssuedTokens } from "./sessions.ts";

export const PIN_LOCK_MS = 15 * 60 * 1000;
const ADULT_DEFAULT_LEVEL: MaturityLevel = MATURITY_LEVELS[MATURITY_LEVELS.length - 1]!;

function checkKidsLevel(isKids: boolean, level: MaturityLevel) {
  if (isKids && maturityRank(level) > maturityRank(KIDS_MAX_LEVEL))
    throw new ApiError(400, "kids_maturity_too_high", `Kids profiles go up to ${KIDS_MAX_LEVEL}.`);
}

function isUniqueViolation(error: unknown): boolean {
  const messages = [error, (error as { cause?: unknown })?.cause].map((e) =>
    e instanceof Error ? e.message : "",
  );
  return messages.some((message) => message.includes("UNIQUE constraint failed"));
}

const nameTaken = () =>
  new ApiError(409, "profile_name_taken", "Another profile already has this name.");

export function listAccountProfiles(ctx: ServiceContext, accountId: string): Promise<Profile[]> {
  return listProfiles(ctx.db, accountId);
}

export async function createProfile(
  ctx: ServiceContext,
  accountId: string,
  input: {
    name: string;
    avatar: Avatar;
    language: Language;
    isKids: boolean;
    maturityLevel?: MaturityLevel | undefined;
    pin?: string | undefined;
  },
): Promise<Profile> {
  const maturityLevel =
    input.maturityLevel ?? (input.isKids ? KIDS_MAX_LEVEL : ADULT_DEFAULT_LEVEL);
  checkKidsLevel(input.isKids, maturityLevel);
  const id = crypto.randomUUID();
  let created: boolean;
  try {
    created = await insertProfileWithinLimit(ctx.db, {
      id,
      accountId,
      name: input.name,
      avatar: input.avatar,
      language: input.language,
      isKids: input.isKids,
      maturityLevel,
      pinHash: input.pin ? await hashPassword(input.pin) : null,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
  if (!created)
    throw new ApiError(409, "profile_limit_reached", "An account can have up to 5 profiles.");
  return (await findProfile(ctx.db, accountId, id))!;
}

const COSMETIC_FIELDS = new Set(["name", "avatar", "language"]);

export async function changeProfile(
  ctx: ServiceContext,
  auth: AuthContext,
  profileId: string,
  input: {
    name?: string | undefined;
    avatar?: Avatar | undefined;
    language?: Language | undefined;
    isKids?: boolean | undefined;
    maturityLevel?: MaturityLevel | undefined;
    pin?: string | null | undefined;
  },
): Promise<Profile> {
  const profile = await findProfile(ctx.db, auth.accountId, profileId);
  if (!profile) throw notFound("profile");
  if (!hasRole(auth.roles, "account_owner")) {
    const onlyCosmetic = Object.keys(input).every((field) => COSMETIC_FIELDS.has(field));
    if (profileId !== auth.profileId || !onlyCosmetic)
      throw forbidden("This profile can only change its own name, avatar and language.");
  }
  const isKids = input.isKids ?? profile.isKids;
  const requested = input.maturityLevel ?? profile.maturityLevel;
  // Turning a profile into a kids profile brings its level down unless one was asked for.
  const maturityLevel =
    input.isKids &&
    input.maturityLevel === undefined &&
    maturityRank(requested) > maturityRank(KIDS_MAX_LEVEL)
      ? KIDS_MAX_LEVEL
      : requested;
  checkKidsLevel(isKids, maturityLevel);

  const { pin, ...fields } = input;
  try {
    profileChanged(profileId);
    const updated = await updateProfile(ctx.db, auth.accountId, profileId, {
      ...fields,
      isKids,
      maturityLevel,
      ...(pin !== undefined ? { pinHash: pin === null ? null : await hashPassword(pin) } : {}),
    });
    if (!updated) throw notFound("profile");
    return updated;
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

export async function removeProfile(ctx: ServiceContext, accountId: string, profileId: string) {
  if (!(await findProfile(ctx.db, accountId, profileId))) throw notFound("profile");
  profileChanged(profileId);
  if (!(await deleteProfileUnlessLast(ctx.db, accountId, profileId)))
    throw new ApiError(409, "last_profile", "An account keeps at least one profile.");
}

/** Checks a profile's PIN under the attempt limit; throws unless it matches. */
async function checkPin(ctx: ServiceContext, profile: Profile, pin: string | undefined) {
  if (!profile.pinHash) return;
  if (pin === undefined)
    throw new ApiError(403, "pin_required", "This profile is protected by a PIN.");
  const now = new Date();
  if (!(await reservePinAttempt(ctx.db, profile.id, now))) {
    const until =
      profile.pinLockedUntil && profile.pinLockedUntil > now
        ? profile.pinLockedUntil
        : new Date(now.getTime() + PIN_LOCK_MS);
    throw pinLocked(until, now);
  }
  if (await verifyPassword(pin, profile.pinHash)) {
    await resetPinAttempts(ctx.db, profile.id);
    return;
  }
  const lockedUntil = await recordWrongPin(
    ctx.db,
    profile.id,
    new Date(now.getTime() + PIN_LOCK_MS),
  );
  if (lockedUntil) throw pinLocked(lockedUntil, now);
  throw new ApiError(403, "invalid_pin", "That PIN is not right.");
}

function pinLocked(until: Date, now: Date) {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new ApiError(
    429,
    "pin_locked",
    "Too many wrong PINs; this profile is locked for a while.",
    {
      headers: { "Retry-After": String(seconds) },
    },
  );
}

/**
 * Makes a profile the session's active one and mints an access token that
 * names it (and, for a kids profile, narrows the roles to viewer).
 */
export async function selectProfile(
  ctx: ServiceContext,
  auth: AuthContext,
  profileId: string,
  pin: string | undefined,
): Promise<{ profile: Profile; tokens: IssuedTokens }> {
  const profile = await findProfile(ctx.db, auth.accountId, profileId);
  if (!profile) throw notFound("profile");
  await checkPin(ctx, profile, pin);
  const account = await findAccount(ctx.db, auth.accountId);
  if (!account) throw notFound("account");
  await setActiveProfile(ctx.db, auth.sessionId, profile.id);
  const tokens = await mintAccessToken(ctx, { account, sessionId: auth.sessionId, profile });
  return { profile: (await findProfile(ctx.db, auth.accountId, profileId)) ?? profile, tokens };
}
