/**
 * The signed-in header: wordmark, main navigation (with the admin pages for
 * the staff roles that may use them), search, and the profile menu.
 */
import { NavLink } from "react-router";
import type { Profile } from "../api/types.ts";
import { useSession } from "../session/use-session.ts";
import { BrandLink } from "./brand-link.tsx";
import { ProfileMenu } from "./profile-menu.tsx";
import { SearchBox } from "./search-box.tsx";
import "./app-header.css";

export function AppHeader({ profile }: { profile: Profile }) {
  const { canManageContent, canRunExperiments } = useSession();
  return (
    <header className="app-header">
      <BrandLink />
      <nav aria-label="Main" className="app-header__nav">
        <NavLink to="/" end className="app-header__link">
          Home
        </NavLink>
        <NavLink to="/my-list" className="app-header__link">
          My List
        </NavLink>
        {canManageContent && (
          <>
            <NavLink to="/admin/upload" className="app-header__link">
              Upload
            </NavLink>
            <NavLink to="/admin/jobs" className="app-header__link">
              Jobs
            </NavLink>
          </>
        )}
        {canRunExperiments && (
          <>
            <NavLink to="/admin/qoe" className="app-header__link">
              Quality
            </NavLink>
            <NavLink to="/admin/engagement" className="app-header__link">
              Engagement
            </NavLink>
            <NavLink to="/admin/experiments" className="app-header__link">
              Experiments
            </NavLink>
          </>
        )}
      </nav>
      <SearchBox />
      <ProfileMenu profile={profile} />
    </header>
  );
}
