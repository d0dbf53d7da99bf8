/**
 * Choosing what an upload is for: find a title in the whole catalog
 * (published or not), then a film is the choice itself, and a series asks
 * for the season and episode. Titles are a radio group, so arrow keys move
 * through them and the choice is announced.
 */
import { useCallback, useState } from "react";
import { getAdminTitle, listAdminTitles } from "../../api/client.ts";
import type { AdminTitleSummary } from "../../api/types.ts";
import { ErrorMessage } from "../../components/error-message.tsx";
import { Field, TextField } from "../../components/field.tsx";
import { useDebouncedValue } from "../../hooks/use-debounced-value.ts";
import { useResource } from "../../hooks/use-resource.ts";
import type { UploadTarget } from "../../upload/ingest-upload.ts";
import { TYPE_LABELS } from "../../util/title-facts.ts";
import "./target-picker.css";

const RESULTS = 12;
const DEBOUNCE_MS = 250;

/** Where an upload goes, and what people call it. */
export interface UploadChoice {
  target: UploadTarget;
  /** The title, and the episode if any: "Harbor Lights · S1 E2 The Tide". */
  name: string;
}

interface TargetPickerProps {
  disabled: boolean;
  onChange: (choice: UploadChoice | null) => void;
}

export function TargetPicker({ disabled, onChange }: TargetPickerProps) {
  const [query, setQuery] = useState("");
  const [title, setTitle] = useState<AdminTitleSummary | null>(null);
  const q = useDebouncedValue(query.trim(), DEBOUNCE_MS);
  const load = useCallback(() => listAdminTitles({ q: q || undefined, pageSize: RESULTS }), [q]);
  const titles = useResource(load);

  function choose(chosen: AdminTitleSummary) {
    setTitle(chosen);
    onChange(
      chosen.type === "movie" ? { target: { titleId: chosen.id }, name: chosen.name } : null,
    );
  }

  // The chosen title stays on offer while other searches come and go.
  const found = titles.data?.titles ?? [];
  const offered = title && !found.some(({ id }) => id === title.id) ? [title, ...found] : found;

  return (
    <>
      <TextField
        label="Find a title"
        type="search"
        autoComplete="off"
        hint="Films take the video themselves; for a series, choose the episode next."
        value={query}
        disabled={disabled}
        onChange={(event) => setQuery(event.target.value)}
      />
      <ErrorMessage error={titles.error} />
      <fieldset className="choice-group target-picker" disabled={disabled}>
        <legend className="field__label">Title</legend>
        {titles.data && offered.length === 0 && (
          <p className="panel__text">No titles match “{q}”.</p>
        )}
        <div className="target-picker__titles">
          {offered.map((option) => (
            <label key={option.id} className="choice-group__option">
              <input
                type="radio"
                name="upload-title"
                required
                value={option.id}
                checked={title?.id === option.id}
                onChange={() => choose(option)}
              />
              <span>
                {option.name}{" "}
                <span className="target-picker__facts">
                  {TYPE_LABELS[option.type]} · {option.year}
                  {!option.published && " · unpublished"}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {title?.type === "series" && (
        <EpisodeChooser key={title.id} series={title} disabled={disabled} onChange={onChange} />
      )}
    </>
  );
}

interface EpisodeChooserProps {
  series: AdminTitleSummary;
  disabled: boolean;
  onChange: (choice: UploadChoice | null) => void;
}

/** A series' season, then one of its episodes (which says when it already has video). */
function EpisodeChooser({ series, disabled, onChange }: EpisodeChooserProps) {
  const load = useCallback(() => getAdminTitle(series.id), [series.id]);
  const details = useResource(load);
  const [seasonId, setSeasonId] = useState<string | null>(null);
  const [episodeId, setEpisodeId] = useState("");
  const seasons = details.data?.seasons ?? [];
  const season = seasons.find(({ id }) => id === seasonId) ?? seasons[0];

  function chooseEpisode(id: string) {
    setEpisodeId(id);
    const episode = season?.episodes.find((candidate) => candidate.id === id);
    onChange(
      season && episode
        ? {
            target: { episodeId: episode.id },
            name: `${series.name} · S${season.number} E${episode.number} ${episode.name}`,
          }
        : null,
    );
  }

  if (details.error) return <ErrorMessage error={details.error} />;
  if (!details.data) return null;
  if (!season) return <p className="panel__text">{series.name} has no episodes yet.</p>;
  return (
    <div className="target-picker__episode">
      <Field label="Season">
        {(control) => (
          <select
            className="field__input"
            value={season.id}
            disabled={disabled}
            onChange={(event) => {
              setSeasonId(event.target.value);
              chooseEpisode("");
            }}
            {...control}
          >
            {seasons.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Episode">
        {(control) => (
          <select
            className="field__input"
            required
            value={episodeId}
            disabled={disabled}
            onChange={(event) => chooseEpisode(event.target.value)}
            {...control}
          >
            <option value="">Choose an episode</option>
            {season.episodes.map((episode) => (
              <option key={episode.id} value={episode.id}>
                {episode.number}. {episode.name}
                {episode.playable && " (has video)"}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
