/** A series' episodes, one season at a time: pick the season, read its episodes. */
import { useId, useState } from "react";
import { Link } from "react-router";
import type { Season } from "../api/types.ts";
import { Field } from "../components/field.tsx";
import { formatRuntime } from "../util/title-facts.ts";
import "./episode-picker.css";

interface EpisodePickerProps {
  titleId: string;
  seasons: Season[];
  /** Opens at the season of the episode the profile stopped in. */
  resumeEpisodeId?: string | null | undefined;
}

export function EpisodePicker({ titleId, seasons, resumeEpisodeId }: EpisodePickerProps) {
  const headingId = useId();
  const [seasonId, setSeasonId] = useState(
    () =>
      seasons.find((season) => season.episodes.some((episode) => episode.id === resumeEpisodeId))
        ?.id ?? seasons[0]?.id,
  );
  const season = seasons.find((candidate) => candidate.id === seasonId) ?? seasons[0];
  if (!season) return null;

  return (
    <section className="title-details__section episodes" aria-labelledby={headingId}>
      <div className="episodes__header">
        <h3 id={headingId} className="title-details__heading">
          Episodes
        </h3>
        {seasons.length > 1 ? (
          <Field label="Season">
            {(control) => (
              <select
                className="field__input episodes__season"
                value={season.id}
                onChange={(event) => setSeasonId(event.target.value)}
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
        ) : (
          <p className="episodes__season-name">{season.name}</p>
        )}
      </div>
      {season.synopsis && <p className="episodes__synopsis">{season.synopsis}</p>}
      <ol className="episodes__list" aria-label={`${season.name} episodes`}>
        {season.episodes.map((episode) => (
          <li key={episode.id} className="episode">
            <span className="episode__number" aria-hidden="true">
              {episode.number}
            </span>
            <div className="episode__text">
              <h4 className="episode__name">
                <span className="visually-hidden">Episode {episode.number}: </span>
                {episode.playable ? (
                  <Link to={`/watch/${titleId}?episode=${episode.id}`}>{episode.name}</Link>
                ) : (
                  episode.name
                )}
              </h4>
              <p className="episode__synopsis">{episode.synopsis}</p>
            </div>
            <span className="episode__runtime">{formatRuntime(episode.runtimeMinutes)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
