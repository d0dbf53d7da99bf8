/**
 * "Live · updated 10:42:05 AM": tells people a dashboard refreshes itself
 * and when it last did. Not a live region: a refresh every 30 s would
 * interrupt a screen reader for nothing.
 */
const clock = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });

export function LiveBadge({ updatedAt }: { updatedAt: Date | undefined }) {
  return (
    <p className="live-badge">
      <span className="live-badge__dot" aria-hidden="true" />
      Live
      {updatedAt && <span className="live-badge__time"> · updated {clock.format(updatedAt)}</span>}
    </p>
  );
}
