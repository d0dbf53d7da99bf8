/**
 * /account: membership details, two-step verification, the devices signed
 * in, and signing out. Security settings are for grown-up profiles only
 * (the server refuses them to kids profiles), so kids see why they're missing.
 */
import type { Role } from "../../../lib/auth/roles.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { useSession } from "../session/use-session.ts";
import { useSignOut } from "../session/use-sign-out.ts";
import { formatDay } from "../util/format-time.ts";
import { SessionsPanel } from "./sessions-panel.tsx";
import { TwoStepPanel } from "./two-step-panel.tsx";

const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer",
  account_owner: "Account owner",
  content_admin: "Content admin",
  experiment_admin: "Experiment admin",
  admin: "Administrator",
};

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export function AccountPage() {
  const { account, canManage } = useSession();
  const signOut = useSignOut();

  return (
    <div className="page">
      <title>Account · Marquee</title>
      <h1 className="page__title">Account</h1>

      <section className="panel" aria-labelledby="membership-title">
        <h2 id="membership-title">Membership</h2>
        <dl className="details">
          <div>
            <dt>Email</dt>
            <dd>{account.email}</dd>
          </div>
          <div>
            <dt>Plan</dt>
            <dd>{capitalised(account.plan)}</dd>
          </div>
          <div>
            <dt>Roles</dt>
            <dd>{account.roles.map((role) => ROLE_LABELS[role]).join(", ")}</dd>
          </div>
          <div>
            <dt>Member since</dt>
            <dd>{formatDay(account.createdAt)}</dd>
          </div>
        </dl>
      </section>

      {canManage ? (
        <>
          <TwoStepPanel />
          <SessionsPanel />
        </>
      ) : (
        <section className="panel" aria-labelledby="security-title">
          <h2 id="security-title">Security</h2>
          <p className="panel__text">
            Two-step verification and signed-in devices are managed from a grown-up's profile.
          </p>
        </section>
      )}

      <section className="panel" aria-labelledby="sign-out-title">
        <h2 id="sign-out-title">Sign out</h2>
        <p className="panel__text">Sign out of Marquee on this device.</p>
        <ErrorMessage error={signOut.error} />
        <button
          type="button"
          className="button button--secondary"
          disabled={signOut.pending}
          onClick={() => void signOut.signOut()}
        >
          Sign out of this device
        </button>
      </section>
    </div>
  );
}
