/**
 * /admin/experiments (experiment admins): every experiment, newest first as
 * the API lists them, with its status, variants, allocation and window,
 * and the way to its editor and its results.
 */
import { Link } from "react-router";
import { listExperiments } from "../../api/client.ts";
import type { Experiment } from "../../api/types.ts";
import { ErrorMessage } from "../../components/error-message.tsx";
import { useResource } from "../../hooks/use-resource.ts";
import { formatDateTime } from "../../util/format-time.ts";
import { StatusBadge } from "./experiment-status-badge.tsx";
import "./experiments-page.css";

function windowOf({ startsAt, endsAt }: Experiment): string {
  if (!startsAt && !endsAt) return "Not scheduled";
  const from = startsAt ? formatDateTime(startsAt) : "When started";
  return `${from} – ${endsAt ? formatDateTime(endsAt) : "until stopped"}`;
}

export function ExperimentsPage() {
  const { data, error } = useResource(listExperiments);
  const experiments = data?.experiments;
  return (
    <div className="page page--wide experiments">
      <title>Experiments · Marquee</title>
      <div className="experiments__head">
        <h1 className="page__title">Experiments</h1>
        <Link to="/admin/experiments/new" className="button button--primary">
          New experiment
        </Link>
      </div>
      <ErrorMessage error={error} />
      {!data && !error && <p className="panel__text">Loading…</p>}
      {experiments?.length === 0 && (
        <p className="panel__text">
          No experiments yet. Start one to test a change on real viewers.
        </p>
      )}
      {experiments && experiments.length > 0 && (
        <div className="experiments__table-wrap">
          <table className="experiments__table">
            <caption className="visually-hidden">Experiments</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Variants</th>
                <th scope="col">Allocation</th>
                <th scope="col">Runs</th>
                <th scope="col">
                  <span className="visually-hidden">Results</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {experiments.map((experiment) => (
                <tr key={experiment.id}>
                  <th scope="row">
                    <Link to={`/admin/experiments/${experiment.id}`}>{experiment.name}</Link>
                  </th>
                  <td>
                    <StatusBadge status={experiment.status} />
                  </td>
                  <td>{experiment.variants.map((variant) => variant.name).join(", ")}</td>
                  <td>{experiment.allocationPercent}%</td>
                  <td>{windowOf(experiment)}</td>
                  <td>
                    <Link to={`/admin/experiments/${experiment.id}/results`}>
                      Results<span className="visually-hidden"> of {experiment.name}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
