/**
 * Loads who is signed in, and their profiles, for every signed-in page.
 * Visitors who are not signed in are sent to sign-in.
 */
import { redirect } from "react-router";
import { ApiError } from "../api/api-error.ts";
import { getAccount, listProfiles } from "../api/client.ts";
import type { Account, Profile } from "../api/types.ts";

export const SESSION_ROUTE_ID = "session";

export interface SessionData {
  account: Account;
  profiles: Profile[];
  activeProfileId: string | null;
}

export async function sessionLoader(): Promise<SessionData | Response> {
  try {
    const [account, { profiles, activeProfileId }] = await Promise.all([
      getAccount(),
      listProfiles(),
    ]);
    return { account, profiles, activeProfileId };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return redirect("/signin");
    throw error;
  }
}
