/**
 * The signed-in header: wordmark, main navigation (with the admin pages for
 * content admins), search, and the profile menu.
 */
import { NavLink } from "react-router";
import type { Profile } from "../api/types.ts";
import { useSession } from "../session/use-session.ts";
import { BrandLink } from "./brand-link.tsx";
import { ProfileMenu } from "./profile-menu.tsx";
import { SearchBox } from "./search-box.tsx";
import "./app-header.css";

export function AppHeader({ profile }: { profile: Profile }) {
  const { canManageContent } = useSession();
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
      </nav>
      <SearchBox />
      <ProfileMenu profile={profile} />
    </header>
  );
}
