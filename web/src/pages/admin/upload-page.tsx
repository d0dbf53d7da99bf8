/**
 * /admin/upload (content admins): send a master for a film or an episode,
 * with optional subtitle files. The master is checked in the browser
 * before a byte of it is sent (preflight: what is in it, a poster frame,
 * and a refusal of what the pipeline can't take), then sent in resumable
 * chunks; once the server has it, the page links to its ingest job.
 */
import { useState, type FormEvent } from "react";
import { getUploadMaxBytes } from "../../api/client.ts";
import { ErrorMessage } from "../../components/error-message.tsx";
import { FileDropZone } from "../../components/file-drop-zone.tsx";
import { StatusMessage } from "../../components/status-message.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { useIngestUpload } from "../../hooks/use-ingest-upload.ts";
import { usePreflight, type PreflightState } from "../../hooks/use-preflight.ts";
import { useResource } from "../../hooks/use-resource.ts";
import { useResumableUpload } from "../../hooks/use-resumable-upload.ts";
import { resumeKeyOf, type SubtitleFile } from "../../upload/ingest-upload.ts";
import { formatBytes } from "../../util/format-bytes.ts";
import { PreflightSummary } from "./preflight-summary.tsx";
import { SubtitleFiles } from "./subtitle-files.tsx";
import { TargetPicker, type UploadChoice } from "./target-picker.tsx";
import { UploadProgress } from "./upload-progress.tsx";
import "./upload-page.css";

const VIDEO_TYPES = "video/*,.mp4,.m4v,.mov,.mkv,.webm,.ts,.m2ts,.mts,.avi,.mxf";

function preflightNews(preflight: PreflightState | null): string | null {
  if (preflight?.status === "checking") return "Checking the file in your browser…";
  if (preflight?.status !== "checked") return null;
  return preflight.preflight.ok ? "The file can be uploaded." : "This file can't be uploaded.";
}

export function UploadPage() {
  const limit = useResource(getUploadMaxBytes);
  const upload = useIngestUpload();
  const [master, setMaster] = useState<File | null>(null);
  const [choice, setChoice] = useState<UploadChoice | null>(null);
  const [subtitles, setSubtitles] = useState<SubtitleFile[]>([]);
  const [missing, setMissing] = useState<string | undefined>();
  // Bumped by "Upload another", so the title picker starts afresh too.
  const [round, setRound] = useState(0);
  const preflight = usePreflight(master, limit.data);

  const input = master && choice ? { master, target: choice.target, subtitles } : null;
  const resumable = useResumableUpload(input && resumeKeyOf(input));
  const busy = upload.phase !== "idle" && upload.phase !== "failed";
  const passed =
    preflight?.status === "checked" && preflight.preflight.ok ? preflight.preflight : null;
  const refusal =
    preflight?.status === "checked" && !preflight.preflight.ok
      ? preflight.preflight.reason
      : undefined;

  function chooseMaster(file: File | undefined) {
    setMaster(file ?? null);
    setMissing(undefined);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!master) return setMissing("Choose the video file first.");
    if (preflight?.status === "checking") return setMissing("Wait for the file's check to finish.");
    // Without a passed check or a place to go there is nothing to send; the form says why.
    if (passed && input) void upload.start(input);
  }

  function next() {
    upload.reset();
    setMaster(null);
    setChoice(null);
    setSubtitles([]);
    setRound((value) => value + 1);
  }

  return (
    <div className="page">
      <title>Upload a video · Marquee</title>
      <h1 className="page__title">Upload a video</h1>
      <ErrorMessage error={limit.error} />
      <form className="upload-form" onSubmit={submit}>
        <section className="panel" aria-labelledby="upload-video-heading">
          <h2 id="upload-video-heading">Video</h2>
          <FileDropZone
            label="Video file"
            hint={`MP4, QuickTime, Matroska, WebM, MPEG-TS, AVI or MXF, up to 6 hours${limit.data ? ` and ${formatBytes(limit.data)}` : ""}. It is checked here before anything is sent.`}
            error={refusal ?? missing}
            accept={VIDEO_TYPES}
            disabled={busy}
            prompt="Drop the video here, or"
            onFiles={([file]) => chooseMaster(file)}
          >
            {master && (
              <p className="drop-zone__chosen">
                {master.name} · {formatBytes(master.size)}
              </p>
            )}
          </FileDropZone>
          <StatusMessage>{preflightNews(preflight)}</StatusMessage>
          {preflight?.status === "failed" && <ErrorMessage error={preflight.error} />}
          {master && passed && (
            <PreflightSummary file={master} info={passed.info} posterUrl={passed.posterUrl} />
          )}
        </section>

        <section className="panel" aria-labelledby="upload-title-heading">
          <h2 id="upload-title-heading">Title</h2>
          <TargetPicker key={round} disabled={busy} onChange={setChoice} />
        </section>

        <section className="panel" aria-labelledby="upload-subtitles-heading">
          <h2 id="upload-subtitles-heading">Subtitles (optional)</h2>
          <SubtitleFiles value={subtitles} disabled={busy} onChange={setSubtitles} />
        </section>

        <section className="panel" aria-labelledby="upload-send-heading">
          <h2 id="upload-send-heading">Upload</h2>
          {choice && <p className="panel__text">For {choice.name}.</p>}
          {resumable && upload.phase === "idle" && (
            <p className="panel__text">
              This file was partly uploaded for this title before: the upload picks up where it
              stopped.
            </p>
          )}
          {(upload.phase === "idle" ||
            upload.phase === "starting" ||
            upload.phase === "failed") && (
            <SubmitButton pending={upload.phase === "starting"} pendingLabel="Starting…">
              {upload.phase === "failed" ? "Try again" : "Upload"}
            </SubmitButton>
          )}
          <UploadProgress
            upload={upload}
            onPause={upload.pause}
            onResume={upload.resume}
            onNext={next}
          />
        </section>
      </form>
    </div>
  );
}
