/**
 * The signed-in app once someone is watching: the header with the active
 * profile, then the page. Without an active profile, "Who's watching?" first.
 * A kids profile gets the kids look (a class here; the rest is CSS), and
 * pages start afresh when the profile changes, since everything they show
 * is the profile's own.
 */
import { Navigate, Outlet } from "react-router";
import { AppHeader } from "../components/app-header.tsx";
import { useSession } from "../session/use-session.ts";
import "./app-layout.css";

export function AppLayout() {
  const { activeProfile } = useSession();
  if (!activeProfile) return <Navigate to="/profiles" replace />;
  return (
    <div className={activeProfile.isKids ? "app-layout app-layout--kids" : "app-layout"}>
      <AppHeader profile={activeProfile} />
      <main id="main" tabIndex={-1} className="app-layout__main">
        <Outlet key={activeProfile.id} />
      </main>
    </div>
  );
}
