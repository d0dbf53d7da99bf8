/** An experiment's status as a badge: running stands out, stopped is quiet. */
import type { ExperimentStatus } from "../../api/types.ts";
import { STATUS_LABELS } from "./experiment-facts.ts";
import "./experiment-status-badge.css";

export function StatusBadge({ status }: { status: ExperimentStatus }) {
  return (
    <span className={`badge experiment-status experiment-status--${status}`}>
      {STATUS_LABELS[status]}
    </span>
  );
}
