/**
 * The admin pages' gate: content admins get the page; everyone else, and
 * an admin watching as a kids profile (which acts as a viewer only), is
 * told why not. The server refuses them either way; this says so kindly.
 */
import { Link, Outlet } from "react-router";
import { hasRole } from "../../../../lib/auth/roles.ts";
import { useSession } from "../../session/use-session.ts";

export function ContentAdminOnly() {
  const { account, canManageContent } = useSession();
  if (canManageContent) return <Outlet />;
  return (
    <div className="page">
      <title>Not allowed · Marquee</title>
      <h1 className="page__title">Not allowed</h1>
      <p className="panel__text">
        {hasRole(account.roles, "content_admin")
          ? "Uploads and ingest jobs aren't available from a kids profile. Switch to a grown-up's profile."
          : "Only content admins can upload videos and manage ingest jobs."}
      </p>
      <Link to="/" className="button button--primary">
        Marquee home
      </Link>
    </div>
  );
}
