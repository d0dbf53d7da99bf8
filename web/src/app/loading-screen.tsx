/** Shown while the first page's data loads: the wordmark on black, announced as busy. */
import "./loading-screen.css";

export function LoadingScreen() {
  return (
    <div className="loading-screen" role="status" aria-live="polite">
      <span className="loading-screen__mark" aria-hidden="true">
        Marquee
      </span>
      <span className="visually-hidden">Loading Marquee…</span>
    </div>
  );
}
