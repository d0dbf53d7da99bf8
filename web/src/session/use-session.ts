/**
 * The signed-in session as pages see it: the account, its profiles, the
 * active one, and what this session may do. A session acting as a kids
 * profile is a viewer only, exactly as the server decides.
 */
import { useRouteLoaderData, useRevalidator } from "react-router";
import { effectiveRoles, hasRole } from "../../../lib/auth/roles.ts";
import type { Account, Profile } from "../api/types.ts";
import { SESSION_ROUTE_ID, type SessionData } from "./session-loader.ts";

export interface Session {
  account: Account;
  profiles: Profile[];
  activeProfile: Profile | null;
  /** May manage profiles, sessions and two-step verification: not as a kids profile. */
  canManage: boolean;
  /** May upload videos and manage ingest jobs: content admins, not as a kids profile. */
  canManageContent: boolean;
  /** May read the QoE and engagement dashboards and run experiments: not as a kids profile. */
  canRunExperiments: boolean;
  /** Loads the session again after a change on the server. */
  reload: () => Promise<void>;
}

export function useSession(): Session {
  const data = useRouteLoaderData<SessionData>(SESSION_ROUTE_ID);
  const { revalidate } = useRevalidator();
  if (!data) throw new Error("useSession is only for pages under the session route.");
  const activeProfile = data.profiles.find((profile) => profile.id === data.activeProfileId);
  const roles = effectiveRoles(data.account.roles, activeProfile?.isKids === true);
  return {
    account: data.account,
    profiles: data.profiles,
    activeProfile: activeProfile ?? null,
    canManage: hasRole(roles, "account_owner"),
    canManageContent: hasRole(roles, "content_admin"),
    canRunExperiments: hasRole(roles, "experiment_admin"),
    reload: revalidate,
  };
}
