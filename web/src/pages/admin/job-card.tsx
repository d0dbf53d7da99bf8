/**
 * One ingest job on the jobs page: what it is for (linked to the title),
 * its state, how far it has got (stage, percent, the rungs being encoded,
 * which attempt), what viewers can watch, its error, and Retry or Cancel
 * where the server allows them.
 */
import { useId } from "react";
import { Link } from "react-router";
import type { IngestJob } from "../../api/types.ts";
import { ProgressBar } from "../../components/progress-bar.tsx";
import { formatBytes } from "../../util/format-bytes.ts";
import { formatPlaybackTime } from "../../util/format-playback-time.ts";
import { formatRelative } from "../../util/format-time.ts";
import { jobName, STAGE_LABELS, STATE_LABELS, viewing } from "./job-facts.ts";
import "./job-card.css";

interface JobCardProps {
  job: IngestJob;
  /** The job an upload just made, pointed out. */
  justUploaded: boolean;
  /** An action on some job is being sent: its buttons wait. */
  busy: boolean;
  onRetry: (job: IngestJob) => void;
  onCancel: (job: IngestJob) => void;
}

export function JobCard({ job, justUploaded, busy, onRetry, onCancel }: JobCardProps) {
  const headingId = useId();
  const name = jobName(job);
  const { titleId } = job.target;
  const canRetry = job.state === "failed" || job.state === "cancelled";
  const canCancel = job.state === "queued" || job.state === "processing";
  const viewers = viewing(job);

  return (
    <article
      className={`job job--${job.state}${justUploaded ? " job--just-uploaded" : ""}`}
      aria-labelledby={headingId}
    >
      <header className="job__header">
        <h2 id={headingId} className="job__name">
          {titleId ? <Link to={`/title/${encodeURIComponent(titleId)}`}>{name}</Link> : name}
        </h2>
        <span className={`badge job__state job__state--${job.state}`}>
          {STATE_LABELS[job.state]}
        </span>
        {job.state === "processing" && job.asset.state === "playable" && (
          <span className="badge badge--on">Playable</span>
        )}
        {justUploaded && <span className="badge">Just uploaded</span>}
      </header>
      <p className="job__meta">
        {job.upload.filename} · {formatBytes(job.upload.byteLength)} · uploaded{" "}
        <time dateTime={job.createdAt}>{formatRelative(job.createdAt)}</time>
        {job.attempt > 0 && ` · attempt ${job.attempt}`}
        {job.asset.durationSeconds !== null &&
          ` · ${formatPlaybackTime(job.asset.durationSeconds)} long`}
      </p>

      {job.state === "queued" && <p className="job__text">Waiting for a transcoder.</p>}
      {job.state === "processing" && (
        <div className="job__progress">
          <ProgressBar label={`Progress of ${name}`} hideLabel value={job.progress} max={100} />
          <p className="job__text">
            {job.stage ? STAGE_LABELS[job.stage] : "Starting"} · {Math.floor(job.progress)}%
            {job.currentRung && ` · ${job.currentRung}`}
          </p>
        </div>
      )}
      {viewers && <p className="job__text">{viewers}</p>}
      {job.asset.renditions.length > 0 && (
        <p className="job__text">Qualities: {job.asset.renditions.join(", ")}</p>
      )}
      {job.state === "failed" && job.error && (
        <p className="job__error">
          {job.error.message} <span className="job__code">({job.error.code})</span>
        </p>
      )}

      {(canRetry || canCancel) && (
        <div className="job__actions">
          {canRetry && (
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={busy}
              onClick={() => onRetry(job)}
            >
              Retry<span className="visually-hidden"> {name}</span>
            </button>
          )}
          {canCancel && (
            <button
              type="button"
              className="button button--danger button--small"
              disabled={busy}
              onClick={() => onCancel(job)}
            >
              Cancel<span className="visually-hidden"> {name}</span>
            </button>
          )}
        </div>
      )}
    </article>
  );
}
