/**
 * The signed-out pages (sign in, sign up, password reset): the poster wall
 * behind a dark card, like a streaming service's front door.
 */
import { Outlet } from "react-router";
import { BrandLink } from "../components/brand-link.tsx";
import { PosterWall } from "../components/poster-wall.tsx";
import "./auth-layout.css";

export function AuthLayout() {
  return (
    <div className="auth-layout">
      <PosterWall />
      <header className="auth-layout__header">
        <BrandLink />
      </header>
      <main id="main" tabIndex={-1} className="auth-layout__main">
        <div className="auth-card">
          <Outlet />
        </div>
      </main>
    </div>
  );
}
