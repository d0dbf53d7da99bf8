/**
 * The admin pages' gate: staff with the role a page needs get the page;
 * everyone else, and staff watching as a kids profile (which acts as a
 * viewer only), is told why not. The server refuses them either way; this
 * says so kindly.
 */
import { Link, Outlet } from "react-router";
import { hasRole } from "../../../../lib/auth/roles.ts";
import { useSession } from "../../session/use-session.ts";

type StaffRole = "content_admin" | "experiment_admin";

const REFUSALS: Record<StaffRole, { kids: string; others: string }> = {
  content_admin: {
    kids: "Uploads and ingest jobs aren't available from a kids profile. Switch to a grown-up's profile.",
    others: "Only content admins can upload videos and manage ingest jobs.",
  },
  experiment_admin: {
    kids: "Dashboards and experiments aren't available from a kids profile. Switch to a grown-up's profile.",
    others: "Only experiment admins can see the QoE and engagement dashboards and run experiments.",
  },
};

export function StaffOnly({ role }: { role: StaffRole }) {
  const { account, canManageContent, canRunExperiments } = useSession();
  const allowed = role === "content_admin" ? canManageContent : canRunExperiments;
  if (allowed) return <Outlet />;
  return (
    <div className="page">
      <title>Not allowed · Marquee</title>
      <h1 className="page__title">Not allowed</h1>
      <p className="panel__text">
        {hasRole(account.roles, role) ? REFUSALS[role].kids : REFUSALS[role].others}
      </p>
      <Link to="/" className="button button--primary">
        Marquee home
      </Link>
    </div>
  );
}
