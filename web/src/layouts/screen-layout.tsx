/**
 * A full-screen page with just the wordmark on top: "Who's watching?",
 * "Manage profiles" and the utility pages. `actions` go top right.
 */
import type { ReactNode } from "react";
import { BrandLink } from "../components/brand-link.tsx";
import "./screen-layout.css";

interface ScreenLayoutProps {
  actions?: ReactNode;
  children: ReactNode;
}

export function ScreenLayout({ actions, children }: ScreenLayoutProps) {
  return (
    <div className="screen">
      <header className="screen__header">
        <BrandLink />
        {actions && <div className="screen__actions">{actions}</div>}
      </header>
      <main id="main" tabIndex={-1} className="screen__main">
        {children}
      </main>
    </div>
  );
}
