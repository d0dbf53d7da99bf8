/**
 * An upload under way: a progress bar with bytes and percent, pause and
 * resume, what went wrong (the form's button tries again), and once the
 * server has the video, the way to its job. Phase changes are announced;
 * the moving numbers are not (a screen reader reads the bar when asked).
 */
import { Link } from "react-router";
import { ErrorMessage } from "../../components/error-message.tsx";
import { ProgressBar } from "../../components/progress-bar.tsx";
import { StatusMessage } from "../../components/status-message.tsx";
import type { UploadPhase, UploadState } from "../../hooks/use-ingest-upload.ts";
import { formatBytes } from "../../util/format-bytes.ts";
import "./upload-progress.css";

const NEWS: Record<UploadPhase, string | null> = {
  idle: null,
  starting: "Starting the upload…",
  uploading: "Uploading…",
  paused: "Paused. Resume when you're ready; nothing sent is lost.",
  finishing: "Uploaded. Finding its job…",
  done: "Uploaded. The video is being processed.",
  failed: "The upload stopped.",
};

interface UploadProgressProps {
  upload: UploadState;
  onPause: () => void;
  onResume: () => void;
  onNext: () => void;
}

export function UploadProgress({ upload, onPause, onResume, onNext }: UploadProgressProps) {
  const { phase, sentBytes, totalBytes, error, job } = upload;
  const percent = totalBytes > 0 ? Math.floor((sentBytes / totalBytes) * 100) : 0;

  return (
    <div className="upload-progress">
      <StatusMessage>{NEWS[phase]}</StatusMessage>
      {phase !== "idle" && phase !== "done" && (
        <div className="upload-progress__bar">
          <ProgressBar
            label="Upload progress"
            value={sentBytes}
            max={totalBytes}
            valueText={`${percent}%, ${formatBytes(sentBytes)} of ${formatBytes(totalBytes)}`}
          />
          <p className="upload-progress__numbers">
            {formatBytes(sentBytes)} of {formatBytes(totalBytes)} ({percent}%)
          </p>
        </div>
      )}
      {phase === "failed" && <ErrorMessage error={error} />}
      <div className="form-actions">
        {phase === "uploading" && (
          <button type="button" className="button button--secondary" onClick={onPause}>
            Pause
          </button>
        )}
        {phase === "paused" && (
          <button type="button" className="button button--primary" onClick={onResume}>
            Resume
          </button>
        )}
        {phase === "done" && (
          <>
            <Link
              to={job ? `/admin/jobs?job=${encodeURIComponent(job.id)}` : "/admin/jobs"}
              className="button button--primary"
            >
              {job ? "See its job" : "See the jobs"}
            </Link>
            <button type="button" className="button button--secondary" onClick={onNext}>
              Upload another
            </button>
          </>
        )}
      </div>
    </div>
  );
}
