/** The signed-in header: wordmark, main navigation, search, and the profile menu. */
import { NavLink } from "react-router";
import type { Profile } from "../api/types.ts";
import { BrandLink } from "./brand-link.tsx";
import { ProfileMenu } from "./profile-menu.tsx";
import { SearchBox } from "./search-box.tsx";
import "./app-header.css";

export function AppHeader({ profile }: { profile: Profile }) {
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
      </nav>
      <SearchBox />
      <ProfileMenu profile={profile} />
    </header>
  );
}
