/**
 * /admin/jobs/:jobId (content admins): one ingest job as the operator of a
 * chunked, parallel ingest follows it. Its summary (state, stage, progress,
 * time to playable and to ready, error), Retry or Cancel, then its tasks:
 * how many transcoders are working on it and how many tasks wait for one,
 * the whole-file tasks (probe, analysis, audio) and the chunk grid; once
 * the video plays, its intro, recap and credits markers. Polled
 * every second until the job finishes; the list's filter is kept for the
 * way back.
 */
import { Link, useLocation, useParams } from "react-router";
import type { JobTasks } from "../../api/types.ts";
import { ErrorMessage } from "../../components/error-message.tsx";
import { StatusMessage } from "../../components/status-message.tsx";
import { useIngestJob } from "../../hooks/use-ingest-job.ts";
import { isLiveJob } from "../../hooks/use-job-list.ts";
import { ChunkGridFigure, TaskSwatch } from "./chunk-grid.tsx";
import { JobActionButtons, useJobActions } from "./job-actions.tsx";
import { jobName, TASK_STATE_LABELS } from "./job-facts.ts";
import { JobBadges, JobSummary } from "./job-summary.tsx";
import { LiveBadge } from "./live-badge.tsx";
import { MarkersPanel } from "./markers-panel.tsx";
import "./dashboard.css";
import "./job-page.css";

const WHOLE_FILE_TASKS = [
  ["probe", "Probe"],
  ["analyse", "Analysis"],
  ["audio", "Audio"],
] as const;

/**
 * The tasks that take the whole file, each as a labelled cell with its
 * attempt, transcoder and last error. Once the chunks are planned, a task
 * that is still missing is one this file does not need (no audio to
 * encode; no analysis when the probe already read the whole film).
 */
function WholeFileTasks({ tasks }: { tasks: JobTasks }) {
  return (
    <ul className="job-steps" aria-label="Whole-file tasks">
      {WHOLE_FILE_TASKS.map(([key, label]) => {
        const task = tasks[key];
        return (
          <li key={key} className="job-steps__item">
            <TaskSwatch state={task?.state ?? null} />
            <span className="job-steps__name">{label}</span>
            <span className="job-steps__state">
              {task
                ? TASK_STATE_LABELS[task.state]
                : tasks.chunks
                  ? "Not needed"
                  : "Not planned yet"}
              {task && task.attempt > 1 && ` · attempt ${task.attempt}`}
              {task?.instance && ` · on ${task.instance}`}
            </span>
            {task?.error && (
              <span className={`job-steps__error job-steps__error--${task.state}`}>
                {task.state === "failed" ? task.error : `An earlier attempt failed: ${task.error}`}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function TasksSection({ tasks }: { tasks: JobTasks }) {
  return (
    <>
      <dl className="details job-page__counts">
        <div>
          <dt>Transcoders working on it</dt>
          <dd>{tasks.instances}</dd>
        </div>
        <div>
          <dt>Tasks waiting for a transcoder</dt>
          <dd>{tasks.waitingForTranscoder}</dd>
        </div>
      </dl>
      <WholeFileTasks tasks={tasks} />
      {tasks.chunks ? (
        <ChunkGridFigure grid={tasks.chunks} />
      ) : (
        <p className="panel__text">The chunks are planned once the file has been read.</p>
      )}
    </>
  );
}

export function JobPage() {
  const { jobId = "" } = useParams();
  const { search } = useLocation();
  const { job, updatedAt, error, replace } = useIngestJob(jobId);
  const actions = useJobActions(replace);
  const name = job && jobName(job);

  return (
    <div className="page job-page">
      <title>{`${name ? `${name} · ` : ""}Ingest job · Marquee`}</title>
      <p className="breadcrumb">
        <Link to={{ pathname: "/admin/jobs", search }}>Ingest jobs</Link>
      </p>
      <h1 className="page__title">{name ?? "Ingest job"}</h1>
      <StatusMessage>{actions.news}</StatusMessage>
      <ErrorMessage error={actions.error ?? error} />
      {!job && !error && <p className="panel__text">Loading…</p>}
      {job && (
        <>
          <div className="job-page__state">
            <JobBadges job={job} />
            {isLiveJob(job) && <LiveBadge updatedAt={updatedAt} />}
          </div>
          <JobSummary job={job} />
          <JobActionButtons job={job} actions={actions} />
          <section className="job-page__tasks" aria-labelledby="job-tasks-heading">
            <h2 id="job-tasks-heading" className="job-page__heading">
              Tasks
            </h2>
            {job.tasks ? (
              <TasksSection tasks={job.tasks} />
            ) : (
              <p className="panel__text">
                {isLiveJob(job) ? "No tasks yet." : "This run has no tasks to show."}
              </p>
            )}
          </section>
          {job.target.titleId &&
            (job.asset.state === "playable" || job.asset.state === "ready") && (
              <MarkersPanel titleId={job.target.titleId} episodeId={job.target.episodeId} />
            )}
        </>
      )}
      {actions.dialog}
    </div>
  );
}
