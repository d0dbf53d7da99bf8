/**
 * What the jobs list and a job's page both say about a job: its state
 * badges, then its file and run, how far it has got (stage and percent),
 * its time to playable and to ready, what viewers can watch and its error.
 */
import type { IngestJob } from "../../api/types.ts";
import { ProgressBar } from "../../components/progress-bar.tsx";
import { isLiveJob } from "../../hooks/use-job-list.ts";
import { formatBytes } from "../../util/format-bytes.ts";
import { formatPlaybackTime } from "../../util/format-playback-time.ts";
import { formatRelative } from "../../util/format-time.ts";
import { jobName, sinceUpload, stageText, STATE_LABELS, viewing } from "./job-facts.ts";
import "./job-summary.css";

const UPLOAD_LABELS = {
  uploading: "still uploading",
  expired: "upload expired",
  terminated: "upload stopped",
} as const;

export function JobBadges({ job }: { job: IngestJob }) {
  return (
    <>
      <span className={`badge job-state job-state--${job.state}`}>{STATE_LABELS[job.state]}</span>
      {job.state === "processing" && job.asset.state === "playable" && (
        <span className="badge badge--on">Playable</span>
      )}
    </>
  );
}

/** A time from the upload's last byte, or a dash (named for screen readers) while unknown. */
function SinceUpload({ seconds }: { seconds: number | null }) {
  if (seconds !== null) return sinceUpload(seconds);
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">not known yet</span>
    </>
  );
}

function UploadFacts({ job }: { job: IngestJob }) {
  const { upload } = job;
  const bytes = formatBytes(upload.byteLength);
  if (upload.state === "complete") {
    const at = upload.completedAt ?? job.createdAt;
    return (
      <>
        {upload.filename} · {bytes} · uploaded <time dateTime={at}>{formatRelative(at)}</time>
      </>
    );
  }
  return (
    <>
      {upload.filename} · {bytes} · {UPLOAD_LABELS[upload.state]}, started{" "}
      <time dateTime={job.createdAt}>{formatRelative(job.createdAt)}</time>
    </>
  );
}

export function JobSummary({ job }: { job: IngestJob }) {
  const viewers = viewing(job);
  return (
    <>
      <p className="job-summary__meta">
        <UploadFacts job={job} />
        {job.run > 1 && ` · run ${job.run}`}
        {job.asset.durationSeconds !== null &&
          ` · ${formatPlaybackTime(job.asset.durationSeconds)} long`}
      </p>
      {isLiveJob(job) && (
        <div className="job-summary__progress">
          <ProgressBar
            label={`Progress of ${jobName(job)}`}
            hideLabel
            value={job.progress}
            max={100}
          />
          <p className="job-summary__text">
            {stageText(job)} · {Math.floor(job.progress)}%
          </p>
        </div>
      )}
      <dl className="job-summary__times">
        <div>
          <dt>Time to playable</dt>
          <dd>
            <SinceUpload seconds={job.secondsToPlayable} />
          </dd>
        </div>
        <div>
          <dt>Time to ready</dt>
          <dd>
            <SinceUpload seconds={job.secondsToReady} />
          </dd>
        </div>
      </dl>
      {viewers && <p className="job-summary__text">{viewers}</p>}
      {job.asset.renditions.length > 0 && (
        <p className="job-summary__text">Qualities: {job.asset.renditions.join(", ")}</p>
      )}
      {job.error && (
        <p className="job-summary__error">
          {job.error.message} <span className="job-summary__code">({job.error.code})</span>
        </p>
      )}
    </>
  );
}
