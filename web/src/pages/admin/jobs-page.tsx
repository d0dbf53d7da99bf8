/**
 * /admin/jobs (content admins): ingest jobs, newest first, live while any
 * is queued or processing, 25 at a time with "Load more". The state filter
 * lives in the URL (?state=failed), and ?job=… points out the job an
 * upload just made. Failed and cancelled jobs can be retried; queued and
 * running ones cancelled, after a confirmation. Each job's page
 * (/admin/jobs/:jobId) has its tasks and chunk grid.
 */
import { useSearchParams } from "react-router";
import type { JobState } from "../../api/types.ts";
import { ErrorMessage } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { StatusMessage } from "../../components/status-message.tsx";
import { useJobList } from "../../hooks/use-job-list.ts";
import { oneOf } from "../../util/one-of.ts";
import { useJobActions } from "./job-actions.tsx";
import { JobCard } from "./job-card.tsx";
import { STATE_LABELS } from "./job-facts.ts";
import "./jobs-page.css";

const STATES = Object.keys(STATE_LABELS) as JobState[];

export function JobsPage() {
  const [params, setParams] = useSearchParams();
  const filter = oneOf(STATES, params.get("state") ?? "");
  const list = useJobList(filter);
  const actions = useJobActions(list.replace);

  function changeFilter(state: string) {
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        if (state) next.set("state", state);
        else next.delete("state");
        return next;
      },
      { replace: true },
    );
  }

  return (
    <div className="page">
      <title>Ingest jobs · Marquee</title>
      <h1 className="page__title">Ingest jobs</h1>
      <form className="jobs-filter" onSubmit={(event) => event.preventDefault()}>
        <Field label="State">
          {(control) => (
            <select
              className="field__input"
              value={filter ?? ""}
              onChange={(event) => changeFilter(event.target.value)}
              {...control}
            >
              <option value="">All jobs</option>
              {STATES.map((state) => (
                <option key={state} value={state}>
                  {STATE_LABELS[state]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <StatusMessage>{actions.news}</StatusMessage>
      <ErrorMessage error={actions.error ?? list.error} />
      {list.jobs?.length === 0 && (
        <p className="panel__text">
          {filter ? `No ${STATE_LABELS[filter].toLowerCase()} jobs.` : "No uploads yet."}
        </p>
      )}
      {list.jobs && list.jobs.length > 0 && (
        <ol className="jobs" aria-label="Jobs, newest first">
          {list.jobs.map((job) => (
            <li key={job.id}>
              <JobCard job={job} justUploaded={job.id === params.get("job")} actions={actions} />
            </li>
          ))}
        </ol>
      )}
      {list.hasMore && (
        <div className="jobs__more">
          <button
            type="button"
            className="button button--secondary"
            disabled={list.loadingMore}
            onClick={() => void list.loadMore()}
          >
            {list.loadingMore ? "Loading…" : "Load more jobs"}
          </button>
        </div>
      )}
      {actions.dialog}
    </div>
  );
}
