/**
 * /admin/experiments/:experimentId: a saved experiment in the editor. A
 * draft can change in every way; a running one only in ways that move
 * nobody between variants (the server answers 409, shown by the fields,
 * otherwise); a stopped one is final and shown read-only.
 */
import { useCallback, useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import { listExperiments, updateExperiment } from "../../api/client.ts";
import type { Experiment, ExperimentStatus } from "../../api/types.ts";
import { ErrorMessage } from "../../components/error-message.tsx";
import { StatusMessage } from "../../components/status-message.tsx";
import { useResource } from "../../hooks/use-resource.ts";
import { noticeFrom } from "../../util/notice.ts";
import { draftOf } from "./experiment-draft.ts";
import { ExperimentForm } from "./experiment-form.tsx";
import { StatusBadge } from "./experiment-status-badge.tsx";

/** Where each status may go: a draft starts, a running experiment stops, a stopped one is final. */
const NEXT_STATUSES: Record<ExperimentStatus, ExperimentStatus[]> = {
  draft: ["draft", "running"],
  running: ["running", "stopped"],
  stopped: ["stopped"],
};

export function EditExperimentPage() {
  const { experimentId = "" } = useParams();
  const location = useLocation();
  // The API lists experiments; one experiment is found in the list.
  const load = useCallback(
    async () =>
      (await listExperiments()).experiments.find((experiment) => experiment.id === experimentId) ??
      null,
    [experimentId],
  );
  const { data: loaded, error } = useResource(load);
  const [saved, setSaved] = useState<Experiment | null>(null);
  const [news, setNews] = useState<string | null>(noticeFrom(location.state));
  const experiment = saved ?? loaded;

  if (experiment === undefined)
    return (
      <div className="page">
        <ErrorMessage error={error} />
        {!error && <p className="panel__text">Loading…</p>}
      </div>
    );
  if (experiment === null)
    return (
      <div className="page">
        <title>Experiment not found · Marquee</title>
        <h1 className="page__title">Experiment not found</h1>
        <Link to="/admin/experiments" className="button button--primary">
          All experiments
        </Link>
      </div>
    );

  const stopped = experiment.status === "stopped";
  return (
    <div className="page page--wide">
      <title>{`${experiment.name} · Experiments · Marquee`}</title>
      <p className="breadcrumb">
        <Link to="/admin/experiments">Experiments</Link>
      </p>
      <h1 className="page__title">{experiment.name}</h1>
      <p className="panel__text">
        <StatusBadge status={experiment.status} />{" "}
        <Link to={`/admin/experiments/${experiment.id}/results`}>See its results</Link>
        {stopped && ". A stopped experiment is final: a new test is a new experiment."}
      </p>
      <StatusMessage>{news}</StatusMessage>
      <ExperimentForm
        // A save can settle fields (a start time on starting): the form starts again from it.
        key={experiment.updatedAt}
        initial={draftOf(experiment)}
        statuses={NEXT_STATUSES[experiment.status]}
        submitLabel="Save changes"
        readOnly={stopped}
        onSave={async (definition) => {
          setNews(null);
          const updated = await updateExperiment(experiment.id, definition);
          setSaved(updated);
          setNews("Saved.");
        }}
      />
    </div>
  );
}
