/**
 * The session's active profile, which every browse request reads for its
 * maturity level. Remembered in the isolate for a few seconds
 * (cache/isolate-memory.ts); changing or deleting a profile in this isolate
 * forgets it at once, so a parent lowering a level sees it apply on their
 * next request, and other isolates within seconds.
 */
import type { Profile } from "../../../../lib/db/schema.ts";
import { forget, recall, remember } from "../cache/isolate-memory.ts";
import type { Database } from "../../../../lib/db/database.ts";
import { findProfile } from "../storage/profiles.ts";

const key = (profileId: string) => `profile:${profileId}`;

export async function activeProfile(
  db: Database,
  accountId: string,
  profileId: string,
): Promise<Profile | undefined> {
  const known = recall<Profile>(key(profileId));
  if (known && known.accountId === accountId) return known;
  const profile = await findProfile(db, accountId, profileId);
  if (profile) remember(key(profileId), profile);
  return profile;
}

export function profileChanged(profileId: string): void {
  forget(key(profileId));
}
