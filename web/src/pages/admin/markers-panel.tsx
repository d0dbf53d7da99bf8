/**
 * A video's intro, recap and credits markers, on its ingest job's page once
 * it plays: per kind, what is in force (an admin's, else what ingest
 * detected, with how sure it is), and a form to set where it is, say there
 * is none, or hand it back to detection. The server checks the spans.
 */
import { useCallback, useState, type FormEvent } from "react";
import { getVideoMarkers, setVideoMarkers, type MarkedVideo } from "../../api/client.ts";
import type { MarkersInput, VideoMarkers } from "../../api/types.ts";
import { ChoiceGroup } from "../../components/choice-group.tsx";
import { ErrorMessage } from "../../components/error-message.tsx";
import { TextField } from "../../components/field.tsx";
import { StatusMessage } from "../../components/status-message.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { useAsyncAction } from "../../hooks/use-async-action.ts";
import { useResource } from "../../hooks/use-resource.ts";
import { fieldErrors } from "../../util/field-errors.ts";
import { formatPlaybackTime } from "../../util/format-playback-time.ts";
import "./markers-panel.css";

const KINDS = [
  { kind: "recap", label: "Recap", span: true },
  { kind: "intro", label: "Intro", span: true },
  { kind: "credits", label: "Credits", span: false },
] as const;
type Kind = (typeof KINDS)[number]["kind"];
type Choice = "detected" | "none" | "at";
type Draft = Record<Kind, { choice: Choice; start: string; end: string }>;
type Marker = VideoMarkers["inForce"][Kind];

const CHOICES = [
  { value: "detected", label: "As detected" },
  { value: "none", label: "None" },
  { value: "at", label: "At" },
] as const;

/** The form as the markers stand: an admin's marker as times, an admin's "none", or detection. */
function draftOf(markers: VideoMarkers): Draft {
  const entry = (kind: Kind) => {
    const inForce = markers.inForce[kind];
    const choice: Choice =
      inForce?.source === "admin" ? "at" : !inForce && markers.detected[kind] ? "none" : "detected";
    return {
      choice,
      start: inForce ? String(inForce.startSeconds) : "",
      end: inForce?.endSeconds != null ? String(inForce.endSeconds) : "",
    };
  };
  return { recap: entry("recap"), intro: entry("intro"), credits: entry("credits") };
}

function inputOf(draft: Draft): MarkersInput {
  /** "As detected" and "None" as the API says them (null is "None"). */
  const unset = (kind: Kind) => (draft[kind].choice === "none" ? null : ("detected" as const));
  const span = (kind: "recap" | "intro") =>
    draft[kind].choice === "at"
      ? { startSeconds: Number(draft[kind].start), endSeconds: Number(draft[kind].end) }
      : unset(kind);
  return {
    recap: span("recap"),
    intro: span("intro"),
    credits:
      draft.credits.choice === "at"
        ? { startSeconds: Number(draft.credits.start) }
        : unset("credits"),
  };
}

function describe(marker: Marker): string {
  if (!marker) return "none";
  const where =
    marker.endSeconds === null
      ? `from ${formatPlaybackTime(marker.startSeconds)}`
      : `${formatPlaybackTime(marker.startSeconds)}–${formatPlaybackTime(marker.endSeconds)}`;
  return marker.source === "admin"
    ? `${where}, set by an admin`
    : `${where}, detected (${Math.round(marker.confidence * 100)}% sure)`;
}

/** A movie's markers (`titleId`), or an episode's (`episodeId` too). */
export function MarkersPanel({
  titleId,
  episodeId,
}: {
  titleId: string;
  episodeId: string | null;
}) {
  const video: MarkedVideo = episodeId ? { episodeId } : { titleId };
  const load = useCallback(
    // Rebuilt from the ids, so the loader changes only when they do.
    () => getVideoMarkers(episodeId ? { episodeId } : { titleId }),
    [titleId, episodeId],
  );
  const markers = useResource(load);
  return (
    <section className="markers-panel" aria-labelledby="markers-heading">
      <h2 id="markers-heading" className="job-page__heading">
        Intro, recap and credits
      </h2>
      <ErrorMessage error={markers.error} />
      {markers.data ? (
        <MarkersForm key={JSON.stringify(markers.data)} video={video} markers={markers.data} />
      ) : (
        !markers.error && <p className="panel__text">Loading…</p>
      )}
    </section>
  );
}

function MarkersForm({ video, markers }: { video: MarkedVideo; markers: VideoMarkers }) {
  const [shown, setShown] = useState(markers);
  const [draft, setDraft] = useState(() => draftOf(markers));
  const [saved, setSaved] = useState(false);
  const action = useAsyncAction();
  const errors = fieldErrors(action.error, ["recap", "intro", "credits"]);
  const change = (kind: Kind, patch: Partial<Draft[Kind]>) => {
    setSaved(false);
    setDraft((current) => ({ ...current, [kind]: { ...current[kind], ...patch } }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await action.run(() => setVideoMarkers(video, inputOf(draft)));
    if (!result) return;
    setShown(result);
    setDraft(draftOf(result));
    setSaved(true);
  }

  return (
    <form className="markers-panel__form" onSubmit={(event) => void submit(event)}>
      {KINDS.map(({ kind, label, span }) => (
        <fieldset key={kind} className="markers-panel__kind" disabled={action.pending}>
          <legend className="markers-panel__legend">
            {label}: {describe(shown.inForce[kind])}
          </legend>
          <ChoiceGroup
            legend={`${label} marker`}
            type="radio"
            options={CHOICES}
            selected={[draft[kind].choice]}
            onChange={([choice]) => change(kind, { choice: choice ?? "detected" })}
            error={errors.at(kind)}
          />
          {draft[kind].choice === "at" && (
            <div className="markers-panel__times">
              <SecondsField
                label={`${label} starts at (seconds)`}
                value={draft[kind].start}
                onChange={(start) => change(kind, { start })}
              />
              {span && (
                <SecondsField
                  label={`${label} ends at (seconds)`}
                  value={draft[kind].end}
                  onChange={(end) => change(kind, { end })}
                />
              )}
            </div>
          )}
        </fieldset>
      ))}
      <ErrorMessage error={action.error} inlineFields={errors.placed} />
      <StatusMessage>{saved && "Markers saved."}</StatusMessage>
      <SubmitButton pending={action.pending} pendingLabel="Saving…">
        Save markers
      </SubmitButton>
    </form>
  );
}

function SecondsField(props: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <TextField
      label={props.label}
      type="number"
      min={0}
      step={0.1}
      required
      value={props.value}
      onChange={(event) => props.onChange(event.target.value)}
    />
  );
}
