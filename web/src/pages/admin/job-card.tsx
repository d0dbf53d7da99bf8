/**
 * One ingest job on the jobs list: what it is for (linked to the title),
 * its state, its summary (progress, timings, what viewers can watch, its
 * error), the way to its page (its tasks and chunk grid), and Retry or Cancel
 * where the server allows them.
 */
import { useId } from "react";
import { Link, useLocation } from "react-router";
import type { IngestJob } from "../../api/types.ts";
import { JobActionButtons, type JobActions } from "./job-actions.tsx";
import { jobName } from "./job-facts.ts";
import { JobBadges, JobSummary } from "./job-summary.tsx";
import "./job-card.css";

interface JobCardProps {
  job: IngestJob;
  /** The job an upload just made, pointed out. */
  justUploaded: boolean;
  actions: JobActions;
}

export function JobCard({ job, justUploaded, actions }: JobCardProps) {
  const headingId = useId();
  const { search } = useLocation();
  const name = jobName(job);
  const { titleId } = job.target;

  return (
    <article
      className={`job job--${job.state}${justUploaded ? " job--just-uploaded" : ""}`}
      aria-labelledby={headingId}
    >
      <header className="job__header">
        <h2 id={headingId} className="job__name">
          {titleId ? <Link to={`/title/${encodeURIComponent(titleId)}`}>{name}</Link> : name}
        </h2>
        <JobBadges job={job} />
        {justUploaded && <span className="badge">Just uploaded</span>}
      </header>
      <JobSummary job={job} />
      <JobActionButtons job={job} actions={actions}>
        {/* The list's filter goes along, so the page's way back returns to it. */}
        <Link
          to={{ pathname: `/admin/jobs/${encodeURIComponent(job.id)}`, search }}
          className="button button--secondary button--small"
        >
          Details<span className="visually-hidden"> of {name}</span>
        </Link>
      </JobActionButtons>
    </article>
  );
}
