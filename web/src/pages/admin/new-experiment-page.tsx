/**
 * /admin/experiments/new: the editor for a new experiment, saved as a
 * draft or started at once; then on to its own page.
 */
import { Link, useNavigate } from "react-router";
import { createExperiment } from "../../api/client.ts";
import type { NoticeState } from "../../util/notice.ts";
import { newDraft } from "./experiment-draft.ts";
import { ExperimentForm } from "./experiment-form.tsx";

const INITIAL = newDraft();

export function NewExperimentPage() {
  const navigate = useNavigate();
  return (
    <div className="page page--wide">
      <title>New experiment · Marquee</title>
      <p className="breadcrumb">
        <Link to="/admin/experiments">Experiments</Link>
      </p>
      <h1 className="page__title">New experiment</h1>
      <ExperimentForm
        initial={INITIAL}
        statuses={["draft", "running"]}
        submitLabel="Create experiment"
        onSave={async (definition) => {
          // The form offers no "stopped" here: a new experiment starts as a draft or running.
          const status = definition.status === "running" ? "running" : "draft";
          const created = await createExperiment({ ...definition, status });
          const state: NoticeState = {
            notice: status === "running" ? "Created and started." : "Created as a draft.",
          };
          await navigate(`/admin/experiments/${created.id}`, { state });
        }}
      />
    </div>
  );
}
