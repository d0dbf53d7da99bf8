/**
 * The dashboards' headline numbers: a grid of tiles, each a group named by
 * its label ("Startup time p50"), so people and tests find a number by
 * what it is, with its value large and an optional note under it.
 */
import { useId } from "react";

export interface Stat {
  label: string;
  value: string;
  note?: string;
}

function StatTile({ label, value, note }: Stat) {
  const labelId = useId();
  return (
    <div role="group" aria-labelledby={labelId} className="stat">
      <p id={labelId} className="stat__label">
        {label}
      </p>
      <p className="stat__value">{value}</p>
      {note && <p className="stat__note">{note}</p>}
    </div>
  );
}

export function StatTiles({ stats, label }: { stats: Stat[]; label: string }) {
  return (
    <ul className="stats" aria-label={label}>
      {stats.map((stat) => (
        <li key={stat.label}>
          <StatTile {...stat} />
        </li>
      ))}
    </ul>
  );
}
