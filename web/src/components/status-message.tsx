/** A polite live region for news that is not an error ("Saved.", "Link sent."). */
import type { ReactNode } from "react";
import "./messages.css";

export function StatusMessage({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="message message--status">
      {children}
    </div>
  );
}
