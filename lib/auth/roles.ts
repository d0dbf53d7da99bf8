/**
 * Roles and what each one grants. An account holds one or more roles; a
 * request is allowed a route when any held role grants the route's role.
 *
 * - `viewer`: watch and browse with the active profile.
 * - `account_owner`: also manage the account's profiles, sessions and 2FA.
 *   Everyone who registers owns their account.
 * - `content_admin` / `experiment_admin`: staff roles for the catalog and
 *   for experiments; they do not grant each other.
 * - `admin`: everything.
 *
 * A session whose active profile is a kids profile acts as `viewer` only, so
 * a child cannot manage profiles or raise their own maturity level.
 */
export const ROLES = [
  "viewer",
  "account_owner",
  "content_admin",
  "experiment_admin",
  "admin",
] as const;
export type Role = (typeof ROLES)[number];

const GRANTS: Record<Role, readonly Role[]> = {
  viewer: ["viewer"],
  account_owner: ["account_owner", "viewer"],
  content_admin: ["content_admin", "viewer"],
  experiment_admin: ["experiment_admin", "viewer"],
  admin: ROLES,
};

export function hasRole(held: readonly Role[], required: Role): boolean {
  return held.some((role) => GRANTS[role].includes(required));
}

/** The roles a session acts with, given the active profile. */
export function effectiveRoles(held: readonly Role[], activeProfileIsKids: boolean): Role[] {
  return activeProfileIsKids ? ["viewer"] : [...held];
}
