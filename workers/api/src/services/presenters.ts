/** Turns stored rows into the shapes the API returns (no hashes, ISO times). */
import type { Account, Profile, Session } from "../../../../lib/db/schema.ts";

export function presentAccount(account: Account, activeProfileId: string | null) {
  return {
    id: account.id,
    email: account.email,
    roles: account.roles,
    plan: account.plan,
    mfaEnabled: account.mfaSecret !== null,
    activeProfileId,
    createdAt: account.createdAt.toISOString(),
  };
}

export function presentProfile(profile: Profile, now = new Date()) {
  const locked =
    profile.pinLockedUntil && profile.pinLockedUntil > now ? profile.pinLockedUntil : null;
  return {
    id: profile.id,
    name: profile.name,
    avatar: profile.avatar,
    language: profile.language,
    isKids: profile.isKids,
    maturityLevel: profile.maturityLevel,
    hasPin: profile.pinHash !== null,
    pinLockedUntil: locked ? locked.toISOString() : null,
  };
}

export function presentSession(session: Session, currentSessionId: string) {
  return {
    id: session.id,
    device: session.device,
    ipAddress: session.ipAddress,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    current: session.id === currentSessionId,
  };
}
